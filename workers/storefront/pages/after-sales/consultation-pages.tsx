// The account's conversations with customer service: the list, a new question (before buying,
// after, or about one of the shopper's orders), and one thread with its messages, opened by the
// vault with the shopper's own session, a reply form and a close button. The messages are shown
// as written; everything around them is in the shopper's language.
import type {
	ConsultationView,
	ConsultationWithMessagesView,
} from "../../consultations/consultation-schemas";
import { useLocale } from "../../i18n/locale-context";
import { AccountLayout } from "../account/account-layout";
import { DataTable } from "../data-table";
import { describedBy, FieldMessages, TextAreaField } from "../form-parts";
import { ABOUT_AFTER_SALES, ABOUT_PRE_SALES, type FormErrors, type FormValues } from "./forms";
import { dateTimeIn, dayIn, FormPage } from "./parts";
import { rich } from "./rich-text";
import { AFTER_SALES_CSS } from "./styles";

const NAV = "/account/consultations";
const MAX_MESSAGE = 4000;
export const consultationPath = (id: string) => `/account/consultations/${id}`;

function MessageField({ label, values, errors }: { label: string; values: FormValues; errors?: FormErrors }) {
	const l = useLocale();
	const error = errors?.fields.message;
	return (
		<TextAreaField
			id="f-message"
			name="message"
			label={label}
			hint={l.t("after.thread.messageHint", { max: MAX_MESSAGE })}
			value={values.message}
			error={error}
			maxlength={MAX_MESSAGE}
		/>
	);
}

function ThreadStatus({ status }: { status: ConsultationView["status"] }) {
	const l = useLocale();
	return <span class="status">{l.t(`after.threadStatus.${status}`)}</span>;
}

/** What a conversation is about: its order, else whether before or after buying. */
function aboutText(l: ReturnType<typeof useLocale>, thread: ConsultationView): string {
	return thread.orderNumber
		? l.t("after.thread.order", { number: thread.orderNumber })
		: l.t(`after.kind.${thread.kind}`);
}

export function ConsultationsListPage({ consultations }: { consultations: ConsultationView[] }) {
	const l = useLocale();
	return (
		<AccountLayout title={l.t("after.threads.title")} current={NAV} styles={AFTER_SALES_CSS}>
			<h1>{l.t("after.threads.heading")}</h1>
			<p>
				<a class="button" href="/account/consultations/new">
					{l.t("after.threads.ask")}
				</a>
			</p>
			{consultations.length === 0 ? (
				<p>{l.t("after.threads.none")}</p>
			) : (
				<DataTable
					caption={l.t("after.threads.caption")}
					columns={[
						l.t("after.col.started"),
						l.t("after.col.about"),
						{ num: l.t("after.col.messages") },
						l.t("after.col.status"),
					]}
				>
					{consultations.map((thread) => (
						<tr data-consultation={thread.id}>
							<td>
								<a href={consultationPath(thread.id)}>{dayIn(l, thread.createdAt)}</a>
							</td>
							<td>{aboutText(l, thread)}</td>
							<td class="num">{l.number(thread.messageCount)}</td>
							<td>
								<ThreadStatus status={thread.status} />
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
	const l = useLocale();
	const aboutError = errors?.fields.about;
	const about = values.about ?? "";
	return (
		<FormPage title={l.t("after.askCustomerService")} current={NAV} errors={errors}>
			<form method="post" action="/account/consultations" class="as-form" novalidate>
				<div class="field">
					<label for="f-about">{l.t("after.thread.aboutLabel")}</label>
					<FieldMessages id="f-about" error={aboutError} />
					<select
						id="f-about"
						name="about"
						required
						aria-invalid={aboutError ? "true" : undefined}
						aria-describedby={describedBy("f-about", false, Boolean(aboutError))}
					>
						<option value="">{l.t("after.thread.chooseOne")}</option>
						<option value={ABOUT_PRE_SALES} selected={about === ABOUT_PRE_SALES}>
							{l.t("after.thread.preSales")}
						</option>
						{orderNumbers.map((number) => (
							<option value={number} selected={about === number}>
								{l.t("after.thread.order", { number })}
							</option>
						))}
						<option value={ABOUT_AFTER_SALES} selected={about === ABOUT_AFTER_SALES}>
							{l.t("after.thread.afterSales")}
						</option>
					</select>
				</div>
				<MessageField label={l.t("after.thread.yourMessage")} values={values} errors={errors} />
				<p class="muted">{l.t("after.thread.access")}</p>
				<button type="submit">{l.t("after.thread.send")}</button>
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
	const l = useLocale();
	const open = thread.status === "open";
	const title = thread.orderNumber
		? l.t("after.thread.title", { number: thread.orderNumber })
		: l.t(`after.kind.${thread.kind}`);
	const started = { date: dayIn(l, thread.createdAt), status: <ThreadStatus status={thread.status} /> };
	return (
		<FormPage title={title} current={NAV} errors={errors}>
			<p>
				{thread.closedAt
					? rich(l.t("after.thread.startedClosed"), { ...started, closed: dayIn(l, thread.closedAt) })
					: rich(l.t("after.thread.started"), started)}
			</p>
			<ol class="thread" aria-label={l.t("after.col.messages")}>
				{thread.messages.map((message) => (
					<li class={message.author}>
						<p class="who">
							{message.author === "staff" ? l.t("after.thread.staff") : l.t("after.thread.you")}
							<span class="hint">{dateTimeIn(l, message.createdAt)}</span>
						</p>
						<p class="body">{message.body}</p>
					</li>
				))}
			</ol>
			{open ? (
				<>
					<form method="post" action={`${consultationPath(thread.id)}/messages`} class="as-form" novalidate>
						<MessageField label={l.t("after.thread.add")} values={values} errors={errors} />
						<button type="submit">{l.t("after.thread.send")}</button>
					</form>
					<form method="post" action={`${consultationPath(thread.id)}/close`} class="inline">
						<p>
							{l.t("after.thread.answered")}{" "}
							<button type="submit" class="link">
								{l.t("after.thread.close")}
							</button>
						</p>
					</form>
				</>
			) : (
				<p>
					{rich(l.t("after.thread.closedText"), {
						link: <a href="/account/consultations/new">{l.t("after.thread.askNew")}</a>,
					})}
				</p>
			)}
			<p>
				<a href="/account/consultations">{l.t("after.thread.all")}</a>
			</p>
		</FormPage>
	);
}
