// Counts a request's D1 round trips and their wall time, for the Server-Timing header: the
// number a benchmark or a browser's network panel reads to see what each page costs in D1.
// A wrapper object per prepared statement and per bind, nothing per execution beyond the clock.

/** What one request spent in D1: each statement execution and each batch is one round trip. */
export type D1Meter = { roundTrips: number; durationMs: number };

export function newD1Meter(): D1Meter {
	return { roundTrips: 0, durationMs: 0 };
}

/**
 * Summed wall time: statements run concurrently (Promise.all) add up, so this can exceed the
 * request's own duration; it measures D1 work, not latency.
 */
async function timed<T>(meter: D1Meter, execution: () => Promise<T>): Promise<T> {
	meter.roundTrips += 1;
	const start = performance.now();
	try {
		return await execution();
	} finally {
		meter.durationMs += performance.now() - start;
	}
}

class MeteredStatement implements D1PreparedStatement {
	constructor(
		readonly inner: D1PreparedStatement,
		private readonly meter: D1Meter,
	) {}

	bind(...values: unknown[]): D1PreparedStatement {
		return new MeteredStatement(this.inner.bind(...values), this.meter);
	}

	first<T = unknown>(colName: string): Promise<T | null>;
	first<T = Record<string, unknown>>(): Promise<T | null>;
	first<T>(colName?: string): Promise<T | null> {
		return timed(this.meter, () =>
			colName === undefined ? this.inner.first<T>() : this.inner.first<T>(colName),
		);
	}

	run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
		return timed(this.meter, () => this.inner.run<T>());
	}

	all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
		return timed(this.meter, () => this.inner.all<T>());
	}

	raw<T = unknown[]>(options: { columnNames: true }): Promise<[string[], ...T[]]>;
	raw<T = unknown[]>(options?: { columnNames?: false }): Promise<T[]>;
	raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<[string[], ...T[]] | T[]> {
		return timed(
			this.meter,
			(): Promise<[string[], ...T[]] | T[]> =>
				options?.columnNames === true
					? this.inner.raw<T>({ columnNames: true })
					: this.inner.raw<T>({ columnNames: false }),
		);
	}
}

// D1 reads a batch's statements' internals: hand it the real ones.
const unwrap = (statement: D1PreparedStatement) =>
	statement instanceof MeteredStatement ? statement.inner : statement;

/** The part of a D1 session (or database) that drizzle uses: prepare() and batch(). */
export type D1Queryable = Pick<D1DatabaseSession, "prepare" | "batch">;

/** `session`, with every statement execution and batch counted and timed into `meter`. */
export function meteredSession(session: D1Queryable, meter: D1Meter): D1Queryable {
	return {
		prepare: (query) => new MeteredStatement(session.prepare(query), meter),
		batch: <T = unknown>(statements: D1PreparedStatement[]) =>
			timed(meter, () => session.batch<T>(statements.map(unwrap))),
	};
}

/**
 * The Server-Timing entry for a request's D1 work, or null when it touched no D1. "round trips"
 * even for one: the benchmark parses this exact shape.
 */
export function d1ServerTiming(meter: D1Meter): string | null {
	if (meter.roundTrips === 0) return null;
	return `d1;dur=${meter.durationMs.toFixed(1)};desc="${meter.roundTrips} round trips"`;
}
