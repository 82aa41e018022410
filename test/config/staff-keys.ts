// A local Access signing key for tests: the public half is the worker's ACCESS_JWKS (the same
// code path as production's remote JWKS), the private half lets tests sign staff tokens.
import { exportJWK, generateKeyPair } from "jose";

export const TEST_STAFF_KID = "test-access-key";

export async function testStaffKeys() {
	const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
	const publicJwk = { ...(await exportJWK(publicKey)), kid: TEST_STAFF_KID, alg: "RS256", use: "sig" };
	const privateJwk = { ...(await exportJWK(privateKey)), kid: TEST_STAFF_KID, alg: "RS256" };
	return {
		bindings: {
			ACCESS_JWKS: JSON.stringify({ keys: [publicJwk] }),
			TEST_ACCESS_PRIVATE_JWK: JSON.stringify(privateJwk),
		},
	};
}
