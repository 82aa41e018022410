// The vault's ES256 signing keys (SESSION_SIGNING_KEY, AUDIT_SIGNING_KEY) arrive as private JWKs
// in secrets: one shape for both, checked before jose imports them.
import * as z from "zod/mini";

export const PrivateEcJwkSchema = z.looseObject({
	kty: z.literal("EC"),
	crv: z.literal("P-256"),
	x: z.string(),
	y: z.string(),
	d: z.string(),
});
