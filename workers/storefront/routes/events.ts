// POST /api/v1/events: the analytics beacon (DESIGN §4.1-2).
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { BeaconBodySchema, type BeaconEvent } from "../../../analytics/event-schema";
import { planBeacon } from "../analytics/beacon";
import { emitEvents, mayCollect } from "../analytics/emit";
import { limitEventRate } from "../analytics/rate-limit";
import {
	readPairedToday,
	readRecentViews,
	writePairedToday,
	writeRecentViews,
} from "../analytics/recent-views";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { documentedStrictObject } from "../mini-schema";
import { createRouter, errorResponses } from "../openapi";

const MAX_BEACON_BYTES = 4 * 1024;

const BeaconRequestSchema = documentedStrictObject(BeaconBodySchema);

const BeaconResultSchema = z
	.object({
		accepted: z.number().int().openapi({ description: "Events sent on to the analytics pipeline" }),
		ignored: z
			.number()
			.int()
			.openapi({ description: "Events dropped: no consent, or emitted by the server itself" }),
		collecting: z
			.boolean()
			.openapi({ description: "False when consent is withdrawn, or Sec-GPC / DNT is set" }),
	})
	.openapi("BeaconResult");

const postEvents = createRoute({
	method: "post",
	path: "/api/v1/events",
	tags: ["analytics"],
	summary: "Record anonymous browsing events (beacon)",
	description:
		"Accepts page and view events. Nothing is sent when analytics consent is withdrawn or the request carries " +
		"Sec-GPC: 1 or DNT: 1. Cart and purchase events are accepted by the schema but ignored: the server emits them " +
		"itself. The shopper's recent views ride along from the lw_recent cookie.",
	request: { body: { required: true, content: { "application/json": { schema: BeaconRequestSchema } } } },
	responses: {
		202: { description: "Events accepted", content: { "application/json": { schema: BeaconResultSchema } } },
		...errorResponses(400, 413, 429),
	},
});

async function acceptBeacon(c: Context<AppEnv>, events: readonly BeaconEvent[]) {
	if (!(await mayCollect(c))) {
		return { accepted: 0, ignored: events.length, collecting: false };
	}
	await limitEventRate(c);
	const today = Math.floor(Date.now() / 86_400_000);
	const plan = planBeacon(events, await readRecentViews(c), await readPairedToday(c, today));
	const accepted = await emitEvents(c, plan.events);
	if (plan.events.some((e) => e.type === "view")) {
		await writeRecentViews(c, plan.recent);
		if (plan.paired.length > 0) await writePairedToday(c, today, plan.paired);
	}
	return { accepted, ignored: plan.ignored, collecting: true };
}

export const eventRoutes = createRouter();

eventRoutes.use(
	postEvents.path,
	bodyLimit({
		maxSize: MAX_BEACON_BYTES,
		onError: () => {
			throw new AppError("payload_too_large", `Beacon body exceeds ${MAX_BEACON_BYTES} bytes`);
		},
	}),
);

eventRoutes.openapi(postEvents, async (c) => c.json(await acceptBeacon(c, c.req.valid("json").events), 202));
