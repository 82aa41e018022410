// Issue #7, the attacks: one customer reaching another's data (IDOR answers 404, like nothing
// there), telling known emails from unknown ones (register, login and reset answer alike), and
// guessing passwords (429s for the guessing client; the owner still logs in from elsewhere).
import { describe, expect, it } from "vitest";
import {
	login,
	mailedToken,
	PASSWORD,
	registerBody,
	registeredCustomer,
	uniqueEmail,
} from "../fixtures/accounts";
import { createVariant, Shopper, startOfFreshRateWindow } from "../fixtures/commerce";

const ADDRESS = {
	name: "Bea Other",
	phone: "+1 415 555 0199",
	address: { line1: "2 Mission St", city: "San Francisco", region: "CA", postalCode: "94105", country: "US" },
};

/** Status and body without the request id: what an observer can compare. */
async function observable(res: Response) {
	const body = (await res.json()) as { error?: { requestId?: string } };
	if (body.error) body.error.requestId = "";
	return { status: res.status, body, cookies: res.headers.getSetCookie().map((c) => c.split("=")[0]) };
}

describe("one customer and another's data", () => {
	it("cannot read, change, delete or infer B's addresses and orders: 404 as for nothing", async () => {
		const a = await registeredCustomer();
		const b = await registeredCustomer();
		const saved = (await (await b.shopper.json("/api/v1/me/addresses", "POST", ADDRESS)).json()) as {
			id: string;
		};
		const variant = await createVariant({ stock: 2 });
		await b.shopper.createCart();
		await b.shopper.addItem(variant.variantId, 1);
		const placed = (await (
			await b.shopper.json("/api/v1/me/checkout", "POST", { addressId: saved.id, shippingMethod: "standard" })
		).json()) as { order: { number: string } };

		const missingAddress = `adr_${"A".repeat(22)}`;
		for (const method of ["PUT", "DELETE"]) {
			const body = method === "PUT" ? ADDRESS : undefined;
			const theirs = await observable(await a.shopper.json(`/api/v1/me/addresses/${saved.id}`, method, body));
			const nothing = await observable(
				await a.shopper.json(`/api/v1/me/addresses/${missingAddress}`, method, body),
			);
			expect(theirs).toEqual(nothing);
			expect(theirs.status).toBe(404);
			expect(theirs.body).toEqual({
				error: { code: "not_found", message: "No such address", requestId: "" },
			});
		}
		// A's checkout cannot ship to B's saved address either.
		await a.shopper.createCart();
		await a.shopper.addItem(variant.variantId, 1);
		const stolen = await a.shopper.json("/api/v1/me/checkout", "POST", {
			addressId: saved.id,
			shippingMethod: "standard",
		});
		expect(stolen.status).toBe(404);

		const theirs = await a.shopper.fetch(`/api/v1/me/orders/${placed.order.number}`);
		const none = await a.shopper.fetch("/api/v1/me/orders/LW-AAAA-AAAA-AAAA");
		expect(await observable(theirs)).toEqual(await observable(none));
		expect(theirs.status).toBe(404);
		const listA = (await (await a.shopper.fetch("/api/v1/me/orders")).json()) as { orders: unknown[] };
		expect(listA.orders).toEqual([]);
		const bookA = (await (await a.shopper.fetch("/api/v1/me/addresses")).json()) as { addresses: unknown[] };
		expect(bookA.addresses).toEqual([]);

		// B's data is intact and still B's.
		const bookB = (await (await b.shopper.fetch("/api/v1/me/addresses")).json()) as {
			addresses: { id: string }[];
		};
		expect(bookB.addresses.map((x) => x.id)).toEqual([saved.id]);
		const meB = (await (await b.shopper.fetch("/api/v1/me")).json()) as { email: string };
		expect(meB.email).toBe(b.email);
	});
});

