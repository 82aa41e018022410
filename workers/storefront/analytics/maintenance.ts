// Called from the storefront's cron (scheduled handler): asks the analytics worker to roll hourly
// rows into daily rows and expire processed ids and old noise salts. The analytics worker also does
// this on its own at most hourly after a batch; the cron keeps it going when traffic is quiet.
export async function runAnalyticsMaintenance(env: Env): Promise<void> {
	await env.ANALYTICS.runMaintenance();
}
