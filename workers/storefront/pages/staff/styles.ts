// The staff console's rules, after the shared sheet: a side navigation, wide tables that scroll
// on their own on a phone, and the personal-data notices.
export const STAFF_CSS = `.staff{display:grid;gap:1rem 2rem;grid-template-columns:minmax(10rem,13rem) minmax(0,1fr);align-items:start}
.staff nav ul{list-style:none;padding:0;margin:0;display:grid;gap:.35rem}
.staff nav a[aria-current=page]{font-weight:700;text-decoration:none}
.who{color:var(--muted);margin:0 0 .75rem}
.scroll{overflow-x:auto;max-width:100%}
.scroll:focus-visible{outline:3px solid #1a5fb4}
.scroll table{max-width:none;min-width:36rem}
.staff table{max-width:none}
.staff td form{margin:.15rem 0}
.ship{display:flex;flex-wrap:wrap;gap:.35rem;align-items:end}
.ship input{width:9rem}
.ship label{font-size:.85rem}
.personal{border-left:4px solid var(--accent);background:var(--card);padding:.75rem 1rem;margin:1rem 0;max-width:48rem}
.logged{border-left:4px solid #1f3d27;background:var(--chip);color:var(--chip-fg);padding:.75rem 1rem;margin:1rem 0;max-width:48rem}
.staff fieldset{border:1px solid var(--line);border-radius:.5rem;background:var(--card);margin:0 0 1rem;padding:1rem;max-width:40rem}
.staff legend{font-weight:700;padding:0 .25rem}
.staff .field{margin:0 0 .85rem;max-width:28rem}
.staff textarea{width:100%;min-height:8rem;font:inherit;padding:.45rem;border:1px solid #8a8278;border-radius:.3rem}
input[type=date]{padding:.45rem;border:1px solid #8a8278;border-radius:.3rem;background:#fff;color:var(--fg);font:inherit}
.said{white-space:pre-wrap;overflow-wrap:anywhere;border-left:3px solid var(--line);margin:.25rem 0 1rem;padding:.25rem 1rem;max-width:48rem}
.thread{list-style:none;padding:0;margin:0}
.staff form+form{margin-top:.75rem}
.ok{color:#1f3d27;font-weight:700}
.bad{color:var(--warn);font-weight:700}
@media (max-width:40rem){.staff{grid-template-columns:1fr}.staff nav ul{display:flex;flex-wrap:wrap;gap:.5rem 1rem}}`;
