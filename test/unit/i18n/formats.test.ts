import { describe, expect, it } from "vitest";
import { formatDate, formatMoney, formatNumber, minorDigits } from "../../../workers/storefront/i18n/formats";

// Intl separates some currency amounts with a no-break space (U+00A0 or U+202F): compare on plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("formats per locale", () => {
	it("writes money as each locale does", () => {
		expect(plain(formatMoney(14_900, "EUR", "fr-FR"))).toBe("149,00 €");
		expect(plain(formatMoney(14_900, "EUR", "de-DE"))).toBe("149,00 €");
		expect(formatMoney(14_900, "EUR", "en-IE")).toBe("€149.00");
		expect(formatMoney(12_899, "USD", "en-US")).toBe("$128.99");
		expect(formatMoney(11_900, "GBP", "en-GB")).toBe("£119.00");
	});

	it("keeps yen whole: minor units are yen", () => {
		expect(minorDigits("JPY")).toBe(0);
		expect(formatMoney(21_900, "JPY", "ja-JP")).toMatch(/^[￥¥]21,900$/);
		expect(formatMoney(21_900, "JPY", "en-US")).toBe("¥21,900");
	});

	it("groups numbers and orders dates per locale", () => {
		expect(plain(formatNumber(1234.5, "fr-FR"))).toBe("1 234,5");
		expect(formatNumber(1234.5, "de-DE")).toBe("1.234,5");
		const day = Date.UTC(2026, 11, 1, 23, 30);
		expect(formatDate(day, "ja-JP")).toBe("2026/12/01");
		expect(formatDate(day, "en-US")).toBe("Dec 1, 2026");
		expect(formatDate(day, "de-DE")).toBe("01.12.2026");
	});
});
