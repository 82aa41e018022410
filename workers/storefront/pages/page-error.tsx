import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { MessagePage } from "./message";

/** Pages answer in HTML; the API's JSON error shape would be unreadable in a browser. */
export function pageErrorResponse(err: Error, c: Context<AppEnv>) {
	const status = err instanceof HTTPException ? err.status : 500;
	if (status >= 500) c.var.logger.error("page failed", { err, route: c.req.routePath });
	const message =
		status >= 500 ? "Something went wrong on our side. Please try again." : "That request didn't work.";
	c.header("Cache-Control", "no-store");
	return c.html(<MessagePage title="Sorry" message={message} />, status);
}
