// Local staff sign-in for development: keeps a local Access signing key in .wrangler/ (never
// committed), puts its public half into .dev.vars as ACCESS_JWKS, and with `--token` prints a
// staff token to send as the Cf-Access-Jwt-Assertion header:
//   curl -H "Cf-Access-Jwt-Assertion: $(node scripts/staff-dev-key.mjs --token)" localhost:8787/api/v1/staff/...
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { exportJWK, generateKeyPair, importJWK, SignJWT } from "jose";

const keyFile = new URL("../.wrangler/staff-dev-key.json", import.meta.url);
const devVars = new URL("../.dev.vars", import.meta.url);
const KID = "local-dev";
const ISSUER = "https://loomwash.cloudflareaccess.com";
const AUDIENCE = "loomwash-staff-console";

if (!existsSync(keyFile)) {
	const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
	mkdirSync(new URL("../.wrangler/", import.meta.url), { recursive: true });
	const key = {
		public: { ...(await exportJWK(publicKey)), kid: KID, alg: "RS256", use: "sig" },
		private: { ...(await exportJWK(privateKey)), kid: KID, alg: "RS256" },
	};
	writeFileSync(keyFile, JSON.stringify(key), { mode: 0o600 });
}
const key = JSON.parse(readFileSync(keyFile, "utf8"));
const jwksLine = `ACCESS_JWKS=${JSON.stringify({ keys: [key.public] })}`;
const vars = existsSync(devVars) ? readFileSync(devVars, "utf8") : "";
const lines = vars.split("\n").filter((line) => line && !line.startsWith("ACCESS_JWKS="));
writeFileSync(devVars, `${[...lines, jwksLine].join("\n")}\n`, { mode: 0o600 });

if (process.argv.includes("--token")) {
	const token = await new SignJWT({ roles: ["admin"] })
		.setProtectedHeader({ alg: "RS256", kid: KID })
		.setSubject("local-staff")
		.setIssuer(ISSUER)
		.setAudience(AUDIENCE)
		.setIssuedAt()
		.setExpirationTime("8h")
		.sign(await importJWK(key.private, "RS256"));
	process.stdout.write(`${token}\n`);
} else {
	console.log("ACCESS_JWKS is in .dev.vars; `node scripts/staff-dev-key.mjs --token` prints a staff token");
}
