// Order numbers are shown to shoppers and, with their email, are how a guest finds an order, so
// they must not be guessable: 60 random bits in Crockford base32, LW-XXXX-XXXX-XXXX.
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export const ORDER_NUMBER_PATTERN = /^LW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export function newOrderNumber(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)) {
	// One byte per symbol, keeping its low 5 bits: 256 is a multiple of 32, so there is no bias.
	const bytes = random(new Uint8Array(12));
	const symbols = Array.from(bytes, (b) => CROCKFORD[b & 31]).join("");
	return `LW-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`;
}

/** Accepts what a person might type: lower case, and O/I/L for 0/1/1 as Crockford allows. */
export function normalizeOrderNumber(input: string): string {
	const upper = input.trim().toUpperCase();
	if (!upper.startsWith("LW-")) return upper;
	return `LW-${upper.slice(3).replace(/O/g, "0").replace(/[IL]/g, "1")}`;
}
