// The product page's reviews (issue #8): the rating and the latest published reviews, each under
// its author's nickname, or "Verified buyer" once the author's account is gone. The same for
// every shopper, so the page stays cacheable. Texts are escaped by hono/jsx like any text.
import type { PublicReview, RatingSummary } from "../reviews/public-review-schemas";

const ANONYMOUS = "Verified buyer";

function stars(rating: number): string {
	return "★".repeat(rating) + "☆".repeat(5 - rating);
}

function countLabel(count: number): string {
	return count === 1 ? "1 review" : `${count} reviews`;
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
	return (
		<section aria-labelledby="reviews-heading">
			<h2 id="reviews-heading">Reviews</h2>
			{rating.count === 0 || rating.average === null ? (
				<p class="muted">No reviews yet.</p>
			) : (
				<p class="rating">
					<span aria-hidden="true">{stars(Math.round(rating.average))}</span>{" "}
					{`Rated ${rating.average} out of 5 (${countLabel(rating.count)})`}
				</p>
			)}
			{/* Only a buyer of a delivered rug may review it; the account pages check that, not this link. */}
			<p>
				<a href={`/account/reviews/new?product=${encodeURIComponent(slug)}`}>Write a review</a>
			</p>
			{rating.count > 0 && reviews.length === 0 ? (
				<p class="muted">The reviews cannot be shown right now.</p>
			) : null}
			{reviews.length > 0 ? (
				<ul class="reviews" style="list-style:none;padding:0">
					{reviews.map((review) => (
						<li class="review">
							<p>
								<span role="img" aria-label={`${review.rating} out of 5`}>
									{stars(review.rating)}
								</span>{" "}
								<strong>{review.nickname ?? ANONYMOUS}</strong>
								{", "}
								<time datetime={review.date}>{review.date}</time>
							</p>
							<p style="white-space:pre-line">{review.text}</p>
						</li>
					))}
				</ul>
			) : null}
		</section>
	);
}
