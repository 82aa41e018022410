// The search and order-tracking pages' own rules, inlined after the shared sheet.
export const SHOP_CSS = `
.search-q{max-width:36rem;margin:0 0 1rem}
.search-q .row{display:flex;gap:.5rem;margin-top:.25rem}
.search-q .row input{flex:1 1 auto}
.site-search .filters{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem;display:grid;gap:.75rem 1rem;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));align-items:end}
.site-search fieldset{border:0;padding:0;margin:0}
.site-search legend{font-weight:600;padding:0}
.rooms{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem}
form.track{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem;max-width:30rem}
form.track .field{margin:0 0 1rem}
.status strong{text-transform:capitalize}
table.lines{margin-top:1.5rem}
@media (max-width:30rem){table.lines th,table.lines td{padding:.45rem .35rem}}
`;
