// The account pages' own rules, added after the shared sheet (pages/styles.ts) and the account
// frame's. Colours from the shared palette only, so contrast stays as checked there.
export const ACCOUNT_PAGES_CSS = `.account-form{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem;max-width:32rem;margin:0 0 1.5rem}
.account-form .field{margin:0 0 .85rem}
.account-form fieldset{border:0;padding:0;margin:0 0 .85rem}
.account-form legend{font-weight:700;padding:0}
input[type=password]{width:100%;padding:.45rem;border:1px solid #8a8278;border-radius:.3rem;background:#fff;color:var(--fg);font:inherit}
input[type=checkbox][aria-invalid=true]{outline:2px solid var(--warn)}
.done{border-left:4px solid var(--chip-fg);background:var(--chip);color:var(--chip-fg);padding:.6rem 1rem;margin:0 0 1rem}
.addresses{list-style:none;padding:0;margin:0 0 1.5rem;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
.addresses address{font-style:normal}
.table-scroll{overflow-x:auto;max-width:100%}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.25rem;margin:0 0 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.links{padding-left:1.25rem}
.links li{margin:.25rem 0}
`;
