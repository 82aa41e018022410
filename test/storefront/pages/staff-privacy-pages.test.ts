// The staff console's privacy pages through the real worker and vault: lawful disclosure requests
// (asked, decided by another compliance officer — the vault's refusal of self-approval shown on the
// page — and run once, on the page or as a file, logged), the admin's retention batch and key
// rotation. Bad input is the form again with a 4xx and changes nothing; other roles are refused.
import { describe, expect, it } from "vitest";
import {
	auditAfter,
	auditHead,
	disclosureCount,
	disclosureStatus,
	orderWithCases,
	QUESTION,
	RETURN_TEXT,
} from "../privacy/disclosure-fixtures";
import {
	expectHostileBodiesRefused,
	expectLabelledControls,
	signedIn,
	staffPage,
} from "./staff-console-fixtures";

const SCOPE = [
	["scope", "order_contacts.email"],
	["scope", "returns.details"],
	["scope", "consultation_messages.body"],
];

function requestFields(orderNumber: string, reference = "Court order 2026/17-B") {
	return [["basis", "legal_order"], ["reference", reference], ["orderNumber", orderNumber], ...SCOPE];
}

/** Asks through the page; the new request's id from the redirect. */
async function asked(browser: Awaited<ReturnType<typeof signedIn>>["browser"], orderNumber: string) {
	const res = await browser.post("/staff/disclosures", requestFields(orderNumber));
	expect(res.status, await res.clone().text()).toBe(303);
	const id = /^\/staff\/disclosures\/(dsc_[A-Za-z0-9_-]{16})$/.exec(res.headers.get("location") ?? "")?.[1];
	expect(id).toBeDefined();
	return id ?? "";
}

describe("disclosure requests", () => {
	it("asks for one from the list's form; bad input and an unknown order are the form again, asking nothing", async () => {
		const order = await orderWithCases();
		const { browser } = await signedIn("support");
		const list = await staffPage(await browser.fetch("/staff/disclosures"));
		expect(list).toContain('action="/staff/disclosures"');
		expectLabelledControls(list);
		await staffPage(await browser.fetch("/staff/disclosures?status=lost"), 400);

		const count = await disclosureCount();
		const bad = await staffPage(
			await browser.post("/staff/disclosures", [
				["basis", "curiosity"],
				["reference", "<x>"],
				["orderNumber", order.number],
			]),
			400,
		);
		for (const id of ["d-basis", "d-reference", "scope-0"]) expect(bad).toContain(`href="#${id}"`);
		expect(bad).toMatch(/id="d-reference"[^>]*aria-invalid="true"/);
		expect(bad).toMatch(new RegExp(`id="d-order"[^>]*value="${order.number}"`));
		const unknown = await staffPage(
			await browser.post("/staff/disclosures", requestFields("LW-AAAA-AAAA-AAAA")),
			404,
		);
		expect(unknown).toContain("There is no order with this number");
		expect(unknown).toMatch(/id="scope-4"[^>]*checked/);
		await expectHostileBodiesRefused(browser, ["/staff/disclosures"]);
		expect(await disclosureCount()).toBe(count);

		const id = await asked(browser, order.number);
		const page = await staffPage(await browser.fetch(`/staff/disclosures/${id}`));
		expect(page).toContain("Requested (awaiting a decision)");
		expect(page).toContain("Court order 2026/17-B");
		// Support asks; deciding is compliance's: no decision form here, and the vault refuses a post.
		expect(page).not.toContain("/decision");
		await staffPage(
			await browser.post(`/staff/disclosures/${id}/decision`, { decision: "approve", reason: "ok" }),
			403,
		);
		expect(await disclosureStatus(id)).toBe("requested");
	});

	it("lets another compliance officer decide, shows the vault's refusal of self-approval, and runs once, logged", async () => {
		const order = await orderWithCases();
		const asker = await signedIn("compliance");
		const id = await asked(asker.browser, order.number);
		const path = `/staff/disclosures/${id}`;

		const own = await staffPage(await asker.browser.fetch(path));
		expect(own).toContain("You asked for this");
		expectLabelledControls(own);
		const self = await staffPage(
			await asker.browser.post(`${path}/decision`, { decision: "approve", reason: "Valid court order" }),
			403,
		);
		expect(self).toContain('role="alert"');
		expect(self).toContain("The vault refused: Another compliance officer must decide your request");
		expect(self).toContain("Valid court order");
		expect(await disclosureStatus(id)).toBe("requested");

		const officer = await signedIn("compliance");
		const noReason = await staffPage(
			await officer.browser.post(`${path}/decision`, { decision: "approve" }),
			400,
		);
		expect(noReason).toContain('href="#decision-reason"');
		await staffPage(
			await officer.browser.post(`${path}/decision`, { decision: "maybe", reason: "Looks fine" }),
			400,
		);
		await expectHostileBodiesRefused(officer.browser, [`${path}/decision`, `${path}/export`]);
		expect(await disclosureStatus(id)).toBe("requested");
		// Not approved yet: the vault refuses the run, shown on the page.
		await staffPage(await officer.browser.post(`${path}/export`, { format: "page" }), 409);

		const decided = await officer.browser.post(`${path}/decision`, {
			decision: "approve",
			reason: "Valid court order",
		});
		expect(decided.status).toBe(303);
		expect(decided.headers.get("location")).toBe(path);
		expect(await disclosureStatus(id)).toBe("approved");
		const approved = await staffPage(await officer.browser.fetch(path));
		expect(approved).toContain("Run and log the export");
		expect(approved).not.toContain(RETURN_TEXT);

		const before = await auditHead();
		const res = await officer.browser.post(`${path}/export`, { format: "page" });
		const exported = await staffPage(res);
		expect(exported).toContain(RETURN_TEXT);
		expect(exported).toContain(QUESTION);
		expect(exported).toContain("ada@example.com");
		expect(exported).toContain("This run was logged");
		expect(exported).toContain(res.headers.get("x-request-id") ?? "-");
		expect((await auditAfter(before)).map((e) => [e.action, e.outcome])).toEqual([
			["disclosure.run", "allowed"],
		]);
		expect(await disclosureStatus(id)).toBe("executed");
		// Once only.
		const again = await staffPage(await officer.browser.post(`${path}/export`, { format: "page" }), 409);
		expect(again).not.toContain(RETURN_TEXT);
	});

	it("downloads an approved request's export as a file, never stored", async () => {
		const order = await orderWithCases();
		const id = await asked((await signedIn("support")).browser, order.number);
		const { browser } = await signedIn("compliance");
		expect(
			(
				await browser.post(`/staff/disclosures/${id}/decision`, {
					decision: "approve",
					reason: "Fraud case 88",
				})
			).status,
		).toBe(303);
		const res = await browser.post(`/staff/disclosures/${id}/export`, { format: "json" });
		expect(res.status).toBe(200);
		expect(res.headers.get("cache-control")).toBe("no-store");
		expect(res.headers.get("content-disposition")).toBe(
			`attachment; filename="loomwash-disclosure-${id}.json"`,
		);
		const body = (await res.json()) as { order: string; data: Record<string, unknown> };
		expect(body.order).toBe(order.number);
		expect(body.data["order_contacts.email"]).toBe("ada@example.com");
	});

	it("is refused to the roles that neither ask nor decide", async () => {
		const { browser } = await signedIn("admin");
		await staffPage(await browser.fetch("/staff/disclosures"), 403);
		expect(await staffPage(await (await signedIn("fulfilment")).browser.fetch("/staff"))).not.toContain(
			'href="/staff/disclosures"',
		);
	});
});

