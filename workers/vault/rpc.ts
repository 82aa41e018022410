// VaultRpc: the vault's whole surface, reached only through the storefront's service binding.
// Each method parses its argument with the shared contract (the caller is untrusted input) and
// hands it to one operation; a request that does not parse is refused as bad_request.
import { WorkerEntrypoint } from "cloudflare:workers";
import type * as z from "zod/mini";
import { createLogger } from "../shared/logger";
import {
	ActorOnlyRequestSchema,
	AddStaffRequestSchema,
	AuditReviewRequestSchema,
	AuthorizeRequestSchema,
	BlindIndexRequestSchema,
	ChangePasswordRequestSchema,
	CloseCaseRequestSchema,
	CompletePrivacyRequestSchema,
	CompleteResetRequestSchema,
	ConfirmRequestSchema,
	DecideDisclosureSchema,
	EraseAccountRequestSchema,
	InspectPrivacyLinkRequestSchema,
	ListDisclosuresSchema,
	LoginRequestSchema,
	OpenPublishedRequestSchema,
	OpenRequestSchema,
	PrivacyLinkRequestSchema,
	PublishRequestSchema,
	PurgeRequestSchema,
	RegisterRequestSchema,
	RequestDisclosureSchema,
	ResetRequestSchema,
	RewrapRequestSchema,
	RotateKeysRequestSchema,
	RunDisclosureSchema,
	SealRequestSchema,
	SendMailRequestSchema,
	SessionRequestSchema,
	ShreddedSinceRequestSchema,
	ShredRequestSchema,
	UpdateStaffRequestSchema,
	type VaultFailure,
	VaultRetentionRequestSchema,
} from "../shared/vault-contract";
import * as registration from "./accounts/registration";
import * as selfService from "./accounts/self-service";
import * as signIn from "./accounts/sign-in";
import * as cases from "./after-sales/cases";
import * as orderMail from "./after-sales/order-mail";
import * as publications from "./after-sales/publications";
import { createSubjectCipher } from "./crypto/subject-cipher";
import { vaultDb } from "./db/client";
import * as ops from "./operations";
import * as accountRights from "./privacy/account-rights";
import * as disclosures from "./privacy/disclosures";
import * as guestRequests from "./privacy/guest-requests";
import * as retention from "./privacy/retention";

type Parsed<S extends z.ZodMiniType> = { ok: true; value: z.output<S> } | VaultFailure;

function parse<S extends z.ZodMiniType>(schema: S, input: unknown): Parsed<S> {
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, value: result.data };
	// Paths only: a message could quote the value, and values here may be personal data.
	const where = result.error.issues.map((issue) => issue.path.join(".") || "(root)").join(", ");
	return ops.failure("bad_request", `Invalid vault request at ${where}`);
}

export class VaultRpc extends WorkerEntrypoint<VaultEnv> {
	private deps(): ops.VaultDeps {
		return {
			db: vaultDb(this.env.VAULT_DB),
			env: this.env,
			cipher: createSubjectCipher(this.env),
			logger: createLogger({ worker: "vault" }),
			now: Date.now(),
			// Mail and other work the answer must not wait on: kept alive past the answer, never awaited.
			defer: (task) => this.ctx.waitUntil(task),
		};
	}

	private async run<S extends z.ZodMiniType, R>(
		schema: S,
		input: unknown,
		operation: (deps: ops.VaultDeps, request: z.output<S>) => Promise<R>,
	): Promise<R | VaultFailure> {
		const parsed = parse(schema, input);
		if (!parsed.ok) return parsed;
		const deps = this.deps();
		try {
			return await operation(deps, parsed.value);
		} catch (err) {
			deps.logger.error("vault operation failed", { err });
			return ops.failure("unavailable", "The vault could not complete this request");
		}
	}

	seal(request: unknown) {
		return this.run(SealRequestSchema, request, ops.seal);
	}

	open(request: unknown) {
		return this.run(OpenRequestSchema, request, ops.open);
	}

	shred(request: unknown) {
		return this.run(ShredRequestSchema, request, ops.shred);
	}

	blindIndex(request: unknown) {
		return this.run(BlindIndexRequestSchema, request, (deps, req) => ops.emailBlindIndex(deps, req.value));
	}

