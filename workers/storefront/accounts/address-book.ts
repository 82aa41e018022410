// The customer's address book: each address sealed under the account's subject, bound to its own
// row (AAD), so a ciphertext copied onto another row or another customer does not open.
import { randomBytes, toBase64Url } from "../../shared/base64url";
import type { DeliveryAddress } from "../checkout/checkout-schemas";
import { normalizeAddress } from "../checkout/countries";
import {
	countAddresses,
	deleteAddress,
	getAddress,
	insertAddressWithinCap,
	listAddresses,
	replaceAddress,
} from "../db/customers";
import type { CustomerAddress } from "../db/schema";
import { AppError } from "../errors";
import { type AccountDeps, openOwn, sealOwn } from "./account-deps";
import type { SavedAddressInput } from "./account-schemas";

export const MAX_SAVED_ADDRESSES = 10;
const TABLE = "customer_addresses";

export type SavedAddress = { id: string; name: string; phone: string; address: DeliveryAddress };

function newAddressId(): string {
	return `adr_${toBase64Url(randomBytes(16))}`;
}

function sealAddress(deps: AccountDeps, id: string, input: SavedAddressInput) {
	return sealOwn(deps, TABLE, id, {
		name: input.name,
		phone: input.phone,
		address: JSON.stringify(normalizeAddress(input.address)),
	});
}

/** Opens rows in one vault call (three fields each). */
async function openAddresses(deps: AccountDeps, rows: CustomerAddress[]): Promise<SavedAddress[]> {
	const values = await openOwn(
		deps,
		rows.flatMap((row) => [
			{ table: TABLE, rowId: row.id, field: "name", ciphertext: row.nameCt },
			{ table: TABLE, rowId: row.id, field: "phone", ciphertext: row.phoneCt },
			{ table: TABLE, rowId: row.id, field: "address", ciphertext: row.addressCt },
		]),
	);
	return rows.map((row, i) => ({
		id: row.id,
		name: values[i * 3] as string,
		phone: values[i * 3 + 1] as string,
		address: JSON.parse(values[i * 3 + 2] as string) as DeliveryAddress,
	}));
}

export async function listSavedAddresses(deps: AccountDeps): Promise<SavedAddress[]> {
	return openAddresses(deps, await listAddresses(deps.db, deps.account.id));
}

export async function findSavedAddress(deps: AccountDeps, id: string): Promise<SavedAddress> {
	const row = await getAddress(deps.db, deps.account.id, id);
	if (!row) throw new AppError("not_found", "No such address");
	const [address] = await openAddresses(deps, [row]);
	return address as SavedAddress;
}

export async function addSavedAddress(deps: AccountDeps, input: SavedAddressInput): Promise<SavedAddress> {
	const full = () =>
		new AppError("conflict", `An address book holds at most ${MAX_SAVED_ADDRESSES} addresses`);
	// An early answer before the vault is asked; the insert itself is what holds the bound.
	if ((await countAddresses(deps.db, deps.account.id)) >= MAX_SAVED_ADDRESSES) throw full();
	const id = newAddressId();
	const sealed = await sealAddress(deps, id, input);
	const row = {
		id,
		customerId: deps.account.id,
		nameCt: sealed.name,
		phoneCt: sealed.phone,
		addressCt: sealed.address,
		createdAt: deps.now,
		updatedAt: deps.now,
	};
	if (!(await insertAddressWithinCap(deps.db, row, MAX_SAVED_ADDRESSES))) throw full();
	return { id, name: input.name, phone: input.phone, address: normalizeAddress(input.address) };
}

export async function replaceSavedAddress(
	deps: AccountDeps,
	id: string,
	input: SavedAddressInput,
): Promise<SavedAddress> {
	if (!(await getAddress(deps.db, deps.account.id, id))) throw new AppError("not_found", "No such address");
	const sealed = await sealAddress(deps, id, input);
	const replaced = await replaceAddress(
		deps.db,
		deps.account.id,
		id,
		{ nameCt: sealed.name, phoneCt: sealed.phone, addressCt: sealed.address },
		deps.now,
	);
	if (!replaced) throw new AppError("not_found", "No such address");
	return { id, name: input.name, phone: input.phone, address: normalizeAddress(input.address) };
}

export async function removeSavedAddress(deps: AccountDeps, id: string): Promise<void> {
	if (!(await deleteAddress(deps.db, deps.account.id, id)))
		throw new AppError("not_found", "No such address");
}
