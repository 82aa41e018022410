// The parts every staff list page is built from: the status filter, the scrolling table with its
// caption, and the pager. One markup for all lists keeps their keyboard and screen-reader
// behaviour (focusable scroll area, labelled table, named pager) the same from page to page.
import type { Child } from "hono/jsx";

type StatusFilterProps<S extends string> = {
	action: string;
	labels: Record<S, string>;
	/** The options' order; the labels' own order when absent. */
	order?: readonly S[];
	status?: S;
	/** The empty option's text; the reviews queue lists it last, selected when no status is. */
	anyLabel?: string;
	anyLast?: boolean;
};

export function StatusFilter<S extends string>({
	action,
	labels,
	order = Object.keys(labels) as S[],
	status,
	anyLabel = "All statuses",
	anyLast = false,
}: StatusFilterProps<S>) {
	return (
		<form method="get" action={action} class="inline">
			<label for="status">Status</label>
			<select id="status" name="status">
				{anyLast ? null : <option value="">{anyLabel}</option>}
				{order.map((value) => (
					<option value={value} selected={status === value}>
						{labels[value]}
					</option>
				))}
				{anyLast ? (
					<option value="" selected={status === undefined}>
						{anyLabel}
					</option>
				) : null}
			</select>
			<button type="submit">Show</button>
		</form>
	);
}

/** A table in a focusable scroll area named by its caption; `head` holds the header row's cells. */
export function ScrollTable({
	captionId,
	caption,
	head,
	children,
}: {
	captionId: string;
	caption: Child;
	head: Child;
	children: Child;
}) {
	return (
		<section class="scroll" tabindex={0} aria-labelledby={captionId}>
			<table>
				<caption id={captionId}>{caption}</caption>
				<thead>
					<tr>{head}</tr>
				</thead>
				<tbody>{children}</tbody>
			</table>
		</section>
	);
}

/** The list's next page: the same filter, the cursor the list handed back. */
export const nextPageHref = (path: string, status: string | undefined, cursor: string) =>
	`${path}?${new URLSearchParams(status ? { status, cursor } : { cursor })}`;

/**
 * The pager: a way back to the unfiltered first page once off it (when `firstLabel` is given) and
 * the next page while there is one.
 */
export function Pager({
	path,
	status,
	cursor,
	firstLabel,
	href = (next) => nextPageHref(path, status, next),
}: {
	path: string;
	status?: string;
	cursor: string | null;
	firstLabel?: string;
	href?: (cursor: string) => string;
}) {
	return (
		<nav class="pager" aria-label="Pages">
			{firstLabel && (status || cursor) ? <a href={path}>{firstLabel}</a> : null}
			{cursor ? <a href={href(cursor)}>Next page</a> : null}
		</nav>
	);
}
