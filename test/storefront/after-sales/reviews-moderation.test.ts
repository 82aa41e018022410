// Review moderation (issue #8): support only (operation reviews.moderate), a queue without personal
// data, texts opened by the vault for purpose support (audited), publishing and rejecting through
// the vault's audited publication list, which alone lets a text reach the product.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { staffToken } from "../analytics/helpers";
import {
	asStaff,
	productDetail,
	productPage,
	publishReview,
	reviewRows,
	verifiedBuyer,
	writtenReview,
} from "./review-fixtures";

type StaffReviewBody = {
	id: string;
	product: { id: number; slug: string };
	status: string;
	rating: number;
	anonymised: boolean;
	moderatedAt: number | null;
};
type Page = { reviews: StaffReviewBody[]; nextCursor: string | null };

async function auditSince(seq: number) {
	const { results } = await env.VAULT_DB.prepare(
		"select action, purpose, outcome, actor_role, fields from audit_log where seq > ? order by seq",
	)
		.bind(seq)
		.all<{
			action: string;
			purpose: string | null;
			outcome: string;
			actor_role: string | null;
			fields: string;
		}>();
	return results;
}

async function auditHead(): Promise<number> {
	return (
		(await env.VAULT_DB.prepare("select coalesce(max(seq), 0) as n from audit_log").first<{ n: number }>())
			?.n ?? 0
	);
}

async function publications(rowId: string): Promise<number> {
	return (
		(
			await env.VAULT_DB.prepare("select count(*) as n from publications where row_id = ?")
				.bind(rowId)
				.first<{ n: number }>()
		)?.n ?? 0
	);
}

async function aReview(text = "Held up to two toddlers and a spaniel.", rating = 4) {
	const { product, customer } = await verifiedBuyer();
	const review = await writtenReview(customer.shopper, product, rating, text);
	return { product, customer, review, text };
}

describe("moderation by role", () => {
	it("lets support moderate; every other role gets 403 and changes nothing", async () => {
		const { review } = await aReview();
		const paths: [string, string][] = [
			["GET", "/api/v1/staff/reviews"],
			["GET", `/api/v1/staff/reviews/${review.id}`],
			["POST", `/api/v1/staff/reviews/${review.id}/publish`],
			["POST", `/api/v1/staff/reviews/${review.id}/reject`],
		];
		for (const role of ["fulfilment", "compliance", "admin"] as const) {
			const token = await staffToken({ role });
			for (const [method, path] of paths) {
				const res = await asStaff({ token }, path, { method });
				expect(res.status, `${role} ${method} ${path}`).toBe(403);
			}
		}
		for (const [method, path] of paths) {
			expect((await asStaff({ token: "not-a-token" }, path, { method })).status).toBe(401);
		}
		const [row] = await reviewRows(review.product.id);
		expect(row?.status).toBe("pending");
		expect(await publications(review.id)).toBe(0);
		expect((await asStaff("support", "/api/v1/staff/reviews")).status).toBe(200);
	});
});

