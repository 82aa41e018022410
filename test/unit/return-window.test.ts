import { describe, expect, it } from "vitest";
import type { ReturnStatus } from "../../workers/storefront/db/schema";
import {
	canMoveReturn,
	excessLines,
	RETURN_TRANSITIONS,
	refundCeilingMinor,
	returnableQuantities,
	returnedValueMinor,
} from "../../workers/storefront/returns/return-rules";
import { isWithinReturnWindow, returnWindowClosesAt } from "../../workers/storefront/returns/return-window";
import {
	newRmaNumber,
	normalizeRmaNumber,
	RMA_NUMBER_PATTERN,
} from "../../workers/storefront/returns/rma-number";

const DAY = 24 * 60 * 60_000;
// Delivered late in the evening (UTC) of 10 March 2026: day D is 2026-03-10.
const delivered = Date.UTC(2026, 2, 10, 22, 45);
const dayAfter = (days: number, hours = 12) => Date.UTC(2026, 2, 10 + days, hours);

describe("the 60-day return window", () => {
	it("allows day 59 and the whole of day 60 after delivery, whatever the hour of delivery", () => {
		expect(isWithinReturnWindow(delivered, dayAfter(59))).toBe(true);
		expect(isWithinReturnWindow(delivered, dayAfter(60, 0))).toBe(true);
		expect(isWithinReturnWindow(delivered, dayAfter(60, 23))).toBe(true);
	});

	it("refuses from 00:00 UTC of day 61", () => {
		expect(isWithinReturnWindow(delivered, dayAfter(61, 0))).toBe(false);
		expect(isWithinReturnWindow(delivered, dayAfter(61))).toBe(false);
		expect(isWithinReturnWindow(delivered, dayAfter(400))).toBe(false);
	});

	it("turns at the last millisecond of day 60", () => {
		const closes = returnWindowClosesAt(delivered);
		expect(closes).toBe(Date.UTC(2026, 4, 10)); // 10 March + 61 days = 10 May, 00:00 UTC
		expect(isWithinReturnWindow(delivered, closes - 1)).toBe(true);
		expect(isWithinReturnWindow(delivered, closes)).toBe(false);
	});

	it("counts calendar days, so a delivery at 00:00 and at 23:59 close together", () => {
		const midnight = Date.UTC(2026, 0, 1);
		expect(returnWindowClosesAt(midnight)).toBe(returnWindowClosesAt(midnight + DAY - 1));
		expect(returnWindowClosesAt(midnight)).toBe(midnight + 61 * DAY);
	});

	it("refuses a time before the delivery (a clock or data error is never in the window)", () => {
		expect(isWithinReturnWindow(delivered, delivered - 1)).toBe(false);
		expect(isWithinReturnWindow(delivered, delivered)).toBe(true);
	});
});

describe("RMA numbers", () => {
	it("are RMA-XXXX-XXXX in Crockford base32, and match the order mail's pattern", () => {
		for (let i = 0; i < 200; i++) {
			const number = newRmaNumber();
			expect(number).toMatch(RMA_NUMBER_PATTERN);
			expect(number).toMatch(/^RMA-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
		}
	});

	it("use all 5 low bits of each random byte", () => {
		const bytes = (b: Uint8Array) => b.map((_, i) => (i === 0 ? 31 : i === 7 ? 0x20 : 0));
		expect(newRmaNumber(bytes)).toBe("RMA-Z000-0000");
	});

	it("accept what a person types", () => {
		expect(normalizeRmaNumber(" rma-0o1i-abcl ")).toBe("RMA-0011-ABC1");
		expect(normalizeRmaNumber("LW-AAAA")).toBe("LW-AAAA");
	});
});

describe("the return's status machine", () => {
	it("goes requested → approved → received → refunded, or to rejected before receipt", () => {
		expect(canMoveReturn("requested", "approved")).toBe(true);
		expect(canMoveReturn("approved", "received")).toBe(true);
		expect(canMoveReturn("received", "refunded")).toBe(true);
		expect(canMoveReturn("requested", "rejected")).toBe(true);
		expect(canMoveReturn("approved", "rejected")).toBe(true);
	});

	it("never skips a step, goes back, or leaves a closed return", () => {
		const all = Object.keys(RETURN_TRANSITIONS) as ReturnStatus[];
		const allowed = new Set([
			"requested>approved",
			"requested>rejected",
			"approved>received",
			"approved>rejected",
			"received>refunded",
		]);
		for (const from of all) {
			for (const to of all)
				expect(canMoveReturn(from, to), `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`));
		}
	});
});

describe("what an order has left to return", () => {
	const bought = [
		{ variantId: 1, quantity: 3 },
		{ variantId: 2, quantity: 1 },
	];

	it("is what was bought less what earlier returns took back", () => {
		const left = returnableQuantities(bought, [{ variantId: 1, quantity: 2 }]);
		expect(left.get(1)).toBe(1);
		expect(left.get(2)).toBe(1);
		expect(excessLines([{ variantId: 1, quantity: 1 }], left)).toEqual([]);
		expect(excessLines([{ variantId: 1, quantity: 2 }], left)).toEqual([
			{ path: ["lines", 0, "quantity"], message: "At most 1 left to return" },
		]);
	});

	it("is nothing of an item the order did not buy, or already returned whole", () => {
		const left = returnableQuantities(bought, [{ variantId: 2, quantity: 1 }]);
		const issues = excessLines(
			[
				{ variantId: 2, quantity: 1 },
				{ variantId: 99, quantity: 1 },
			],
			left,
		);
		expect(issues.map((i) => i.path)).toEqual([
			["lines", 0, "quantity"],
			["lines", 1, "quantity"],
		]);
	});
});

describe("how much a return may refund", () => {
	const orderLines = [
		{ variantId: 1, quantity: 3, unitPriceMinor: 1_000 },
		{ variantId: 2, quantity: 1, unitPriceMinor: 2_500 },
	];

	it("is the returned lines' value at the order's prices", () => {
		expect(
			returnedValueMinor(
				[
					{ variantId: 1, quantity: 2 },
					{ variantId: 2, quantity: 1 },
				],
				orderLines,
			),
		).toBe(4_500);
	});

	it("never exceeds what the order has left paid", () => {
		expect(refundCeilingMinor({ returnedValueMinor: 4_500, paidMinor: 10_000, refundedMinor: 0 })).toBe(
			4_500,
		);
		expect(refundCeilingMinor({ returnedValueMinor: 4_500, paidMinor: 10_000, refundedMinor: 7_000 })).toBe(
			3_000,
		);
		expect(refundCeilingMinor({ returnedValueMinor: 4_500, paidMinor: 0, refundedMinor: 0 })).toBe(0);
		expect(refundCeilingMinor({ returnedValueMinor: 4_500, paidMinor: 100, refundedMinor: 200 })).toBe(0);
	});
});
