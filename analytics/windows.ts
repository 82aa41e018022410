// The read side's time windows (DESIGN P5). Counts are published per whole UTC day, never per
// sliding hour: a window that slid with the clock let two reads an hour apart be subtracted into
// the exact count of that hour. Staff choose among a few fixed window lengths; a closed day's
// answer is always built from the same, settled cells.
import { dayOfHour, hourBucket } from "./dimensions";

/** The only window lengths the staff summary offers; any other value is refused. */
export const SUMMARY_WINDOW_DAYS = [1, 7, 30, 90] as const;
export type SummaryWindowDays = (typeof SUMMARY_WINDOW_DAYS)[number];
export const MAX_SUMMARY_DAYS = 90;

/**
 * A day closes this many hours after its UTC midnight. The consumer counts an event that arrives
 * later (queue retries, a backlog) in the open day instead, so a closed day's counts never move
 * again and a published closed day cannot be re-read to learn what arrived late.
 */
export const CLOSE_AFTER_HOURS = 1;

/** Inclusive range of UTC day numbers (days since the epoch). */
export type DayWindow = { sinceDay: number; untilDay: number };

/** The earliest day still open for counting at `nowMs`. */
export function firstOpenDay(nowMs: number): number {
	return dayOfHour(hourBucket(nowMs) - CLOSE_AFTER_HOURS);
}

/** The hour an event is counted in: its own hour, unless its day has closed meanwhile. */
export function countedHour(eventHour: number, nowMs: number): number {
	return Math.max(eventHour, firstOpenDay(nowMs) * 24);
}

/**
 * `days` whole UTC days up to and including today, for the staff summary and recommendations.
 * Closed days keep one noise draw each; a day still open (today, and yesterday until it closes)
 * gets a fresh draw every hour, so two reads an hour apart never differ by an exact count, and
 * today's shoppers show up without waiting for the day to end.
 */
export function windowEndingToday(nowMs: number, days: number): DayWindow {
	const untilDay = dayOfHour(hourBucket(nowMs));
	return { sinceDay: untilDay - days + 1, untilDay };
}

/**
 * `days` whole UTC days that have closed (issue #12): the staff summary's window. A closed day's
 * counts never move again and keep one noise draw, so no two reads of the summary differ by
 * what arrived in between.
 */
export function windowOfClosedDays(nowMs: number, days: number): DayWindow {
	const untilDay = firstOpenDay(nowMs) - 1;
	return { sinceDay: untilDay - days + 1, untilDay };
}

export function daysOf(window: DayWindow): number[] {
	const days: number[] = [];
	for (let day = window.sinceDay; day <= window.untilDay; day++) days.push(day);
	return days;
}

export function isoDate(day: number): string {
	return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
