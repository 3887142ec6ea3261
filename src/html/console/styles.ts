// The console's additions to the page's stylesheet: wider, with navigation, tables and code blocks.
// Tables and code scroll inside their box, so the page itself still fits a 390-pixel phone.
export const CONSOLE_CSS = `
main.console{max-width:72rem}
.banner a{color:#111}
nav.console{display:flex;flex-wrap:wrap;gap:.25rem .5rem;margin:0 0 1rem}
nav.console a{padding:.35rem .6rem;border-radius:6px;color:#1d1d6b;background:#fff;border:1px solid #d9d9e0;text-decoration:none}
nav.console a[aria-current=page]{background:#1d1d6b;color:#fff}
nav.console form{margin-left:auto}
nav.console button{width:auto;min-height:0;padding:.35rem .6rem;text-align:center}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e3e3ea;vertical-align:top}
th{color:#555;font-weight:600}
pre{margin:0;padding:.75rem;background:#f7f7fa;border:1px solid #e3e3ea;border-radius:6px;overflow:auto;max-height:36rem;font-size:.8rem;white-space:pre-wrap;overflow-wrap:anywhere}
input[type=text],input[type=password],input[type=url]{display:block;width:100%;min-height:2.75rem;padding:.4rem;font:inherit;border:1px solid #888;border-radius:6px;background:#fff;color:inherit}
.field-error,.form-error{color:#a11;font-weight:600;margin:.25rem 0}
.form-error{border-left:4px solid #a11;padding-left:.5rem}
.notice{border-left:4px solid #176b21;padding-left:.5rem}
.filters{display:grid;gap:0 1rem;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));align-items:end}
.inline-forms{display:grid;gap:1rem}
.empty{color:#555;font-style:italic}
.note{color:#555;font-weight:normal}
@media (min-width:60rem){.two{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.inline-forms{grid-template-columns:1fr 1fr}}
`
