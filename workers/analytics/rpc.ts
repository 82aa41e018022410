// The read side, reached by the storefront through a service binding. Only published counts
// (noisy, at least k) inform what it returns; raw counts never cross this boundary.
import { WorkerEntrypoint } from "cloudflare:workers";
import { readPipelineConfig } from "../../analytics/config";
import { publishPairs, publishPopularity, publishSummary, windowOf } from "../../analytics/publish";
import { planRetention } from "../../analytics/rollup";
import {
	type RecommendationsRequest,
	RecommendationsRequestSchema,
	type SummaryRequest,
	SummaryRequestSchema,
} from "../../analytics/rpc-schema";
import { type Recommendation, scoreRecommendations } from "../../analytics/score";
import { saltedNoise } from "../../analytics/threshold";
import { readRecommendationData, readSummaryData } from "./db/reads";
import { applyRetention } from "./db/retention";

function randomSalt(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class AnalyticsRpc extends WorkerEntrypoint<AnalyticsEnv> {
	async recommendations(request: RecommendationsRequest): Promise<Recommendation[]> {
		const input = RecommendationsRequestSchema.parse(request);
		const config = readPipelineConfig(this.env);
		const recent = input.recent.filter((id) => id !== input.productId);
		const { sinceHour, today } = windowOf(Date.now(), config.windowDays);
		const data = await readRecommendationData(this.env.ANALYTICS_DB, {
			anchors: [input.productId, ...recent],
			fallback: input.fallback.filter((id) => id !== input.productId),
			today,
			sinceHour,
			freshSalt: randomSalt(),
		});
		const noise = saltedNoise(data.salt);
		return scoreRecommendations({
			productId: input.productId,
			recent,
			coViews: publishPairs(data.coViews, "cv", config.privacy, noise),
			coPurchases: publishPairs(data.coPurchases, "cp", config.privacy, noise),
			popular: publishPopularity(data.popularity, config.privacy, noise),
			limit: input.limit,
		});
	}

	async summary(request: SummaryRequest) {
		const input = SummaryRequestSchema.parse(request);
		const config = readPipelineConfig(this.env);
		const { sinceHour, today } = windowOf(Date.now(), input.days);
		const data = await readSummaryData(this.env.ANALYTICS_DB, {
			today,
			sinceHour,
			top: input.top,
			freshSalt: randomSalt(),
		});
		return publishSummary(data, {
			windowDays: input.days,
			params: config.privacy,
			noise: saltedNoise(data.salt),
		});
	}

	/** Rollup and expiry; the storefront's cron calls it, the consumer also runs it hourly. */
	async runMaintenance(): Promise<{ rollupBeforeHour: number }> {
		const plan = planRetention(Date.now(), readPipelineConfig(this.env).retention);
		await applyRetention(this.env.ANALYTICS_DB, plan);
		return { rollupBeforeHour: plan.rollupBeforeHour };
	}
}
