// Writing a review of a product the shopper received, and their reviews with moderation status.
// Whether they may review it is the API's call (writeReview); its refusal is shown on the form.
// Product links go to the product page in the shopper's locale.
import { type PageLocale, useLocale } from "../../i18n/locale-context";
import type { OwnReview } from "../../reviews/review-schemas";
import { MAX_REVIEW_TEXT } from "../../reviews/review-schemas";
import { AccountLayout } from "../account/account-layout";
import { DataTable } from "../data-table";
import { describedBy, FieldMessages, TextAreaField } from "../form-parts";
import type { FormErrors, FormValues } from "./forms";
import { dayIn, FormPage } from "./parts";
import { rich } from "./rich-text";
import { AFTER_SALES_CSS } from "./styles";

const NAV = "/account/reviews";
const RATINGS = [5, 4, 3, 2, 1] as const;
const stars = (l: PageLocale, rating: number) => l.t("after.review.stars", { rating: l.number(rating) });
const productHref = (l: PageLocale, slug: string) => l.href(`/p/${slug}`);

export type ReviewFormPageProps = {
	product: { slug: string; name: string };
	values?: FormValues;
	errors?: FormErrors;
};

export function ReviewFormPage({ product, values = {}, errors }: ReviewFormPageProps) {
	const l = useLocale();
	const ratingError = errors?.fields.rating;
	const textError = errors?.fields.text;
	const title = l.t("after.review.title", { product: product.name });
	return (
		<FormPage
			title={title}
			current={NAV}
			errors={errors}
			idOf={(field) => (field === "rating" ? "f-rating-5" : `f-${field}`)}
		>
			<p>
				{rich(l.t("after.review.intro"), {
					link: <a href={productHref(l, product.slug)}>{l.t("after.review.productPage")}</a>,
				})}
			</p>
			<form method="post" action="/account/reviews" class="as-form" novalidate>
				<input type="hidden" name="productSlug" value={product.slug} />
				<fieldset aria-describedby={describedBy("f-rating", false, Boolean(ratingError))}>
					<legend>{l.t("after.review.rating")}</legend>
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
							{stars(l, rating)}
						</label>
					))}
				</fieldset>
				<TextAreaField
					id="f-text"
					name="text"
					label={l.t("after.review.text")}
					hint={l.t("after.review.textHint", { max: MAX_REVIEW_TEXT })}
					value={values.text}
					error={textError}
					maxlength={MAX_REVIEW_TEXT}
				/>
				<button type="submit">{l.t("after.review.send")}</button>
			</form>
		</FormPage>
	);
}

export function ReviewsListPage({ reviews }: { reviews: OwnReview[] }) {
	const l = useLocale();
	const title = l.t("after.reviews.title");
	return (
		<AccountLayout title={title} current={NAV} styles={AFTER_SALES_CSS}>
			<h1>{title}</h1>
			{reviews.length === 0 ? (
				<p>
					{rich(l.t("after.reviews.none"), {
						link: <a href="/account/orders">{l.t("after.reviews.ordersLink")}</a>,
					})}
				</p>
			) : (
				<DataTable
					caption={l.t("after.reviews.caption")}
					columns={[
						l.t("after.col.product"),
						l.t("after.col.rating"),
						l.t("after.col.written"),
						l.t("after.col.status"),
					]}
				>
					{reviews.map((review) => (
						<tr data-review={review.id}>
							<td>
								<a href={productHref(l, review.product.slug)}>{review.product.name}</a>
								{review.text ? <span class="hint pre">{review.text}</span> : null}
							</td>
							<td>{stars(l, review.rating)}</td>
							<td>{dayIn(l, review.createdAt)}</td>
							<td>
								<span class="status">{l.t(`after.reviewStatus.${review.status}`)}</span>
							</td>
						</tr>
					))}
				</DataTable>
			)}
		</AccountLayout>
	);
}
