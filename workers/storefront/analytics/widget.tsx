// The recommendation widget's HTML fragment: place it on a product page. It stays hidden until
// the script has something to show, so the page works the same without JavaScript.
import { WIDGET_SCRIPT_PATH } from "./widget-script";

export function RecommendationsWidget(props: { productId: number; limit?: number; title?: string }) {
	return (
		<>
			<section
				class="lw-recs"
				data-lw-recs=""
				data-product={String(props.productId)}
				data-limit={String(props.limit ?? 4)}
				aria-labelledby="lw-recs-title"
				hidden
			>
				<h2 id="lw-recs-title">{props.title ?? "Shoppers also looked at"}</h2>
				<ul class="lw-recs-list" />
			</section>
			<script src={WIDGET_SCRIPT_PATH} defer />
		</>
	);
}
