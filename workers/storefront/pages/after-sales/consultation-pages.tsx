// The account's conversations with customer service: the list, a new question (before buying,
// after, or about one of the shopper's orders), and one thread with its messages, opened by the
// vault with the shopper's own session, a reply form and a close button.
import type {
	ConsultationView,
	ConsultationWithMessagesView,
} from "../../consultations/consultation-schemas";
import { AccountLayout } from "../account/account-layout";
import { DataTable } from "../data-table";
import { describedBy, FieldMessages, TextAreaField } from "../form-parts";
import { ABOUT_AFTER_SALES, ABOUT_PRE_SALES, type FormErrors, type FormValues } from "./forms";
import { CONSULTATION_KIND_TEXT, FormPage, formatDateTime, formatDay } from "./parts";
import { AFTER_SALES_CSS } from "./styles";

const NAV = "/account/consultations";
export const consultationPath = (id: string) => `/account/consultations/${id}`;

const MESSAGE_HINT = "Up to 4000 characters. Stored encrypted; only you and customer service read it.";

function MessageField({ label, values, errors }: { label: string; values: FormValues; errors?: FormErrors }) {
	const error = errors?.fields.message;
	return (
		<TextAreaField
			id="f-message"
			name="message"
			label={label}
			hint={MESSAGE_HINT}
			value={values.message}
			error={error}
			maxlength={4000}
		/>
	);
}

export function ConsultationsListPage({ consultations }: { consultations: ConsultationView[] }) {
	return (
		<AccountLayout title="Messages" current={NAV} styles={AFTER_SALES_CSS}>
			<h1>Messages with customer service</h1>
			<p>
				<a class="button" href="/account/consultations/new">
					Ask a question
				</a>
			</p>
			{consultations.length === 0 ? (
				<p>You have not asked anything yet.</p>
			) : (
				<DataTable
					caption="Your conversations, latest activity first"
					columns={["Started", "About", { num: "Messages" }, "Status"]}
				>
					{consultations.map((thread) => (
						<tr data-consultation={thread.id}>
							<td>
								<a href={consultationPath(thread.id)}>{formatDay(thread.createdAt)}</a>
							</td>
							<td>
								{thread.orderNumber ? `Order ${thread.orderNumber}` : CONSULTATION_KIND_TEXT[thread.kind]}
							</td>
							<td class="num">{thread.messageCount}</td>
							<td>
								<span class="status">{thread.status}</span>
							</td>
						</tr>
					))}
				</DataTable>
			)}
		</AccountLayout>
	);
}

export type NewConsultationPageProps = {
	orderNumbers: string[];
	values?: FormValues;
	errors?: FormErrors;
};

export function NewConsultationPage({ orderNumbers, values = {}, errors }: NewConsultationPageProps) {
	const aboutError = errors?.fields.about;
	const about = values.about ?? "";
	return (
		<FormPage title="Ask customer service" current={NAV} errors={errors}>
			<form method="post" action="/account/consultations" class="as-form" novalidate>
				<div class="field">
					<label for="f-about">What is it about?</label>
					<FieldMessages id="f-about" error={aboutError} />
					<select
						id="f-about"
						name="about"
						required
						aria-invalid={aboutError ? "true" : undefined}
						aria-describedby={describedBy("f-about", false, Boolean(aboutError))}
					>
						<option value="">Choose one</option>
						<option value={ABOUT_PRE_SALES} selected={about === ABOUT_PRE_SALES}>
							A question before buying
						</option>
						{orderNumbers.map((number) => (
							<option value={number} selected={about === number}>
								{`Order ${number}`}
							</option>
						))}
						<option value={ABOUT_AFTER_SALES} selected={about === ABOUT_AFTER_SALES}>
							Something I bought (no order chosen)
						</option>
					</select>
				</div>
				<MessageField label="Your message" values={values} errors={errors} />
				<p class="muted">
					While a question about an order is open, customer service may look at that order's contact details
					to answer it. Closing the question ends that access.
				</p>
				<button type="submit">Send</button>
			</form>
		</FormPage>
	);
}

export type ConsultationPageProps = {
	thread: ConsultationWithMessagesView;
	values?: FormValues;
	errors?: FormErrors;
};

export function ConsultationPage({ thread, values = {}, errors }: ConsultationPageProps) {
	const open = thread.status === "open";
	const title = thread.orderNumber
		? `Question about order ${thread.orderNumber}`
		: CONSULTATION_KIND_TEXT[thread.kind];
	return (
		<FormPage title={title} current={NAV} errors={errors}>
			<p>
				Started {formatDay(thread.createdAt)} · <span class="status">{thread.status}</span>
				{thread.closedAt ? ` since ${formatDay(thread.closedAt)}` : ""}
			</p>
			<ol class="thread" aria-label="Messages">
				{thread.messages.map((message) => (
					<li class={message.author}>
						<p class="who">
							{message.author === "staff" ? "Customer service" : "You"}
							<span class="hint">{formatDateTime(message.createdAt)}</span>
						</p>
						<p class="body">{message.body}</p>
					</li>
				))}
			</ol>
			{open ? (
				<>
					<form method="post" action={`${consultationPath(thread.id)}/messages`} class="as-form" novalidate>
						<MessageField label="Add a message" values={values} errors={errors} />
						<button type="submit">Send</button>
					</form>
					<form method="post" action={`${consultationPath(thread.id)}/close`} class="inline">
						<p>
							Answered?{" "}
							<button type="submit" class="link">
								Close this conversation
							</button>
						</p>
					</form>
				</>
			) : (
				<p>
					This conversation is closed. <a href="/account/consultations/new">Ask a new question</a>.
				</p>
			)}
			<p>
				<a href="/account/consultations">All your messages</a>
			</p>
		</FormPage>
	);
}