	rewrap(request: unknown) {
		return this.run(RewrapRequestSchema, request, ops.rewrap);
	}

	authorize(request: unknown) {
		return this.run(AuthorizeRequestSchema, request, ops.authorize);
	}

	listStaff(request: unknown) {
		return this.run(ActorOnlyRequestSchema, request, ops.listStaffMembers);
	}

	addStaff(request: unknown) {
		return this.run(AddStaffRequestSchema, request, ops.addStaffMember);
	}

	updateStaff(request: unknown) {
		return this.run(UpdateStaffRequestSchema, request, ops.changeStaffMember);
	}

	verifyAudit(request: unknown) {
		return this.run(ActorOnlyRequestSchema, request, ops.verifyAudit);
	}

	reviewAudit(request: unknown) {
		return this.run(AuditReviewRequestSchema, request, ops.reviewAudit);
	}

	rotateKeys(request: unknown) {
		return this.run(RotateKeysRequestSchema, request, ops.rotateKeys);
	}

	// ---- Shopper accounts (issue #7) ----

	register(request: unknown) {
		return this.run(RegisterRequestSchema, request, registration.register);
	}

	confirm(request: unknown) {
		return this.run(ConfirmRequestSchema, request, registration.confirm);
	}

	login(request: unknown) {
		return this.run(LoginRequestSchema, request, signIn.login);
	}

	session(request: unknown) {
		return this.run(SessionRequestSchema, request, signIn.session);
	}

	logout(request: unknown) {
		return this.run(SessionRequestSchema, request, signIn.logout);
	}

	changePassword(request: unknown) {
		return this.run(ChangePasswordRequestSchema, request, signIn.changePassword);
	}

	requestReset(request: unknown) {
		return this.run(ResetRequestSchema, request, registration.requestReset);
	}

	completeReset(request: unknown) {
		return this.run(CompleteResetRequestSchema, request, registration.completeReset);
	}

	accountEmail(request: unknown) {
		return this.run(SessionRequestSchema, request, selfService.accountEmail);
	}

	// ---- After the purchase (issue #8) ----

	sendMail(request: unknown) {
		return this.run(SendMailRequestSchema, request, orderMail.sendOrderMail);
	}

	closeCase(request: unknown) {
		return this.run(CloseCaseRequestSchema, request, cases.closeCase);
	}

	publish(request: unknown) {
		return this.run(PublishRequestSchema, request, publications.publish);
	}

	openPublished(request: unknown) {
		return this.run(OpenPublishedRequestSchema, request, publications.openPublished);
	}

	// ---- Privacy rights and the data lifecycle (issue #9) ----

	exportAccount(request: unknown) {
		return this.run(SessionRequestSchema, request, accountRights.exportAccount);
	}

	eraseAccount(request: unknown) {
		return this.run(EraseAccountRequestSchema, request, accountRights.eraseAccount);
	}

	purge(request: unknown) {
		return this.run(PurgeRequestSchema, request, retention.purgeSubjects);
	}

	shreddedSince(request: unknown) {
		return this.run(ShreddedSinceRequestSchema, request, retention.shreddedSince);
	}

	runRetention(request: unknown) {
		return this.run(VaultRetentionRequestSchema, request, retention.runVaultRetention);
	}

	requestPrivacyLink(request: unknown) {
		return this.run(PrivacyLinkRequestSchema, request, guestRequests.requestPrivacyLink);
	}

	inspectPrivacyLink(request: unknown) {
		return this.run(InspectPrivacyLinkRequestSchema, request, guestRequests.inspectPrivacyLink);
	}

	completePrivacyRequest(request: unknown) {
		return this.run(CompletePrivacyRequestSchema, request, guestRequests.completePrivacyRequest);
	}

	requestDisclosure(request: unknown) {
		return this.run(RequestDisclosureSchema, request, disclosures.requestDisclosure);
	}

	decideDisclosure(request: unknown) {
		return this.run(DecideDisclosureSchema, request, disclosures.decideDisclosure);
	}

	runDisclosure(request: unknown) {
		return this.run(RunDisclosureSchema, request, disclosures.runDisclosure);
	}

	listDisclosures(request: unknown) {
		return this.run(ListDisclosuresSchema, request, disclosures.listDisclosures);
	}
}