describe("someone else's address", () => {
	it("re-registering a pending address changes nothing: the owner confirms with their own password", async () => {
		const email = uniqueEmail("pending");
		const owner = new Shopper();
		expect((await owner.json("/api/v1/auth/register", "POST", registerBody(email))).status).toBe(202);
		const attacker = "the attacker's own passphrase";
		const squat = await new Shopper().json(
			"/api/v1/auth/register",
			"POST",
			registerBody(email, { password: attacker, nickname: "Mallory" }),
		);
		expect(squat.status).toBe(202);
		const token = await mailedToken(email, "confirm");
		// The attacker's password does not confirm the owner's registration...
		expect(
			(await new Shopper().json("/api/v1/auth/confirm", "POST", { token, password: attacker })).status,
		).toBe(401);
		// ...the owner's does, and only the owner's password logs in afterwards.
		expect((await owner.json("/api/v1/auth/confirm", "POST", { token, password: PASSWORD })).status).toBe(
			200,
		);
		expect((await login(new Shopper(), email, attacker)).status).toBe(401);
		const me = (await (await owner.fetch("/api/v1/me")).json()) as { nickname: string };
		expect(me.nickname).not.toBe("Mallory");
	});
});

describe("enumeration", () => {
	it("register, login and reset answer alike for known and unknown emails", async () => {
		const known = await registeredCustomer();
		const unknown = uniqueEmail("nobody");

		const register = async (email: string) =>
			observable(await new Shopper().json("/api/v1/auth/register", "POST", registerBody(email)));
		expect(await register(known.email)).toEqual(await register(unknown));

		const wrongPassword = async (email: string) =>
			observable(await login(new Shopper(), email, "definitely not the password"));
		const knownLogin = await wrongPassword(known.email);
		expect(knownLogin.status).toBe(401);
		expect(knownLogin).toEqual(await wrongPassword(uniqueEmail("nobody")));

		const reset = async (email: string) =>
			observable(await new Shopper().json("/api/v1/auth/reset", "POST", { email }));
		const knownReset = await reset(known.email);
		expect(knownReset.status).toBe(202);
		expect(knownReset).toEqual(await reset(uniqueEmail("nobody")));

		// A weak password is refused the same way for both.
		const weak = async (email: string) =>
			observable(
				await new Shopper().json(
					"/api/v1/auth/register",
					"POST",
					registerBody(email, { password: "qwertyuiop" }),
				),
			);
		expect((await weak(known.email)).status).toBe(400);
		expect(await weak(known.email)).toEqual(await weak(uniqueEmail("nobody")));
	});
});

describe("brute force", () => {
	it("meets 50 wrong passwords from one client with 429s; the owner logs in from elsewhere", async () => {
		const { email } = await registeredCustomer();
		await startOfFreshRateWindow();
		const attacker = new Shopper();
		const statuses: number[] = [];
		for (let i = 0; i < 50; i++) {
			statuses.push((await login(attacker, email, `guess number ${i} of many`)).status);
		}
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40);
		expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
		// Even the right password is turned away from the guessing client for now...
		expect((await login(attacker, email, PASSWORD)).status).toBe(429);
		// ...while the owner, elsewhere, gets in.
		expect((await login(new Shopper(), email, PASSWORD)).status).toBe(200);
	}, 60_000);
});

describe("the address book's bound", () => {
	it("holds at most 10 addresses, even when saves race", async () => {
		const { shopper } = await registeredCustomer();
		const statuses = await Promise.all(
			Array.from({ length: 14 }, () =>
				shopper.json("/api/v1/me/addresses", "POST", ADDRESS).then((r) => r.status),
			),
		);
		expect(statuses.filter((s) => s === 201)).toHaveLength(10);
		expect(statuses.filter((s) => s !== 201).every((s) => s === 409 || s === 429)).toBe(true);
		const book = (await (await shopper.fetch("/api/v1/me/addresses")).json()) as { addresses: unknown[] };
		expect(book.addresses).toHaveLength(10);
	});
});
