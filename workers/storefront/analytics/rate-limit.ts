// Bounds what one client can post to the beacon, so nobody can flood the aggregates. The key (the
// client IP) only reaches the Workers rate limiter's short-lived counters: it is never logged,
// queued or stored.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { AppError } from "../errors";

export async function limitEventRate(c: Context<AppEnv>): Promise<void> {
	const key = c.req.header("CF-Connecting-IP") ?? "unknown-client";
	const { success } = await c.env.EVENTS_RATE_LIMITER.limit({ key });
	if (!success) throw new AppError("rate_limited", "Too many events; slow down");
}
