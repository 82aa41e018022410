// The analytics summary as tables: aggregates only, counts below k shown as "below k".
import { SUMMARY_WINDOW_DAYS } from "../../../../analytics/windows";
import type { StaffIdentity } from "../../../shared/vault-contract";
import type { analyticsSummary } from "../../routes/staff-analytics";
import { ScrollTable } from "./list-parts";
import { StaffPage } from "./staff-page";

type Summary = Awaited<ReturnType<typeof analyticsSummary>>;

const count = (n: number | null) => (n === null ? "below k" : String(n));
const rate = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)} %`);

function Table({
	id,
	caption,
	head,
	rows,
}: {
	id: string;
	caption: string;
	head: string[];
	rows: (string | number)[][];
}) {
	return (
		<ScrollTable
			captionId={id}
			caption={caption}
			head={head.map((h, i) => (
				<th scope="col" class={i > 0 ? "num" : undefined}>
					{h}
				</th>
			))}
		>
			{rows.map(([first, ...rest]) => (
				<tr>
					<th scope="row">{first}</th>
					{rest.map((cell) => (
						<td class="num">{cell}</td>
					))}
				</tr>
			))}
		</ScrollTable>
	);
}

export function AnalyticsPage({ staff, summary }: { staff: StaffIdentity; summary: Summary }) {
	const { funnel } = summary;
	return (
		<StaffPage title="Analytics" staff={staff} current="/staff/analytics">
			<p class="lead">
				{`${summary.from} to ${summary.to} (UTC). Counts carry noise; counts below k = ${summary.k} are withheld.`}
			</p>
			<form method="get" action="/staff/analytics" class="inline">
				<label for="days">Window</label>
				<select id="days" name="days">
					{SUMMARY_WINDOW_DAYS.map((d) => (
						<option value={String(d)} selected={summary.windowDays === d}>
							{d === 1 ? "Yesterday" : `Last ${d} days`}
						</option>
					))}
				</select>
				<button type="submit">Show</button>
			</form>
			<Table
				id="funnel-caption"
				caption="Funnel"
				head={["Step", "Count", "Rate to next"]}
				rows={[
					["Product views", count(funnel.views), rate(funnel.viewToCartRate)],
					["Added to cart", count(funnel.cartAdds), rate(funnel.cartToPurchaseRate)],
					["Purchases", count(funnel.purchases), "—"],
				]}
			/>
			<Table
				id="top-caption"
				caption="Top products"
				head={["Product id", "Views", "Cart adds", "Purchases"]}
				rows={summary.topProducts.map((p) => [p.productId, p.views, count(p.cartAdds), count(p.purchases)])}
			/>
			<Table
				id="device-caption"
				caption="Devices"
				head={["Device", "Page views", "Share"]}
				rows={summary.deviceMix.map((d) => [d.device, d.pageViews, rate(d.share)])}
			/>
			<Table
				id="trend-caption"
				caption="Daily trend"
				head={["Day", "Views", "Cart adds", "Purchases", "Page views"]}
				rows={summary.trend.map((t) => [
					t.date,
					count(t.views),
					count(t.cartAdds),
					count(t.purchases),
					count(t.pageViews),
				])}
			/>
		</StaffPage>
	);
}
