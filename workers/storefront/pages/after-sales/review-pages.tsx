// Writing a review of a product the shopper received, and their reviews with moderation status.
// Whether they may review it is the API's call (writeReview); its refusal is shown on the form.
import type { OwnReview } from "../../reviews/review-schemas";
import { MAX_REVIEW_TEXT } from "../../reviews/review-schemas";
import { AccountLayout } from "../account/account-layout";
import { DataTable } from "../data-table";
import { describedBy, FieldMessages, TextAreaField } from "../form-parts";
import type { FormErrors, FormValues } from "./forms";
import { FormPage, formatDay, REVIEW_STATUS_TEXT } from "./parts";
import { AFTER_SALES_CSS } from "./styles";

const NAV = "/account/reviews";
const RATINGS = [5, 4, 3, 2, 1] as const;
const stars = (rating: number) => `${rating} out of 5 stars`;

export type ReviewFormPageProps = {
	product: { slug: string; name: string };
	values?: FormValues;
	errors?: FormErrors;
};

export function ReviewFormPage({ product, values = {}, errors }: ReviewFormPageProps) {
	const ratingError = errors?.fields.rating;
	const textError = errors?.fields.text;
	const title = `Review ${product.name}`;
	return (
		<FormPage
			title={title}
			current={NAV}
			errors={errors}
			idOf={(field) => (field === "rating" ? "f-rating-5" : `f-${field}`)}
		>
			<p>
				Reviews are for rugs you have received. Staff read each review before it is published, with your
				nickname, on <a href={`/p/${product.slug}`}>the product page</a>.
			</p>
			<form method="post" action="/account/reviews" class="as-form" novalidate>
				<input type="hidden" name="productSlug" value={product.slug} />
				<fieldset aria-describedby={describedBy("f-rating", false, Boolean(ratingError))}>
					<legend>Your rating</legend>
					<FieldMessages id="f-rating" error={ratingError} />
					{RATINGS.map((rating) => (
						<label class="radio" for={`f-rating-${rating}`}>
							<input
								id={`f-rating-${rating}`}
								type="radio"
								name="rating"
								value={String(rating)}
								checked={values.rating === String(rating)}
								required
							/>
							{stars(rating)}
						</label>
					))}
				</fieldset>
				<TextAreaField
					id="f-text"
					name="text"
					label="Your review"
					hint={`Up to ${MAX_REVIEW_TEXT} characters: how it looks, feels and washes.`}
					value={values.text}
					error={textError}
					maxlength={MAX_REVIEW_TEXT}
				/>
				<button type="submit">Send the review</button>
			</form>
		</FormPage>
	);
}

export function ReviewsListPage({ reviews }: { reviews: OwnReview[] }) {
	return (
		<AccountLayout title="Your reviews" current={NAV} styles={AFTER_SALES_CSS}>
			<h1>Your reviews</h1>
			{reviews.length === 0 ? (
				<p>
					You have not written a review yet. You can review a rug once it has been delivered: see{" "}
					<a href="/account/orders">your orders</a>.
				</p>
			) : (
				<DataTable caption="Your reviews, newest first" columns={["Product", "Rating", "Written", "Status"]}>
					{reviews.map((review) => (
						<tr data-review={review.id}>
							<td>
								<a href={`/p/${review.product.slug}`}>{review.product.name}</a>
								{review.text ? <span class="hint pre">{review.text}</span> : null}
							</td>
							<td>{stars(review.rating)}</td>
							<td>{formatDay(review.createdAt)}</td>
							<td>
								<span class="status">{REVIEW_STATUS_TEXT[review.status]}</span>
							</td>
						</tr>
					))}
				</DataTable>
			)}
		</AccountLayout>
	);
}
