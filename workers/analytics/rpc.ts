// The read side, reached by the storefront through a service binding. Only published counts
// (noisy, at least k) inform what it returns; raw counts never cross this boundary.
import { WorkerEntrypoint } from "cloudflare:workers";
import { readPipelineConfig } from "../../analytics/config";
import { hourBucket } from "../../analytics/dimensions";
import { publishPairs, publishPopularity, publishSummary } from "../../analytics/publish";
import { planRetention } from "../../analytics/rollup";
import {
	type RecommendationsRequest,
	RecommendationsRequestSchema,
	type SummaryRequest,
	SummaryRequestSchema,
} from "../../analytics/rpc-schema";
import { type Recommendation, scoreRecommendations } from "../../analytics/score";
import { dailySaltedNoise } from "../../analytics/threshold";
import {
	type DayWindow,
	daysOf,
	firstOpenDay,
	windowEndingToday,
	windowOfClosedDays,
} from "../../analytics/windows";
import { readRecommendationData, readSummaryData } from "./db/reads";
import { applyRetention } from "./db/retention";

/** A random salt for every day of the window; only days without one yet keep theirs. */
function freshSalts(window: DayWindow): Map<number, string> {
	return new Map(
		daysOf(window).map((day) => {
			const bytes = crypto.getRandomValues(new Uint8Array(16));
			return [day, Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")];
		}),
	);
}

function noiseAt(salts: ReadonlyMap<number, string>, nowMs: number) {
	return dailySaltedNoise(salts, { firstOpenDay: firstOpenDay(nowMs), hour: hourBucket(nowMs) });
}

export class AnalyticsRpc extends WorkerEntrypoint<AnalyticsEnv> {
	async recommendations(request: RecommendationsRequest): Promise<Recommendation[]> {
		const input = RecommendationsRequestSchema.parse(request);
		const config = readPipelineConfig(this.env);
		const recent = input.recent.filter((id) => id !== input.productId);
		const nowMs = Date.now();
		const window = windowEndingToday(nowMs, config.windowDays);
		const data = await readRecommendationData(this.env.ANALYTICS_DB, {
			anchors: [input.productId, ...recent],
			fallback: input.fallback.filter((id) => id !== input.productId),
			window,
			freshSalts: freshSalts(window),
		});
		const publisher = { days: daysOf(window), params: config.privacy, noise: noiseAt(data.salts, nowMs) };
		return scoreRecommendations({
			productId: input.productId,
			recent,
			coViews: publishPairs(data.coViews, "cv", publisher),
			coPurchases: publishPairs(data.coPurchases, "cp", publisher),
			popular: publishPopularity(data.popularity, publisher),
			limit: input.limit,
		});
	}

	async summary(request: SummaryRequest) {
		const input = SummaryRequestSchema.parse(request);
		const config = readPipelineConfig(this.env);
		const nowMs = Date.now();
		const window = windowOfClosedDays(nowMs, input.days);
		const data = await readSummaryData(this.env.ANALYTICS_DB, { window, freshSalts: freshSalts(window) });
		return publishSummary(data, {
			window,
			params: config.privacy,
			noise: noiseAt(data.salts, nowMs),
			top: input.top,
		});
	}

	/** Rollup and expiry; the storefront's cron calls it, the consumer also runs it hourly. */
	async runMaintenance(): Promise<{ rollupBeforeHour: number }> {
		const plan = planRetention(Date.now(), readPipelineConfig(this.env).retention);
		await applyRetention(this.env.ANALYTICS_DB, plan);
		return { rollupBeforeHour: plan.rollupBeforeHour };
	}
}
