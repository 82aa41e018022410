// The product page's reviews (issue #8): the rating and the latest published reviews, each under
// its author's nickname, or "Verified buyer" once the author's account is gone. The same for
// every shopper, so the page stays cacheable. Texts are escaped by hono/jsx like any text; they
// stay in the language they were written in.
import { useLocale } from "../i18n/locale-context";
import type { PublicReview, RatingSummary } from "../reviews/public-review-schemas";

function stars(rating: number): string {
	return "★".repeat(rating) + "☆".repeat(5 - rating);
}

export function ProductReviews({
	slug,
	rating,
	reviews,
}: {
	slug: string;
	rating: RatingSummary;
	reviews: PublicReview[];
}) {
	const l = useLocale();
	const count = l.t(rating.count === 1 ? "reviews.count.one" : "reviews.count.other", {
		count: l.number(rating.count),
	});
	return (
		<section aria-labelledby="reviews-heading">
			<h2 id="reviews-heading">{l.t("reviews.heading")}</h2>
			{rating.count === 0 || rating.average === null ? (
				<p class="muted">{l.t("reviews.none")}</p>
			) : (
				<p class="rating">
					<span aria-hidden="true">{stars(Math.round(rating.average))}</span>{" "}
					{l.t("reviews.rated", { average: l.number(rating.average), count })}
				</p>
			)}
			{/* Only a buyer of a delivered rug may review it; the account pages check that, not this link. */}
			<p>
				<a href={`/account/reviews/new?product=${encodeURIComponent(slug)}`}>{l.t("reviews.write")}</a>
			</p>
			{rating.count > 0 && reviews.length === 0 ? <p class="muted">{l.t("reviews.unavailable")}</p> : null}
			{reviews.length > 0 ? (
				<ul class="reviews" style="list-style:none;padding:0">
					{reviews.map((review) => (
						<li class="review">
							<p>
								<span role="img" aria-label={l.t("reviews.stars", { rating: l.number(review.rating) })}>
									{stars(review.rating)}
								</span>{" "}
								<strong>{review.nickname ?? l.t("reviews.anonymous")}</strong>
								{", "}
								<time datetime={review.date}>{reviewDate(review.date, l.date)}</time>
							</p>
							<p style="white-space:pre-line">{review.text}</p>
						</li>
					))}
				</ul>
			) : null}
		</section>
	);
}

/** "2025-03-14" in the shopper's locale (14 mars 2025); a date that does not parse stays as given. */
function reviewDate(day: string, format: (at: number) => string): string {
	const at = Date.parse(`${day}T00:00:00Z`);
	return Number.isNaN(at) ? day : format(at);
}
