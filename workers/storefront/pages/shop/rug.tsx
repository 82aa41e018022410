// The rug drawings as page elements. The markup comes from catalog/rug-art.ts, which escapes
// everything it interpolates, so it is inserted as is.
import { raw } from "hono/html";
import { colorLabel } from "../../catalog/format";
import { type RugPattern, rugDefinitions, rugDrawing, rugLabel } from "../../catalog/rug-art";

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
	return raw(rugDrawing({ pattern, color, label: rugLabel(pattern, colorLabel(color)), className }));
}
