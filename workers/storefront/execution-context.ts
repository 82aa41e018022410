import type { Context } from "hono";
import type { AppEnv } from "./env";

export type ExecutionCtx = Context<AppEnv>["executionCtx"];

/**
 * The request's execution context, or undefined where there is none: hono's app.request(), which
 * some tests use, runs without one, and hono throws on reading it then.
 */
export function executionContextOf(c: Context<AppEnv>): ExecutionCtx | undefined {
	try {
		return c.executionCtx;
	} catch {
		return undefined;
	}
}
