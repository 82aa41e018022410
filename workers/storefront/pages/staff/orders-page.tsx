// Orders for staff: a status filter, pages of orders without personal data, the warehouse's steps
// for the roles that fulfil, the manifest download and, per order, the way to its contact, which
// a separate page opens only after saying what that means.
import type { StaffIdentity } from "../../../shared/vault-contract";
import { formatPrice } from "../../catalog/format";
import type { listStaffOrders, STAFF_ORDER_STATUSES } from "../../routes/staff-orders";
import { TextInput } from "./field-parts";
import { Pager, ScrollTable, StatusFilter } from "./list-parts";
import { mayUse } from "./sections";
import { dateTime, type FormErrors, NO_ERRORS } from "./staff-layout";
import { StaffPage } from "./staff-page";

type OrderStatus = (typeof STAFF_ORDER_STATUSES)[number];
export type StaffOrderList = Awaited<ReturnType<typeof listStaffOrders>>;

/** What was typed into one order's ship form, to put back after a refusal. */
export type ShipValues = { number: string; carrier?: string; trackingNumber?: string };

export const STATUS_LABEL: Record<OrderStatus, string> = {
	placed: "Placed (awaiting payment)",
	paid: "Paid",
	packed: "Packed",
	shipped: "Shipped",
	delivered: "Delivered",
	cancelled: "Cancelled",
};

export const shipFieldId = (number: string, field: "carrier" | "trackingNumber") => `ship-${number}-${field}`;

type OrdersPageProps = {
	staff: StaffIdentity;
	list: StaffOrderList;
	status?: OrderStatus;
	errors?: FormErrors;
	ship?: ShipValues;
};

function Actions({
	number,
	status,
	errors,
	ship,
}: { number: string; status: OrderStatus } & Pick<OrdersPageProps, "ship"> & { errors: FormErrors }) {
	if (status === "paid") {
		return (
			<form method="post" action={`/staff/orders/${number}/pack`} class="inline">
				<button type="submit">
					Pack<span class="visually-hidden">{` order ${number}`}</span>
				</button>
			</form>
		);
	}
	if (status === "packed") {
		const typed = ship?.number === number ? ship : undefined;
		const carrier = shipFieldId(number, "carrier");
		const tracking = shipFieldId(number, "trackingNumber");
		return (
			<form method="post" action={`/staff/orders/${number}/ship`} class="ship" novalidate>
				<TextInput
					id={carrier}
					name="carrier"
					label="Carrier"
					value={typed?.carrier ?? ""}
					errors={errors}
					required
					boxed={false}
				/>
				<TextInput
					id={tracking}
					name="trackingNumber"
					label="Tracking number"
					value={typed?.trackingNumber ?? ""}
					errors={errors}
					required
					boxed={false}
				/>
				<button type="submit">
					Ship<span class="visually-hidden">{` order ${number}`}</span>
				</button>
			</form>
		);
	}
	if (status === "shipped") {
		return (
			<form method="post" action={`/staff/orders/${number}/deliver`} class="inline">
				<button type="submit">
					Mark delivered<span class="visually-hidden">{` order ${number}`}</span>
				</button>
			</form>
		);
	}
	return <span class="muted">None</span>;
}

export function StaffOrdersPage({ staff, list, status, errors = NO_ERRORS, ship }: OrdersPageProps) {
	const fulfils = mayUse(staff.role, "orders.fulfil");
	return (
		<StaffPage title="Orders" staff={staff} current="/staff/orders" errors={errors}>
			<StatusFilter action="/staff/orders" labels={STATUS_LABEL} status={status} />
			<ScrollTable
				captionId="orders-caption"
				caption={status ? `Orders: ${STATUS_LABEL[status]}` : "Orders, newest first"}
				head={
					<>
						<th scope="col">Order</th>
						<th scope="col">Status</th>
						<th scope="col" class="num">
							Items
						</th>
						<th scope="col" class="num">
							Total
						</th>
						<th scope="col">Placed (UTC)</th>
						<th scope="col">Contact</th>
						{fulfils ? <th scope="col">Fulfilment</th> : null}
					</>
				}
			>
				{list.orders.map((order) => (
					<tr id={`order-${order.number}`}>
						<th scope="row">{order.number}</th>
						<td>{STATUS_LABEL[order.status]}</td>
						<td class="num">{order.itemCount}</td>
						<td class="num">{formatPrice(order.totalMinor, order.currency)}</td>
						<td>{dateTime(order.createdAt)}</td>
						<td>
							<a href={`/staff/orders/${order.number}/contact`}>
								Open contact<span class="visually-hidden">{` of order ${order.number}`}</span>
							</a>
						</td>
						{fulfils ? (
							<td>
								<Actions number={order.number} status={order.status} errors={errors} ship={ship} />
							</td>
						) : null}
					</tr>
				))}
			</ScrollTable>
			{list.orders.length === 0 ? <p>No orders here.</p> : null}
			<Pager
				path="/staff/orders"
				status={status}
				cursor={list.nextCursor}
				firstLabel="First page, all statuses"
			/>
			{fulfils ? (
				<section aria-labelledby="manifest-title">
					<h2 id="manifest-title">Logistics manifest</h2>
					<p class="personal">
						The manifest lists the packed orders' consignee names, addresses and phone numbers for the
						carrier. Downloading it opens that personal data for the purpose fulfilment, and the vault logs
						the export under your name. Keep the file only as long as the carrier needs it.
					</p>
					<form method="get" action="/staff/orders/manifest" class="inline">
						<label for="manifest-format">Format</label>
						<select id="manifest-format" name="format">
							<option value="csv">CSV</option>
							<option value="json">JSON</option>
						</select>
						<button type="submit">Download the manifest</button>
					</form>
				</section>
			) : null}
		</StaffPage>
	);
}
