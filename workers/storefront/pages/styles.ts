// Inline stylesheet (the CSP allows inline styles, and one small block saves a request).
// Colours are picked for WCAG AA contrast on the page background (text ≥ 7:1, muted ≥ 4.5:1).
export const CSS = `
:root{--bg:#faf8f4;--fg:#1d1b18;--muted:#575049;--accent:#8a3b12;--line:#d9d3c9;--chip:#e6eee3;--chip-fg:#1f3d27;--warn:#8c1c13;--card:#fff}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--fg);color:#fff;padding:.5rem 1rem;z-index:1}
.skip:focus{left:0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
header.site{border-bottom:1px solid var(--line);background:var(--card)}
header.site .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding-top:.75rem;padding-bottom:.75rem}
.brand{font-weight:700;font-size:1.35rem;text-decoration:none;color:var(--fg)}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
main{padding:1.5rem 0 3rem}
h1{font-size:2rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.35rem;margin:2rem 0 .75rem}
.lead{font-size:1.1rem;color:var(--muted);max-width:48rem}
.grid{list-style:none;padding:0;margin:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}
.card{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem;height:100%}
.card h3{font-size:1.05rem;margin:.5rem 0}
.swatch{height:6rem;border-radius:.35rem}
.rug{display:block;width:100%;height:auto}
.card .rug{max-height:9rem}
.rug-defs{position:absolute;overflow:hidden}
.rug-gallery{max-width:24rem;margin:0 0 1rem}
.rug-colours{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.5rem}
.rug-colours li{width:5rem;font-size:.85rem;text-align:center}
details.fold{margin:0 0 1rem}
details.fold>summary{font-weight:600;cursor:pointer;padding:.6rem 1rem;background:var(--card);border:1px solid var(--line);border-radius:.5rem}
details.fold[open]>summary{margin-bottom:.5rem}
@media (min-width:48rem){@supports selector(::details-content){details.fold>summary{display:none}details.fold::details-content{content-visibility:visible;display:contents}}}
.price{font-weight:600;margin:.25rem 0}
.muted{color:var(--muted)}
.badges{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.35rem}
.badges li{background:var(--chip);color:var(--chip-fg);border-radius:1rem;padding:.1rem .6rem;font-size:.85rem}
.out{color:var(--warn);font-weight:600}
form.filters{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem;display:grid;gap:.75rem 1rem;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));align-items:end}
form.filters fieldset{border:0;padding:0;margin:0}
form.filters legend{font-weight:600;padding:0}
label{display:block;font-weight:600}
input[type=search],select{width:100%;padding:.45rem;border:1px solid #8a8278;border-radius:.3rem;background:#fff;color:var(--fg);font:inherit}
.check{display:flex;gap:.4rem;align-items:center;font-weight:400}
button{font:inherit;padding:.5rem 1.1rem;border:0;border-radius:.3rem;background:var(--accent);color:#fff;cursor:pointer}
.pager{display:flex;gap:1.5rem;margin-top:1.5rem}
.crumbs ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.5rem}
.crumbs li+li::before{content:"›";margin-right:.5rem;color:var(--muted)}
dl.specs{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.25rem;margin:0}
dl.specs dt{font-weight:600}
dl.specs dd{margin:0}
table{border-collapse:collapse;width:100%;max-width:48rem;background:var(--card)}
caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{text-align:left;padding:.5rem .75rem;border-bottom:1px solid var(--line)}
.cart-link,.account-link{font-weight:600}
search{margin-left:auto}
form.search{display:flex;gap:.35rem;align-items:center}
form.search input{width:11rem}
form.search button{padding:.4rem .8rem}
.footer-links{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
form.buy{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem;display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:end;max-width:48rem}
form.buy .field{flex:1 1 14rem}
form.buy .qty{flex:0 0 6rem}
input[type=text],input[type=email],input[type=tel],input[type=number]{width:100%;padding:.45rem;border:1px solid #8a8278;border-radius:.3rem;background:#fff;color:var(--fg);font:inherit}
input[type=number]{max-width:6rem}
.inline{display:inline-flex;gap:.5rem;align-items:center;margin:0}
button.link{background:none;color:var(--accent);text-decoration:underline;padding:.25rem}
.notice{border-left:4px solid var(--warn);background:var(--card);padding:.75rem 1rem;margin:1rem 0}
.notice:focus{outline:3px solid #1a5fb4}
.notice h2{margin:0 0 .5rem;font-size:1.15rem}
.error{color:var(--warn);font-weight:600;display:block;margin:.15rem 0}
input[aria-invalid=true],select[aria-invalid=true]{border:2px solid var(--warn)}
.hint{color:var(--muted);display:block;font-weight:400;font-size:.9rem}
.checkout{display:grid;gap:1rem 2rem;grid-template-columns:minmax(0,2fr) minmax(16rem,1fr);align-items:start}
@media (max-width:48rem){.checkout{grid-template-columns:1fr}}
.checkout fieldset{border:1px solid var(--line);border-radius:.5rem;background:var(--card);margin:0 0 1rem;padding:1rem}
.checkout legend{font-weight:700;padding:0 .25rem}
.checkout .field{margin:0 0 .85rem}
.checkout .radio{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.35rem 0}
.summary{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:1rem}
.summary h2{margin-top:0}
.summary ul{list-style:none;padding:0;margin:0 0 1rem}
.totals{display:grid;grid-template-columns:1fr max-content;gap:.25rem 1rem;margin:0}
.totals dd{margin:0;text-align:right}
.actions{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin-top:1.5rem}
a.button{display:inline-block;padding:.5rem 1.1rem;border-radius:.3rem;background:var(--accent);color:#fff;text-decoration:none;font-weight:600}
td.num,th.num{text-align:right}
footer.site{border-top:1px solid var(--line);padding:1.5rem 0;color:var(--muted)}
`;
