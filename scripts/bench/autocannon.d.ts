// The part of autocannon's programmatic API that npm run bench uses (the package ships no types).
declare module "autocannon" {
	type Headers = Record<string, string>;

	export type RequestParams = {
		method?: string;
		path?: string;
		headers?: Headers;
		body?: string;
	};

	export type Request = RequestParams & {
		/** Called before each request is built: return the request to send. */
		setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams;
		onResponse?: (
			status: number,
			body: string,
			context: Record<string, unknown>,
			headers: Record<string, string | string[]>,
		) => void;
	};

	export type Options = {
		url: string;
		connections?: number;
		duration?: number;
		amount?: number;
		timeout?: number;
		headers?: Headers;
		requests?: Request[];
	};

	type Histogram = { average: number; mean: number; p50: number; p99: number; total: number };

	export type Result = {
		duration: number;
		errors: number;
		timeouts: number;
		non2xx: number;
		requests: Histogram & { sent: number };
		latency: Histogram;
		throughput: Histogram;
		statusCodeStats: Record<string, { count: number }>;
	};

	export type Instance = PromiseLike<Result> & { stop(): void };

	export default function autocannon(options: Options): Instance;
}
