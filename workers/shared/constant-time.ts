// Equality of secrets (blind indexes, tokens) without an early exit that would time the match.
const encoder = new TextEncoder();

/** Both sides are hashed to equal length first, so the length of either leaks nothing either. */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
	const [ha, hb] = await Promise.all([
		crypto.subtle.digest("SHA-256", encoder.encode(a)),
		crypto.subtle.digest("SHA-256", encoder.encode(b)),
	]);
	const x = new Uint8Array(ha);
	const y = new Uint8Array(hb);
	let diff = 0;
	for (let i = 0; i < x.length; i++) diff |= (x[i] as number) ^ (y[i] as number);
	return diff === 0;
}
