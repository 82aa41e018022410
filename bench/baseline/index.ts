// The benchmark's baseline worker (npm run bench): the least a Hono route that reads D1 can cost.
// Every shop route is reported as a ratio to this one, measured in the same run.
import { Hono } from "hono";

type BaselineEnv = { Bindings: { DB: D1Database } };

const app = new Hono<BaselineEnv>();

app.get("/row", async (c) => {
	const row = await c.env.DB.prepare("SELECT id, name, price_minor FROM items WHERE id = ?").bind(1).first();
	return row ? c.json(row) : c.notFound();
});

export default app;

// The same row through the Workers Cache API: what a cache hit alone costs in this runtime.
app.get("/cached-row", async (c) => {
	const hit = await caches.default.match(c.req.url);
	if (hit) return hit;
	const row = await c.env.DB.prepare("SELECT id, name, price_minor FROM items WHERE id = ?").bind(1).first();
	const res = new Response(JSON.stringify(row), {
		headers: { "content-type": "application/json", "cache-control": "public, max-age=3600" },
	});
	c.executionCtx.waitUntil(caches.default.put(c.req.url, res.clone()));
	return res;
});

// A plain in-memory answer: the runtime's own floor for a Hono route.
app.get("/static", (c) => c.json({ id: 1 }));
// A static HTML body the size of the product page (16 KB): what moving a page's bytes costs here.
const PAGE = `<!doctype html><title>Page</title>${"<p>Washable rug, woven by machine.</p>".repeat(430)}`;
app.get("/static-page", (c) => c.html(PAGE));

// The same with one JSON log line, as the shop writes per request: what logging costs here.
app.get("/static-logged", (c) => {
	console.log(JSON.stringify({ level: "info", msg: "request", path: c.req.path, status: 200, ms: 1 }));
	return c.json({ id: 1 });
});
