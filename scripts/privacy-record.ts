// `npm run privacy:record`: renders the record of processing (GDPR Art. 30), derived from the
// personal-field registry, into docs/record-of-processing.md. A unit test fails when the committed
// file and the registry disagree.
import { writeFileSync } from "node:fs";
import { registerHooks } from "node:module";

// The registry's modules import each other without extensions, as the workers' bundler resolves
// them; Node's own type stripping needs the `.ts`, so a relative import that does not resolve as
// written is retried with it.
registerHooks({
	resolve(specifier, context, nextResolve) {
		try {
			return nextResolve(specifier, context);
		} catch (error) {
			if (!specifier.startsWith(".") || /\.[cm]?[jt]sx?$/.test(specifier)) throw error;
			return nextResolve(`${specifier}.ts`, context);
		}
	},
});

const { recordOfProcessing, renderRecordOfProcessing } = await import(
	"../workers/shared/personal-data/record.ts"
);
writeFileSync("docs/record-of-processing.md", renderRecordOfProcessing(recordOfProcessing()));
console.log("docs/record-of-processing.md written");
