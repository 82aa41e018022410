// The rug drawings as page elements. The markup comes from catalog/rug-art.ts, which escapes
// everything it interpolates, so it is inserted as is.
import { raw } from "hono/html";
import { translatedColorLabel } from "../../catalog/format";
import { type RugPattern, rugDefinitions, rugDrawing } from "../../catalog/rug-art";
import { useLocale } from "../../i18n/locale-context";

/** Each pattern the page draws, once; place it before (or beside) the drawings. */
export function RugDefinitions({ patterns }: { patterns: Iterable<RugPattern> }) {
	return raw(rugDefinitions(patterns));
}

export function Rug({
	pattern,
	color,
	className,
}: {
	pattern: RugPattern;
	color: string;
	className?: string;
}) {
	const l = useLocale();
	// Colour names are common nouns mid-sentence, except in German, where nouns keep their capital.
	const colour = translatedColorLabel(color, l.t);
	const label = l.t("rug.label", {
		pattern: l.t(`rug.pattern.${pattern}`),
		colour: l.language === "de" ? colour : colour.toLowerCase(),
	});
	return raw(rugDrawing({ pattern, color, label, className }));
}
