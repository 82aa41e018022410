// Retention of the aggregates themselves: when hourly rows fold into daily rows, when processed
// event ids and noise salts may go. Pure arithmetic; the worker's queries carry it out.
import { dayOfHour, hourBucket } from "./dimensions";

export type RetentionParams = {
	rollupAfterHours: number;
	processedIdTtlHours: number;
	/** Days a noise salt outlives its day: the longest window that can still read that day. */
	saltKeepDays: number;
};

export type RetentionPlan = {
	/** Hourly rows with hour < this fold into daily rows and are deleted. */
	rollupBeforeHour: number;
	/** Processed ids recorded before this hour can no longer be redelivered: delete them. */
	expireIdsBeforeHour: number;
	/** Noise salts of days before this one are deleted: no window can read those days any more. */
	expireSaltsBeforeDay: number;
};

export function planRetention(nowMs: number, params: RetentionParams): RetentionPlan {
	const hour = hourBucket(nowMs);
	// Roll up whole days only, so a day is never split between hourly and daily rows twice.
	const rollupBeforeHour = Math.floor((hour - Math.max(0, params.rollupAfterHours)) / 24) * 24;
	return {
		rollupBeforeHour,
		expireIdsBeforeHour: hour - Math.max(1, params.processedIdTtlHours),
		// A day's salt lives exactly as long as some window can read the day, so its noise is drawn
		// once; deleting it earlier would let a redraw be averaged against the first draw.
		expireSaltsBeforeDay: dayOfHour(hour) - Math.max(1, params.saltKeepDays) - 1,
	};
}
