// The shopper pages' tables: in a scroll area so a wide table never widens the page, named by
// its caption, with column headings given as data so every table heads its columns the same way.
import type { Child } from "hono/jsx";

/** A column heading; `{ num }` right-aligns a heading over numbers. */
export type Column = string | { num: string };

export function DataTable({
	caption,
	columns,
	class: className,
	foot,
	children,
}: {
	caption: Child;
	columns: readonly Column[];
	class?: string;
	/** The footer's rows (totals). */
	foot?: Child;
	children: Child;
}) {
	// A scroll area must be reachable by keyboard (axe: scrollable-region-focusable), and a focusable
	// region needs a name: the caption's text.
	return (
		<section class="table-scroll" tabindex={0} aria-label={typeof caption === "string" ? caption : "Table"}>
			<table class={className}>
				<caption>{caption}</caption>
				<thead>
					<tr>
						{columns.map((column) =>
							typeof column === "string" ? (
								<th scope="col">{column}</th>
							) : (
								<th scope="col" class="num">
									{column.num}
								</th>
							),
						)}
					</tr>
				</thead>
				<tbody>{children}</tbody>
				{foot ? <tfoot>{foot}</tfoot> : null}
			</table>
		</section>
	);
}
