// The vault's retention periods (DESIGN P9), from plain vars (strings) with the policy's defaults.
// A value that is set but not a whole number of days stops the run rather than falling back: a
// typo must not silently shorten the time an account is kept.
import * as z from "zod/mini";
import { VaultError } from "../crypto/vault-error";

export const DAY_MS = 24 * 60 * 60_000;

// Classic's `.transform(f)` and `.pipe(s)` are `pipe(this, transform(f))` and `pipe(this, s)`:
// spelled out here in the same nesting, so a bad value fails at the same step.
const Days = (fallback: number) =>
	z.pipe(
		z.pipe(
			z.pipe(
				z.pipe(
					z.optional(z.string()),
					z.transform((text: string | undefined) =>
						text === undefined || text.trim() === "" ? String(fallback) : text.trim(),
					),
				),
				z.string().check(z.regex(/^\d{1,5}$/)),
			),
			z.transform(Number),
		),
		z.number().check(z.int(), z.minimum(1)),
	);

const RetentionVarsSchema = z.object({
	/** Days without a sign-in or session use after which an account goes dormant. */
	DORMANT_AFTER_DAYS: Days(730),
	/** Days an account stays dormant before its erasure notice is mailed. */
	DORMANT_ERASE_AFTER_DAYS: Days(365),
	/** Days between the notice and the erasure: a sign-in meanwhile keeps the account. */
	ERASURE_NOTICE_DAYS: Days(30),
});

export type RetentionConfig = {
	dormantAfterMs: number;
	eraseAfterDormantMs: number;
	noticeMs: number;
	noticeDays: number;
};

export function retentionConfig(env: Partial<Record<keyof z.input<typeof RetentionVarsSchema>, string>>) {
	const parsed = RetentionVarsSchema.safeParse({
		DORMANT_AFTER_DAYS: env.DORMANT_AFTER_DAYS,
		DORMANT_ERASE_AFTER_DAYS: env.DORMANT_ERASE_AFTER_DAYS,
		ERASURE_NOTICE_DAYS: env.ERASURE_NOTICE_DAYS,
	});
	if (!parsed.success) {
		const where = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
		throw new VaultError(`Invalid retention settings: ${where}`);
	}
	const days = parsed.data;
	return {
		dormantAfterMs: days.DORMANT_AFTER_DAYS * DAY_MS,
		eraseAfterDormantMs: days.DORMANT_ERASE_AFTER_DAYS * DAY_MS,
		noticeMs: days.ERASURE_NOTICE_DAYS * DAY_MS,
		noticeDays: days.ERASURE_NOTICE_DAYS,
	} satisfies RetentionConfig;
}
