// Customer service's conversations: open ones first, without personal data; a thread's page says
// that its messages are personal data and opens them only when asked (a POST whose answer is the
// page itself, logged by the vault); the answer form and closing work without opening anything.
import type { StaffIdentity } from "../../../shared/vault-contract";
import {
	CONSULTATION_STATUSES,
	type ConsultationView,
	type ConsultationWithMessagesView,
} from "../../consultations/consultation-schemas";
import { CONSULTATION_KIND_TEXT } from "../after-sales/parts";
import {
	dateTime,
	ErrorSummary,
	FieldError,
	type FormErrors,
	hasErrors,
	invalid,
	NO_ERRORS,
	StaffLayout,
} from "./staff-layout";

type ThreadStatus = (typeof CONSULTATION_STATUSES)[number];

const STATUS_LABEL: Record<ThreadStatus, string> = { open: "Open", closed: "Closed" };

export const threadPath = (id: string) => `/staff/consultations/${id}`;
export const REPLY_FIELD = "reply-message";

export type StaffThreadList = { consultations: ConsultationView[]; nextCursor: string | null };

export function StaffConsultationsPage({
	staff,
	list,
	status,
}: {
	staff: StaffIdentity;
	list: StaffThreadList;
	status?: ThreadStatus;
}) {
	const next = list.nextCursor
		? `/staff/consultations?${new URLSearchParams(status ? { status, cursor: list.nextCursor } : { cursor: list.nextCursor })}`
		: null;
	return (
		<StaffLayout title="Consultations" staff={staff} current="/staff/consultations">
			<h1>Consultations</h1>
			<form method="get" action="/staff/consultations" class="inline">
				<label for="status">Status</label>
				<select id="status" name="status">
					<option value="">Open first, then closed</option>
					{CONSULTATION_STATUSES.map((value) => (
						<option value={value} selected={status === value}>
							{STATUS_LABEL[value]}
						</option>
					))}
				</select>
				<button type="submit">Show</button>
			</form>
			<section class="scroll" tabindex={0} aria-labelledby="threads-caption">
				<table>
					<caption id="threads-caption">
						{status ? `Conversations: ${STATUS_LABEL[status]}` : "Conversations, open ones first"}
					</caption>
					<thead>
						<tr>
							<th scope="col">Conversation</th>
							<th scope="col">Kind</th>
							<th scope="col">Order</th>
							<th scope="col">Status</th>
							<th scope="col" class="num">
								Messages
							</th>
							<th scope="col">Last activity (UTC)</th>
						</tr>
					</thead>
					<tbody>
						{list.consultations.map((thread) => (
							<tr>
								<th scope="row">
									<a href={threadPath(thread.id)}>
										<span class="visually-hidden">Conversation </span>
										{thread.id.slice(0, 8)}
									</a>
								</th>
								<td>{CONSULTATION_KIND_TEXT[thread.kind]}</td>
								<td>{thread.orderNumber ?? "—"}</td>
								<td>{STATUS_LABEL[thread.status]}</td>
								<td class="num">{thread.messageCount}</td>
								<td>{dateTime(Date.parse(thread.updatedAt))}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			{list.consultations.length === 0 ? <p>No conversations here.</p> : null}
			<nav class="pager" aria-label="Pages">
				{status || next ? <a href="/staff/consultations">First page</a> : null}
				{next ? <a href={next}>Next page</a> : null}
			</nav>
		</StaffLayout>
	);
}

type ThreadPageProps = {
	staff: StaffIdentity;
	thread: ConsultationView | ConsultationWithMessagesView;
	/** Set only on the answer to the POST that opened the messages. */
	requestId?: string;
	reply?: string;
	errors?: FormErrors;
};

const hasMessages = (thread: ThreadPageProps["thread"]): thread is ConsultationWithMessagesView =>
	"messages" in thread;

export function StaffConsultationPage({
	staff,
	thread,
	requestId,
	reply,
	errors = NO_ERRORS,
}: ThreadPageProps) {
	const title = `Conversation ${thread.id.slice(0, 8)}`;
	const path = threadPath(thread.id);
	return (
		<StaffLayout title={title} staff={staff} current="/staff/consultations" failed={hasErrors(errors)}>
			<h1>{title}</h1>
			<ErrorSummary errors={errors} />
			<dl class="specs">
				<dt>Kind</dt>
				<dd>{CONSULTATION_KIND_TEXT[thread.kind]}</dd>
				<dt>Order</dt>
				<dd>{thread.orderNumber ?? "—"}</dd>
				<dt>Status</dt>
				<dd>{STATUS_LABEL[thread.status]}</dd>
				<dt>Messages</dt>
				<dd>{thread.messageCount}</dd>
				<dt>Started (UTC)</dt>
				<dd>{dateTime(Date.parse(thread.createdAt))}</dd>
			</dl>
			{hasMessages(thread) ? (
				<section aria-labelledby="messages-title">
					<h2 id="messages-title">Messages</h2>
					<div class="logged" role="status">
						<h3>This access was logged</h3>
						<p>
							The vault logged this opening under your name for the purpose support. Its audit entry carries
							the request id <code>{requestId}</code>.
						</p>
					</div>
					<ol class="thread">
						{thread.messages.map((message) => (
							<li>
								<p class="hint">
									{`${message.author === "staff" ? "Customer service" : "Shopper"} · ${dateTime(Date.parse(message.createdAt))} UTC`}
								</p>
								<blockquote class="said">{message.body}</blockquote>
							</li>
						))}
					</ol>
				</section>
			) : (
				<section aria-labelledby="messages-title">
					<h2 id="messages-title">Messages</h2>
					<div class="personal">
						<p>
							The messages are personal data, stored encrypted. Opening them asks the vault, which checks your
							role and logs the access under your name for the purpose support before it shows anything.
						</p>
					</div>
					<form method="post" action={`${path}/open`} class="inline">
						<button type="submit">Open and log the messages</button>
					</form>
				</section>
			)}
			{thread.status === "open" ? (
				<>
					<form method="post" action={`${path}/messages`} novalidate>
						<fieldset>
							<legend>Answer</legend>
							<div class="field">
								<label for={REPLY_FIELD}>Your answer</label>
								<span class="hint" id={`${REPLY_FIELD}-hint`}>
									Sealed by the vault and mailed to the shopper; up to 4000 characters.
								</span>
								<FieldError id={REPLY_FIELD} errors={errors} />
								<textarea
									id={REPLY_FIELD}
									name="message"
									required
									maxlength={4000}
									{...invalid(REPLY_FIELD, errors)}
									aria-describedby={[
										`${REPLY_FIELD}-hint`,
										errors.fields[REPLY_FIELD] ? `${REPLY_FIELD}-error` : "",
									]
										.filter(Boolean)
										.join(" ")}
								>
									{reply ?? ""}
								</textarea>
							</div>
							<button type="submit">Send the answer</button>
						</fieldset>
					</form>
					<form method="post" action={`${path}/close`} class="inline">
						<button type="submit">Close the conversation</button>
					</form>
				</>
			) : (
				<p>This conversation is closed.</p>
			)}
			<p>
				<a href="/staff/consultations">Back to conversations</a>
			</p>
		</StaffLayout>
	);
}
