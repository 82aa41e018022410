// The recommendation widget's HTML fragment: place it on a product page. It stays hidden until
// the script has something to show, so the page works the same without JavaScript.
import { useLocale } from "../i18n/locale-context";
import { WIDGET_SCRIPT_PATH } from "./widget-script";

export function RecommendationsWidget(props: { productId: number; limit?: number; title?: string }) {
	const l = useLocale();
	return (
		<>
			<section
				class="lw-recs"
				data-lw-recs=""
				data-product={String(props.productId)}
				data-limit={String(props.limit ?? 4)}
				data-market={l.market}
				data-prefix={l.prefix}
				aria-labelledby="lw-recs-title"
				hidden
			>
				<h2 id="lw-recs-title">{props.title ?? l.t("widget.title")}</h2>
				<ul class="lw-recs-list" />
			</section>
			<script src={WIDGET_SCRIPT_PATH} defer />
		</>
	);
}
