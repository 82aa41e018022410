// The privacy pages' own rules, inlined after the shared sheet (pages/styles.ts).
export const PRIVACY_CSS = `
.policy-meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
.policy-meta dt{font-weight:600}
.policy-meta dd{margin:0}
.clauses{list-style:none;padding:0;margin:0;max-width:48rem}
.clauses li{border-top:1px solid var(--line);padding:.75rem 0}
.clauses h3{font-size:1.05rem;margin:0 0 .35rem}
.clauses p{margin:.25rem 0}
.mechanism{color:var(--muted);font-size:.95rem}
.table-scroll{overflow-x:auto;max-width:100%}
.table-scroll table{max-width:none;min-width:36rem}
.record td{vertical-align:top}
.fields{font-size:.85rem;color:var(--muted);overflow-wrap:anywhere}
.choices{border:1px solid var(--line);border-radius:.5rem;background:var(--card);padding:1rem;margin:0 0 1rem;max-width:40rem}
.choices legend{font-weight:700;padding:0 .25rem}
.choices .radio{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.35rem 0}
.privacy-form{max-width:40rem}
.privacy-form .field{margin:0 0 .85rem}
input[type=password]{width:100%;padding:.45rem;border:1px solid #8a8278;border-radius:.3rem;background:#fff;color:var(--fg);font:inherit}
input[type=password][aria-invalid=true]{border:2px solid var(--warn)}
.confirmation{border-left:4px solid var(--chip-fg);background:var(--card);padding:.75rem 1rem;margin:1rem 0}
.gpc{border-left:4px solid var(--chip-fg);background:var(--chip);color:var(--chip-fg);padding:.75rem 1rem;margin:1rem 0}
.danger{background:var(--warn)}
`;