describe("GET /api/v1/staff/reviews", () => {
	it("lists reviews by status, oldest first, page by page, without personal data", async () => {
		const written = [
			await aReview("Queue text one, private."),
			await aReview("Queue text two, private."),
			await aReview("Queue text three, private."),
		];
		expect((await publishReview(written[1]?.review.id as string)).status).toBe(200);
		const token = await staffToken({ role: "support" });
		const pages: Page[] = [];
		let cursor: string | null = null;
		do {
			const query: string = `status=pending&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
			const res = await asStaff({ token }, `/api/v1/staff/reviews?${query}`);
			expect(res.status).toBe(200);
			expect(res.headers.get("cache-control")).toContain("no-store");
			const page = (await res.json()) as Page;
			expect(page.reviews.length).toBeLessThanOrEqual(2);
			pages.push(page);
			cursor = page.nextCursor;
		} while (cursor);
		const listed = pages.flatMap((page) => page.reviews);
		expect(listed.every((r) => r.status === "pending")).toBe(true);
		const ours = listed.filter((r) => written.some((w) => w.review.id === r.id)).map((r) => r.id);
		expect(ours).toEqual([written[0]?.review.id, written[2]?.review.id]);

		const text = JSON.stringify(pages);
		for (const { text: secret, customer } of written) {
			expect(text).not.toContain(secret);
			expect(text).not.toContain(customer.nickname);
			expect(text).not.toContain(customer.accountId);
		}
		expect(text).not.toMatch(/subjectId|_ct|Ct"|customerId/);

		const published = (await (
			await asStaff({ token }, "/api/v1/staff/reviews?status=published")
		).json()) as Page;
		expect(published.reviews.map((r) => r.id)).toContain(written[1]?.review.id);
		for (const bad of ["status=hidden", "limit=0", "limit=101", "cursor=1.nope", "extra=1"]) {
			expect((await asStaff({ token }, `/api/v1/staff/reviews?${bad}`)).status, bad).toBe(400);
		}
	});
});

describe("GET /api/v1/staff/reviews/{id}", () => {
	it("opens the text and nickname for support through the vault, audited with purpose support", async () => {
		const { review, text, customer } = await aReview("Pending words staff must read first.");
		const token = await staffToken({ role: "support" });
		const before = await auditHead();
		const res = await asStaff({ token }, `/api/v1/staff/reviews/${review.id}`);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({
			id: review.id,
			status: "pending",
			purpose: "support",
			text,
			nickname: customer.nickname,
		});
		const entries = await auditSince(before);
		expect(entries).toEqual([
			{
				action: "open",
				purpose: "support",
				outcome: "allowed",
				actor_role: "support",
				fields: JSON.stringify(["reviews.nickname", "reviews.text"]),
			},
		]);
		expect((await asStaff({ token }, "/api/v1/staff/reviews/rev_0000000000000000000000")).status).toBe(404);
		expect((await asStaff({ token }, "/api/v1/staff/reviews/not-an-id")).status).toBe(400);
	});
});

describe("POST /api/v1/staff/reviews/{id}/publish and /reject", () => {
	it("publishes through the vault (audited), shows it only then, and withdraws it on rejection", async () => {
		const { product, review, text } = await aReview("Worth every cent, washes well.", 5);
		expect(await productDetail(product)).toMatchObject({ rating: { average: null, count: 0 }, reviews: [] });

		const token = await staffToken({ role: "support" });
		const before = await auditHead();
		const published = await asStaff({ token }, `/api/v1/staff/reviews/${review.id}/publish`, {
			method: "POST",
		});
		expect(published.status).toBe(200);
		const body = (await published.json()) as { review: StaffReviewBody };
		expect(body.review).toMatchObject({ id: review.id, status: "published", anonymised: false });
		expect(body.review.moderatedAt).toEqual(expect.any(Number));
		expect((await auditSince(before)).map((e) => [e.action, e.outcome, e.actor_role])).toEqual([
			["publish", "allowed", "support"],
		]);
		expect(await publications(review.id)).toBe(1);
		const shown = await productDetail(product);
		expect(shown.rating).toEqual({ average: 5, count: 1 });
		expect(shown.reviews.map((r) => r.text)).toEqual([text]);

		// Asking again changes nothing, and asks the vault for nothing.
		const again = await auditHead();
		expect(
			(await asStaff({ token }, `/api/v1/staff/reviews/${review.id}/publish`, { method: "POST" })).status,
		).toBe(200);
		expect(await auditHead()).toBe(again);

		const rejected = await asStaff({ token }, `/api/v1/staff/reviews/${review.id}/reject`, {
			method: "POST",
		});
		expect(rejected.status).toBe(200);
		expect(((await rejected.json()) as { review: StaffReviewBody }).review.status).toBe("rejected");
		expect(await publications(review.id)).toBe(0);
		expect(await productDetail(product)).toMatchObject({ rating: { average: null, count: 0 }, reviews: [] });
		// Withdrawn in the vault as well: even the stored ciphertext no longer opens publicly.
		const [row] = await reviewRows(product.productId);
		if (!row) throw new Error("no row");
		const opened = await env.VAULT.openPublished({
			items: [
				{ subjectId: row.subjectId, table: "reviews", rowId: row.id, field: "text", ciphertext: row.textCt },
			],
		});
		expect(opened).toMatchObject({ ok: true, values: [null] });

		expect(
			(
				await asStaff({ token }, "/api/v1/staff/reviews/rev_0000000000000000000000/publish", {
					method: "POST",
				})
			).status,
		).toBe(404);
	});

	it("never shows a pending or rejected review, whatever its rating", async () => {
		const { product, customer } = await verifiedBuyer();
		const pending = await writtenReview(customer.shopper, product, 1, "Pending: never on the product.");
		const { customer: second } = await verifiedBuyer(product);
		const rejected = await writtenReview(second.shopper, product, 2, "Rejected: never on the product.");
		expect(
			(await asStaff("support", `/api/v1/staff/reviews/${rejected.id}/reject`, { method: "POST" })).status,
		).toBe(200);
		const statuses = (await reviewRows(product.productId)).map((r) => [r.id, r.status]);
		expect(statuses).toEqual([
			[pending.id, "pending"],
			[rejected.id, "rejected"],
		]);
		expect(await productDetail(product)).toMatchObject({ rating: { average: null, count: 0 }, reviews: [] });
		const page = await productPage(product);
		expect(page).toContain("No reviews yet.");
		expect(page).not.toContain("never on the product");
	});
});
