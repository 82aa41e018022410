// Return numbers, as a shopper quotes them: `RMA-XXXX-XXXX`, 40 random bits in Crockford base32
// (the order-mail contract's pattern). A return is only ever found with its order's proof
// (session, or order number + email) or by staff, so the number itself need not be secret.
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export const RMA_NUMBER_PATTERN = /^RMA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export function newRmaNumber(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)) {
	// One byte per symbol, keeping its low 5 bits: 256 is a multiple of 32, so there is no bias.
	const symbols = Array.from(random(new Uint8Array(8)), (b) => CROCKFORD[b & 31]).join("");
	return `RMA-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}`;
}

/** Accepts what a person might type: lower case, and O/I/L for 0/1/1 as Crockford allows. */
export function normalizeRmaNumber(input: string): string {
	const upper = input.trim().toUpperCase();
	if (!upper.startsWith("RMA-")) return upper;
	return `RMA-${upper.slice(4).replace(/O/g, "0").replace(/[IL]/g, "1")}`;
}