describe("retention and key rotation", () => {
	it("runs a retention dry run and shows its steps; a bad batch size is the form again", async () => {
		const { browser } = await signedIn("admin");
		const form = await staffPage(await browser.fetch("/staff/retention"));
		expect(form).toMatch(/id="dry-run"[^>]*checked/);
		expectLabelledControls(form);
		const dry = await staffPage(await browser.post("/staff/retention", { dryRun: "yes", batchSize: "50" }));
		expect(dry).toContain("Dry run: what is due");
		expect(dry).toContain('<th scope="row">orders</th>');
		expect(dry).toContain('<th scope="row">shred_sweep</th>');
		const bad = await staffPage(
			await browser.post("/staff/retention", { dryRun: "yes", batchSize: "9000" }),
			400,
		);
		expect(bad).toMatch(/id="batch-size"[^>]*aria-invalid="true"/);
		expect(bad).toContain('value="9000"');
		await expectHostileBodiesRefused(browser, ["/staff/retention", "/staff/keys"]);
		for (const role of ["support", "compliance"] as const) {
			const other = (await signedIn(role)).browser;
			await staffPage(await other.fetch("/staff/retention"), 403);
			await staffPage(await other.post("/staff/retention", { dryRun: "yes" }), 403);
		}
	});

	it("rotates keys only when confirmed; a dry run needs no confirmation", async () => {
		const { browser } = await signedIn("admin");
		const home = await staffPage(await browser.fetch("/staff"));
		expect(home).toContain('href="/staff/keys"');
		expect(home).toContain('href="/staff/retention"');
		expectLabelledControls(await staffPage(await browser.fetch("/staff/keys")));
		const unconfirmed = await staffPage(await browser.post("/staff/keys", { batchSize: "" }), 400);
		expect(unconfirmed).toContain('href="#confirm"');
		const before = await auditHead();
		const dry = await staffPage(await browser.post("/staff/keys", { dryRun: "yes", batchSize: "" }));
		expect(dry).toContain("Dry run: where rotation stands");
		expect(dry).toContain("Current key");
		const run = await staffPage(await browser.post("/staff/keys", { batchSize: "10", confirm: "yes" }));
		expect(run).toContain("This batch");
		expect(
			(await auditAfter(before)).some((e) => e.action === "keys.rotate" && e.outcome === "allowed"),
		).toBe(true);
		await staffPage(await (await signedIn("compliance")).browser.fetch("/staff/keys"), 403);
	});
});
