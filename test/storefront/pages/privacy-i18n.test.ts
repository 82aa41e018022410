// The privacy pages in the shopper's language (issue #13): the privacy center (a guest's and a
// signed-in customer's, their confirmations and refusals), a guest's mailed request page, and the
// policy's page around the shop's English legal text. The center is per shopper (the choice
// cookie); the policy is cached publicly, so its language comes from its URL's prefix alone.
import { describe, expect, it } from "vitest";
import { PUBLIC_CACHE_CONTROL } from "../../../workers/storefront/middleware/public-cache";
import { readPublishedPolicy } from "../../../workers/storefront/privacy/policy";
import { registeredCustomer } from "../fixtures/accounts";
import { Shopper, testDb } from "../fixtures/commerce";
import { guestOrder, linkStatus, mailedLink } from "../privacy/guest-request-fixtures";

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const LOCALE_COOKIE = "__Host-lw_locale";

function shopperIn(segment: string, shopper = new Shopper()): Shopper {
	shopper.cookies.set(LOCALE_COOKIE, segment);
	return shopper;
}

function postForm(shopper: Shopper, path: string, fields: Record<string, string>) {
	return shopper.fetch(path, { method: "POST", headers: FORM, body: new URLSearchParams(fields).toString() });
}

async function pageIn(res: Response, lang: string, status = 200): Promise<string> {
	const text = await res.text();
	expect(res.status, text.slice(0, 800)).toBe(status);
	expect(res.headers.get("content-type")).toContain("text/html");
	// The default locale's pages say "en" or "en-US" (the layout's choice); others their full tag.
	expect(text).toMatch(lang === "en" ? /<html lang="en(?:-US)?">/ : `<html lang="${lang}">`);
	expect(text.match(/<h1[ >]/g)).toHaveLength(1);
	return text;
}

describe("the privacy center with the choice cookie es-es", () => {
	it("is Spanish for a guest, its form and its refusals included, with the same 400", async () => {
		const shopper = shopperIn("es-es");
		const res = await shopper.fetch("/privacy/center");
		expect(res.headers.get("cache-control")).toBe("no-store");
		const html = await pageIn(res, "es-ES");
		expect(html).toContain("<h1>Centro de privacidad</h1>");
		expect(html).toContain("<title>Centro de privacidad · Loomwash</title>");
		expect(html).toContain("<legend>Analítica anónima</legend>");
		expect(html).toContain("Todavía no ha elegido.");
		expect(html).toContain('<label for="r-orderNumber">Número de pedido</label>');
		expect(html).toContain("<span>La supresión de los datos personales del pedido</span>");
		expect(html).toContain('<button type="submit">Enviarme el enlace</button>');
		// The policy is a public page: the link goes to its Spanish copy directly.
		expect(html).toContain('<a href="/es-es/privacy">política de privacidad</a>');
		expect(html).not.toContain("Privacy center");
		expect(html).not.toContain("Save choices");

		const order = await guestOrder();
		const refused = await pageIn(
			await postForm(shopper, "/privacy/center/request", { orderNumber: order.number, email: "", kind: "x" }),
			"es-ES",
			400,
		);
		expect(refused).toContain("<title>Error: Centro de privacidad · Loomwash</title>");
		expect(refused).toContain('<a href="#r-email">Introduzca el correo electrónico que indicó al pagar.</a>');
		expect(refused).toContain('<a href="#r-kind-export">Elija lo que desea.</a>');

		const consent = await pageIn(await postForm(shopper, "/privacy/center/consent", {}), "es-ES", 400);
		expect(consent).toContain("Elija activado o desactivado.");
	});

	it("confirms in Spanish, and shows a customer's rights and recorded consent the Spanish way", async () => {
		const guest = shopperIn("es-es");
		const done = await pageIn(await guest.fetch("/privacy/center?done=request"), "es-ES");
		expect(done).toContain(
			'<p class="confirmation" role="status">Si el número de pedido y el correo electrónico coinciden con un pedido de invitado, hemos enviado un enlace a ese correo.</p>',
		);

		const { shopper } = await registeredCustomer();
		shopperIn("es-es", shopper);
		const html = await pageIn(await shopper.fetch("/privacy/center"), "es-ES");
		expect(html).toContain("Registrado según la política de privacidad 2026-11-01 el ");
		expect(html).toContain(
			'<a href="/account/profile">Su perfil</a>: el nombre con el que nos dirigimos a usted.',
		);
		expect(html).toContain(
			'<a class="button" href="/privacy/center/export" download="">Descargar mis datos</a>',
		);
		expect(html).toContain('<a href="/privacy/center/delete">Eliminar mi cuenta…</a>');

		const step = await pageIn(await shopper.fetch("/privacy/center/delete"), "es-ES");
		expect(step).toContain("<h2>Lo que se elimina</h2>");
		const wrong = await pageIn(
			await postForm(shopper, "/privacy/center/delete", { password: "not the password at all" }),
			"es-ES",
			403,
		);
		expect(wrong).toContain("Esa no es su contraseña. Su cuenta no ha cambiado.");
		expect((await shopper.fetch("/api/v1/me")).status).toBe(200);
	});
});

