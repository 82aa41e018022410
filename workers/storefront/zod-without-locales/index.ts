// The storefront's "zod" ([alias] in wrangler.toml): zod's classic API without `locales`.
// @hono/zod-openapi takes the whole `z` namespace object (`import { z } from "zod"`), and zod's
// own `z` carries `export * as locales` (and `core`, which carries it too): every language's
// error messages, ~260 KB of the bundle, of which the shop uses English only (classic sets it on
// its first schema). Named re-exports let the bundler drop the rest. "zod/v4" is the same classic
// module under a specifier the exact-match alias leaves alone. test/unit/zod-without-locales.test.ts
// keeps these lists equal to zod's exports but `locales`, so an upgrade that adds one fails there.
import * as z from "./classic";

export * from "./classic";
export { z, z as default };
