// What every staff console route shares (routes/staff-pages.tsx and the area files it registers):
// the HTML responses, the form body, `no-store` on every page, and which errors a form shows
// itself rather than handing to the console's error page.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError } from "../errors";
import type { StaffEnv } from "../middleware/staff-auth";
import { errorResponses, html } from "../openapi";

export { formBody, html } from "../openapi";

/** What every staff page may answer besides its own success. */
export const staffResponses = {
	303: { description: "Without a staff token: to /staff/sign-in" },
	400: html("Invalid input"),
	403: html("The vault refused this for the member's role"),
	404: html("No such page or record"),
	429: html("Too many staff requests"),
	503: html("The vault is unavailable"),
};

export const formResponses = {
	...staffResponses,
	409: html("The page again: the record is not in a state for that"),
	...errorResponses(413),
};

/** Personal or role-dependent: never stored by any cache. */
export function page(
	c: Context<StaffEnv>,
	body: string | Promise<string>,
	status: ContentfulStatusCode = 200,
) {
	c.header("Cache-Control", "no-store");
	return c.html(body, status);
}

/** A refusal the member can act on; anything else (sign-in lost, faults) goes to onError. */
export function refusalOf(err: unknown): AppError | null {
	return err instanceof AppError && err.status < 500 && err.code !== "unauthorized" ? err : null;
}

export const actorOf = (c: Context<StaffEnv>) => ({ kind: "staff", token: c.var.staffToken }) as const;

export const stringOf = (value: unknown, max: number) =>
	typeof value === "string" ? value.slice(0, max) : undefined;
