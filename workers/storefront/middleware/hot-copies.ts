// The isolate's own copies of the edge cache's hottest entries. An isolate serves many requests,
// and under load most of them ask for the same few pages: holding those copies in memory for a
// few seconds answers them without a Cache API lookup (measured in docs/benchmarks.md: a lookup
// costs about what the baseline's D1 read does). A copy is the stored entry itself, with its
// stored-at time, so freshness and stale-while-revalidate are decided exactly as for the Cache
// API; it is held only briefly so that a purge of the Cache API is honoured within seconds.

/** A stored entry: the body and the headers it was stored with (stored-at time included). */
export type StoredCopy = { body: ArrayBuffer; headers: Headers };

type Held = StoredCopy & { heldUntil: number };

export type HotCopyLimits = {
	/** How long a copy answers before the Cache API is asked again, in ms. */
	holdMs: number;
	maxEntries: number;
	maxBytes: number;
};

/** Least recently used copies first out, within a count and a byte budget. */
export class HotCopies {
	readonly #held = new Map<string, Held>();
	#bytes = 0;

	constructor(readonly limits: HotCopyLimits) {}

	/** The copy held for `key`, unless its hold ran out (then it is dropped). */
	get(key: string, now: number): StoredCopy | undefined {
		const held = this.#held.get(key);
		if (!held) return undefined;
		this.delete(key);
		if (now >= held.heldUntil) return undefined;
		this.#held.set(key, held); // most recently used last
		this.#bytes += held.body.byteLength;
		return held;
	}

	hold(key: string, copy: StoredCopy, now: number): void {
		this.delete(key);
		// One page may not push out everything else.
		if (copy.body.byteLength > this.limits.maxBytes / 8) return;
		this.#held.set(key, { ...copy, heldUntil: now + this.limits.holdMs });
		this.#bytes += copy.body.byteLength;
		for (const [oldest, held] of this.#held) {
			if (this.#held.size <= this.limits.maxEntries && this.#bytes <= this.limits.maxBytes) break;
			this.#held.delete(oldest);
			this.#bytes -= held.body.byteLength;
		}
	}

	delete(key: string): void {
		const held = this.#held.get(key);
		if (!held) return;
		this.#held.delete(key);
		this.#bytes -= held.body.byteLength;
	}

	clear(): void {
		this.#held.clear();
		this.#bytes = 0;
	}

	get size(): number {
		return this.#held.size;
	}

	get bytes(): number {
		return this.#bytes;
	}
}
