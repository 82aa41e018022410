// Drives one route with autocannon (its programmatic API) and samples a few single responses with
// fetch for what autocannon does not keep: Server-Timing (D1 round trips, cache status) and the
// response's size.
import autocannon, { type RequestParams } from "autocannon";
import { type LoadResult, parseServerTiming, type RouteSample } from "../../bench/report.ts";
import type { BenchRequest, RouteSpec } from "./routes.ts";

export type LoadOptions = { connections: number; durationSeconds: number };

function headersOf(raw: Record<string, string | string[]>): Headers {
	const headers = new Headers();
	for (const [name, value] of Object.entries(raw)) {
		for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
	}
	return headers;
}

export type LoadRun = { load: LoadResult; ranOut: boolean };

/** Runs the route under load; stops early (and says so) when the carts it needs run out. */
export async function runLoad(origin: string, spec: RouteSpec, options: LoadOptions): Promise<LoadRun> {
	let ranOut = false;
	let last: BenchRequest | null = null;
	let stop = () => {};
	const instance = autocannon({
		url: origin,
		connections: options.connections,
		duration: options.durationSeconds,
		timeout: 30,
		requests: [
			{
				setupRequest: (request: RequestParams, context: Record<string, unknown>): RequestParams => {
					const next = spec.next();
					if (next === null) {
						ranOut = true;
						setImmediate(stop);
					}
					const chosen = next ?? last;
					if (chosen === null) throw new Error(`${spec.name}: nothing to send`);
					last = chosen;
					context.request = chosen;
					return { ...request, ...chosen, headers: { ...request.headers, ...chosen.headers } };
				},
				onResponse: (status, _body, context, headers) => {
					const request = context.request as BenchRequest | undefined;
					if (request && spec.onResponse) spec.onResponse(request, status, headersOf(headers));
				},
			},
		],
	});
	stop = () => instance.stop();
	const result = await instance;
	return {
		ranOut,
		load: {
			requestsPerSecond: result.requests.average,
			p50Ms: result.latency.p50,
			p99Ms: result.latency.p99,
			requests: result.requests.total,
			non2xx: result.non2xx,
			errors: result.errors + result.timeouts,
		},
	};
}

/** Sends `count` single requests and reads status, body size and Server-Timing of each. */
export async function sampleRoute(origin: string, spec: RouteSpec, count: number): Promise<RouteSample> {
	const sample: RouteSample = { statuses: [], bytes: [], d1RoundTrips: [], cache: [], timed: [] };
	for (let i = 0; i < count; i++) {
		const request = spec.next();
		if (request === null) break;
		const response = await fetch(`${origin}${request.path}`, {
			method: request.method,
			// Identity: the size the worker produced, before any compression in front of it.
			headers: { ...request.headers, "accept-encoding": "identity" },
			...(request.body === undefined ? {} : { body: request.body }),
			redirect: "manual",
		});
		const body = await response.arrayBuffer();
		const serverTiming = response.headers.get("server-timing");
		const timing = parseServerTiming(serverTiming);
		sample.statuses.push(response.status);
		sample.bytes.push(body.byteLength);
		sample.d1RoundTrips.push(timing.d1RoundTrips);
		sample.cache.push(timing.cache);
		sample.timed.push(serverTiming !== null);
		spec.onResponse?.(request, response.status, response.headers);
	}
	return sample;
}

/** A few requests first, so compilation and a cold cache are not part of the measurement. */
export async function warmUp(origin: string, spec: RouteSpec, count: number): Promise<void> {
	for (let i = 0; i < count; i++) {
		const request = spec.next();
		if (request === null) return;
		const response = await fetch(`${origin}${request.path}`, {
			method: request.method,
			headers: request.headers,
			...(request.body === undefined ? {} : { body: request.body }),
			redirect: "manual",
		});
		await response.arrayBuffer();
		spec.onResponse?.(request, response.status, response.headers);
	}
}
