// The notice before a dormant account is erased (DESIGN P9: "deleted after notice"). The address
// is the one thing the mail carries; the vault opens it from the account's own ciphertext with the
// dormant keyring, for this mail only, without waking the account. A notice is recorded only once
// the mail service took it: an account whose notice could not go out is never erased for it.
import { and, asc, count, eq, isNotNull, isNull, lte } from "drizzle-orm";
import type { RetentionStep } from "../../shared/vault-contract";
import { openAccountEmail } from "../accounts/account-data";
import { shopOrigin } from "../accounts/mail";
import { subjectPseudonyms } from "../audit/audited";
import { type CredentialsRow, credentials } from "../db/schema";
import type { VaultDeps } from "../deps";
import { accountSubjectForMail } from "./dormant-subject";
import { auditStep, report, type StepContext } from "./retention-context";

export function erasureNoticeMail(origin: string, noticeDays: number) {
	const shop = shopOrigin(origin);
	return {
		kind: "erasure_notice",
		subject: "Your Loomwash account will be deleted",
		text: [
			"Your Loomwash account has not been used for a long time, so its personal data has been",
			"locked away and nobody at Loomwash can read it.",
			"",
			`If you do not sign in within ${noticeDays} days, the account and the personal data it holds`,
			"will be deleted for good.",
			"",
			`To keep your account, sign in within ${noticeDays} days: ${shop}/`,
			"",
			"If you no longer want the account, you need do nothing.",
		].join("\n"),
	} as const;
}

function noticeDue(cutoff: number) {
	return and(
		isNotNull(credentials.dormantAt),
		lte(credentials.dormantAt, cutoff),
		isNull(credentials.erasureNoticeAt),
	);
}

async function sendNotice(
	deps: VaultDeps,
	account: Pick<CredentialsRow, "accountId" | "subjectId" | "emailCt">,
	noticeDays: number,
): Promise<boolean> {
	try {
		const subject = await accountSubjectForMail(deps, account.subjectId);
		if (!subject) return false;
		const mail = erasureNoticeMail(deps.env.SHOP_ORIGIN, noticeDays);
		await deps.env.MAIL.send({
			from: deps.env.MAIL_FROM,
			to: await openAccountEmail(deps, account, subject),
			subject: mail.subject,
			text: mail.text,
		});
		return true;
	} catch (err) {
		// Never the address: the kind of mail and the error only.
		deps.logger.error("erasure notice not sent", { kind: "erasure_notice", err });
		return false;
	}
}

export async function erasureNotices(ctx: StepContext): Promise<RetentionStep> {
	const job = "erasure_notices";
	const { deps } = ctx;
	const where = noticeDue(deps.now - ctx.config.eraseAfterDormantMs);
	const [counted] = await deps.db.select({ n: count() }).from(credentials).where(where);
	const due = counted?.n ?? 0;
	if (ctx.dryRun || due === 0) return report(job, due, 0);
	const batch = await deps.db
		.select({
			accountId: credentials.accountId,
			subjectId: credentials.subjectId,
			emailCt: credentials.emailCt,
		})
		.from(credentials)
		.where(where)
		.orderBy(asc(credentials.dormantAt), asc(credentials.accountId))
		.limit(ctx.batchSize);
	// Logged before any address is opened.
	await auditStep(ctx, {
		action: "retention.erasure_notice",
		reason: "dormant_erasure_notice",
		subjects: await subjectPseudonyms(
			deps,
			batch.map((a) => a.subjectId),
		),
		fields: ["credentials.email"],
		itemCount: batch.length,
	});
	let done = 0;
	for (const account of batch) {
		if (!(await sendNotice(deps, account, ctx.config.noticeDays))) continue;
		const marked = await deps.db
			.update(credentials)
			.set({ erasureNoticeAt: deps.now })
			.where(and(eq(credentials.accountId, account.accountId), where))
			.returning({ id: credentials.accountId });
		done += marked.length;
	}
	return report(job, due, done);
}
