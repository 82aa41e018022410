// Review moderation: the queue (pending first, oldest first) without personal data; a review's
// text and nickname open only when asked, logged by the vault, on a page that answers that POST;
// publishing and rejecting from either.
import type { StaffIdentity } from "../../../shared/vault-contract";
import { REVIEW_STATUSES, type StaffReview } from "../../reviews/review-schemas";
import { Pager, ScrollTable, StatusFilter } from "./list-parts";
import { dateTime } from "./staff-layout";
import { LoggedAccess, StaffPage } from "./staff-page";

type ReviewStatus = (typeof REVIEW_STATUSES)[number];

const STATUS_LABEL: Record<ReviewStatus, string> = {
	pending: "Pending moderation",
	published: "Published",
	rejected: "Rejected",
};

const reviewPath = (id: string) => `/staff/reviews/${id}`;

function Decisions({ review }: { review: StaffReview }) {
	const label = ` review ${review.id.slice(4, 12)}`;
	return (
		<>
			{review.status !== "published" ? (
				<form method="post" action={`${reviewPath(review.id)}/publish`} class="inline">
					<button type="submit">
						Publish<span class="visually-hidden">{label}</span>
					</button>
				</form>
			) : null}
			{review.status !== "rejected" ? (
				<form method="post" action={`${reviewPath(review.id)}/reject`} class="inline">
					<button type="submit">
						Reject<span class="visually-hidden">{label}</span>
					</button>
				</form>
			) : null}
		</>
	);
}

export type StaffReviewList = { reviews: StaffReview[]; nextCursor: string | null };

export function StaffReviewsPage({
	staff,
	list,
	status,
}: {
	staff: StaffIdentity;
	list: StaffReviewList;
	/** Undefined: every status. */
	status?: ReviewStatus;
}) {
	const query = (cursor?: string) =>
		`/staff/reviews?${new URLSearchParams({ status: status ?? "", ...(cursor ? { cursor } : {}) })}`;
	return (
		<StaffPage title="Reviews" heading="Reviews to moderate" staff={staff} current="/staff/reviews">
			<StatusFilter
				action="/staff/reviews"
				labels={STATUS_LABEL}
				order={REVIEW_STATUSES}
				status={status}
				anyLast
			/>
			<div class="personal">
				<p>
					A review's text and nickname are personal data until published. Reading them asks the vault, which
					logs the access under your name for the purpose support.
				</p>
			</div>
			<ScrollTable
				captionId="reviews-caption"
				caption={status ? `Reviews: ${STATUS_LABEL[status]}, oldest first` : "Reviews, oldest first"}
				head={
					<>
						<th scope="col">Product</th>
						<th scope="col" class="num">
							Stars
						</th>
						<th scope="col">Status</th>
						<th scope="col">Written (UTC)</th>
						<th scope="col">Text</th>
						<th scope="col">Decision</th>
					</>
				}
			>
				{list.reviews.map((review) => (
					<tr>
						<th scope="row">{review.product.name}</th>
						<td class="num">{review.rating}</td>
						<td>{STATUS_LABEL[review.status]}</td>
						<td>{dateTime(review.createdAt)}</td>
						<td>
							<form method="post" action={`${reviewPath(review.id)}/open`} class="inline">
								<button type="submit" class="link">
									Read and log<span class="visually-hidden">{` review ${review.id.slice(4, 12)}`}</span>
								</button>
							</form>
						</td>
						<td>
							<Decisions review={review} />
						</td>
					</tr>
				))}
			</ScrollTable>
			{list.reviews.length === 0 ? <p>No reviews here.</p> : null}
			<Pager path="/staff/reviews" cursor={list.nextCursor} href={query} />
		</StaffPage>
	);
}

type OpenedReview = StaffReview & { text: string; nickname: string | null };

export function StaffReviewPage({
	staff,
	review,
	requestId,
}: {
	staff: StaffIdentity;
	review: OpenedReview;
	requestId: string;
}) {
	const title = `Review of ${review.product.name}`;
	return (
		<StaffPage title={title} staff={staff} current="/staff/reviews">
			<LoggedAccess requestId={requestId} level={2} />
			<dl class="specs">
				<dt>Stars</dt>
				<dd>{`${review.rating} of 5`}</dd>
				<dt>Status</dt>
				<dd>{STATUS_LABEL[review.status]}</dd>
				<dt>Nickname</dt>
				<dd>{review.nickname ?? (review.anonymised ? "None: the account is gone" : "None")}</dd>
				<dt>Written (UTC)</dt>
				<dd>{dateTime(review.createdAt)}</dd>
			</dl>
			<blockquote class="said">{review.text}</blockquote>
			<Decisions review={review} />
			<p>
				<a href="/staff/reviews">Back to reviews</a>
			</p>
		</StaffPage>
	);
}