describe("a guest's mailed request page with the choice cookie ja-jp", () => {
	it("is Japanese, and so is the API's refusal to delete an order still in progress (409)", async () => {
		const order = await guestOrder();
		const token = await mailedLink(order, "deletion");
		const shopper = shopperIn("ja-jp");
		const res = await shopper.fetch(`/privacy/requests/${token}`);
		expect(res.headers.get("cache-control")).toBe("no-store");
		const html = await pageIn(res, "ja-JP");
		expect(html).toContain("<h1>ご注文の個人データの削除</h1>");
		expect(html).toContain(`<p class="lead">注文 ${order.number}</p>`);
		expect(html).toContain('<button type="submit">データを削除</button>');
		expect(html).not.toContain("Delete your order");

		const refused = await pageIn(await postForm(shopper, `/privacy/requests/${token}`, {}), "ja-JP", 409);
		expect(refused).toContain(
			'<p role="alert">このご注文はまだ処理中です。お届けまたはキャンセルの後にデータを削除できます。</p>',
		);
		expect(await linkStatus(token)).toBe("pending");
	});

	it("says in Japanese that a link does not work, and that a correction is done", async () => {
		const shopper = shopperIn("ja-jp");
		const unknown = "A".repeat(43);
		const html = await pageIn(await shopper.fetch(`/privacy/requests/${unknown}`), "ja-JP", 404);
		expect(html).toContain("<h1>無効なリンク</h1>");
		// Nothing of the link on its page: the language choice goes back to the center.
		expect(html).not.toContain(unknown);
		expect(html).toContain("このリンクは無効になりました。新しいリンクをご請求ください。");
		const correction = await mailedLink(await guestOrder({ delivered: true }), "correction");
		const done = await pageIn(
			await postForm(shopper, `/privacy/requests/${correction}`, { correction: "郵便番号の訂正" }),
			"ja-JP",
		);
		expect(done).toContain("<h1>手続きが完了しました</h1>");
	});
});

describe("the policy page under a locale prefix", () => {
	it("serves /fr-fr/privacy publicly cached, its chrome in French around the English policy", async () => {
		const policy = await readPublishedPolicy(testDb(), Date.now());
		if (!policy) throw new Error("no policy seeded");
		const res = await new Shopper().fetch("/fr-fr/privacy");
		expect(res.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
		expect(res.headers.getSetCookie()).toEqual([]);
		const html = await pageIn(res, "fr-FR");
		expect(html).toContain("<h1>Politique de confidentialité</h1>");
		expect(html).toContain('<p class="notice">Cette politique est publiée en anglais.</p>');
		expect(html).toContain("<dt>Applicable depuis le</dt>");
		expect(html).toContain(`<time datetime="${policy.current.effectiveAt}">1 novembre 2026</time>`);
		expect(html).toContain('<ol class="clauses" lang="en">');
		const [clause] = policy.current.clauses;
		expect(html).toContain(`<h3>${clause?.id} ${clause?.title}</h3>`);
		expect(html).toContain('<strong lang="fr-FR">Comment la boutique la respecte :</strong>');
		expect(html).toContain("<caption>Destinataires des données personnelles</caption>");
		expect(html).toContain(`<span aria-current="page">${policy.current.version}</span> (en vigueur)`);
	});

	it("sends a shopper who chose French from /privacy to /fr-fr/privacy, never stored; others read English", async () => {
		const chose = await shopperIn("fr-fr").fetch("/privacy");
		expect(chose.status).toBe(302);
		expect(chose.headers.get("location")).toBe("/fr-fr/privacy");
		expect(chose.headers.get("cache-control")).toContain("no-store");

		const html = await pageIn(await new Shopper().fetch("/privacy"), "en");
		expect(html).toContain("<h1>Privacy policy</h1>");
		expect(html).not.toContain("published in English");
		expect(html).toContain('<ol class="clauses">');
		expect((await new Shopper().fetch("/xx-yy/privacy")).status).toBe(404);
		expect((await new Shopper().fetch("/de-de/privacy/versions/latest")).status).toBe(404);
	});
});
