// The after-sales pages' own rules, after the shared sheet and the account frame's.
export const AFTER_SALES_CSS = `
textarea{width:100%;max-width:40rem;min-height:8rem;padding:.45rem;border:1px solid #8a8278;border-radius:.3rem;background:#fff;color:var(--fg);font:inherit}
textarea:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
textarea[aria-invalid=true]{border:2px solid var(--warn)}
.as-form{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem;max-width:48rem}
.as-form fieldset{border:0;padding:0;margin:0 0 1rem}
.as-form legend{font-weight:700;padding:0}
.as-form .field{margin:0 0 1rem}
.as-form .radio{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.3rem 0}
.as-form select{max-width:28rem}
.status{display:inline-block;border-radius:1rem;padding:.05rem .6rem;font-size:.9rem;background:var(--chip);color:var(--chip-fg);font-weight:600}
.thread{list-style:none;padding:0;margin:0 0 1.5rem;display:grid;gap:.75rem;max-width:48rem}
.thread li{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem}
.thread li.staff{border-left:4px solid var(--chip-fg)}
.thread .who{margin:0 0 .35rem;font-weight:600}
.thread .body{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.pre{white-space:pre-wrap;overflow-wrap:anywhere;max-width:48rem}
.table-scroll{overflow-x:auto;max-width:100%}
`;
