// A local Access signing key for tests: the public half is the vault's ACCESS_LOCAL_JWKS (the
// same verification code as production's remote JWKS), the private half lets tests sign tokens.
import { exportJWK, generateKeyPair } from "jose";

export const TEST_STAFF_KID = "test-access-key";

export async function testStaffKeys() {
	const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
	const publicJwk = { ...(await exportJWK(publicKey)), kid: TEST_STAFF_KID, alg: "RS256", use: "sig" };
	const privateJwk = { ...(await exportJWK(privateKey)), kid: TEST_STAFF_KID, alg: "RS256" };
	return { publicJwks: JSON.stringify({ keys: [publicJwk] }), privateJwk: JSON.stringify(privateJwk) };
}
