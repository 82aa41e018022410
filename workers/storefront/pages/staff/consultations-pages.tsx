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
import { TextArea } from "./field-parts";
import { Pager, ScrollTable, StatusFilter } from "./list-parts";
import { dateTime, type FormErrors, NO_ERRORS } from "./staff-layout";
import { LoggedAccess, StaffPage } from "./staff-page";

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
	return (
		<StaffPage title="Consultations" staff={staff} current="/staff/consultations">
			<StatusFilter
				action="/staff/consultations"
				labels={STATUS_LABEL}
				order={CONSULTATION_STATUSES}
				status={status}
				anyLabel="Open first, then closed"
			/>
			<ScrollTable
				captionId="threads-caption"
				caption={status ? `Conversations: ${STATUS_LABEL[status]}` : "Conversations, open ones first"}
				head={
					<>
						<th scope="col">Conversation</th>
						<th scope="col">Kind</th>
						<th scope="col">Order</th>
						<th scope="col">Status</th>
						<th scope="col" class="num">
							Messages
						</th>
						<th scope="col">Last activity (UTC)</th>
					</>
				}
			>
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
			</ScrollTable>
			{list.consultations.length === 0 ? <p>No conversations here.</p> : null}
			<Pager path="/staff/consultations" status={status} cursor={list.nextCursor} firstLabel="First page" />
		</StaffPage>
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
		<StaffPage title={title} staff={staff} current="/staff/consultations" errors={errors}>
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
					<LoggedAccess requestId={requestId} />
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
							<TextArea
								id={REPLY_FIELD}
								name="message"
								label="Your answer"
								hint="Sealed by the vault and mailed to the shopper; up to 4000 characters."
								value={reply ?? ""}
								errors={errors}
								maxlength={4000}
							/>
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
		</StaffPage>
	);
}
