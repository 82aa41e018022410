// The one operational logger (DESIGN P14): JSON lines, personal fields redacted by name,
// and no caller can hand it a request body because nothing here reads one.
const REDACTED_KEYS = new Set([
	"email",
	"name",
	"phone",
	"address",
	"line1",
	"line2",
	"city",
	"postalcode",
	"postal_code",
	"region",
	"password",
	"message",
	"text",
	"body",
	"cookie",
	"authorization",
	"ip",
	"useragent",
	"user_agent",
]);

export type LogFields = Record<string, unknown>;

export type Logger = {
	info(msg: string, fields?: LogFields): void;
	warn(msg: string, fields?: LogFields): void;
	error(msg: string, fields?: LogFields): void;
};

// Error messages can quote what caused them: drizzle appends a failed query's bound parameters
// ("params: …"), JSON.parse quotes the text it choked on. Keep the shape, drop the quoted values.
function scrubMessage(message: string): string {
	return (message.split(/\bparams:/)[0] ?? "")
		.replace(/"[^"]*"|'[^']*'|`[^`]*`/g, "…")
		.replace(/\S+@\S+/g, "…")
		.slice(0, 300)
		.trim();
}

function describeError(err: Error, depth = 0): Record<string, unknown> {
	// Stack frames only: a V8 stack begins with the (unscrubbed) message.
	const frames = (err.stack ?? "")
		.split("\n")
		.filter((line) => /^\s+at /.test(line))
		.slice(0, 12)
		.join("\n");
	const cause = err.cause instanceof Error && depth < 2 ? { cause: describeError(err.cause, depth + 1) } : {};
	return { name: err.name, message: scrubMessage(err.message), stack: frames, ...cause };
}

export function redactFields(value: unknown, depth = 0): unknown {
	if (depth > 4) return "[depth]";
	if (Array.isArray(value)) return value.map((v) => redactFields(v, depth + 1));
	if (value instanceof Error) return describeError(value);
	if (value && typeof value === "object") {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) {
			out[k] = REDACTED_KEYS.has(k.toLowerCase().replace(/-/g, ""))
				? "[redacted]"
				: redactFields(v, depth + 1);
		}
		return out;
	}
	return value;
}

export function createLogger(base: LogFields = {}): Logger {
	const write = (level: "info" | "warn" | "error", msg: string, fields?: LogFields) => {
		const line = JSON.stringify({ level, msg, ...(redactFields({ ...base, ...fields }) as LogFields) });
		if (level === "error") console.error(line);
		else if (level === "warn") console.warn(line);
		// biome-ignore lint/suspicious/noConsole: this is the single sink the rest of the code logs through
		else console.log(line);
	};
	return {
		info: (msg, fields) => write("info", msg, fields),
		warn: (msg, fields) => write("warn", msg, fields),
		error: (msg, fields) => write("error", msg, fields),
	};
}
