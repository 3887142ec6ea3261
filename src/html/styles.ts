// The page's only stylesheet, inlined and allowed by its hash in the Content-Security-Policy.
// Mobile first: one column, full-width buttons, nothing wider than a 390-pixel phone.
export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1f;background:#f4f4f6}
.banner{margin:0;padding:.6rem 1rem;background:repeating-linear-gradient(-45deg,#ffd400 0 18px,#ffc300 18px 36px);color:#111;border-bottom:4px solid #111;text-align:center}
.banner strong{display:block;font-size:1.6rem;letter-spacing:.3em;font-weight:900}
.banner p{margin:0;font-size:.9rem}
main{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:0 0 .75rem}
h3{font-size:1rem;margin:1rem 0 .5rem;color:#444}
section{background:#fff;border:1px solid #d9d9e0;border-radius:10px;padding:1rem;margin:0 0 1rem}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem;margin:0}
dt{font-weight:600;color:#555}
dd{margin:0;overflow-wrap:anywhere}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
p{margin:.5rem 0}
.hint{color:#555;font-size:.9rem}
.presets{display:grid;gap:.5rem;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
button,.button{display:block;width:100%;min-height:2.75rem;padding:.6rem .8rem;border:1px solid #3b3b8f;border-radius:8px;background:#fff;color:#1d1d6b;font:inherit;text-align:left;cursor:pointer;text-decoration:none}
button:hover,.button:hover{background:#eef}
button:focus-visible,.button:focus-visible,select:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #ff8c00;outline-offset:2px}
button .name{display:block;font-size:.8rem;color:#555;font-family:ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.primary{background:#1d1d6b;color:#fff;text-align:center;font-weight:600}
.primary:hover{background:#2c2c99}
.danger{border-color:#a11;color:#a11;text-align:center}
.danger:hover{background:#fee}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
select,input[type=number]{display:block;width:100%;min-height:2.75rem;padding:.4rem;font:inherit;border:1px solid #888;border-radius:6px;background:#fff;color:inherit}
.check{display:flex;gap:.5rem;align-items:center;font-weight:400}
.actions{display:grid;gap:.5rem;margin-top:1rem}
ol.attempts{margin:0;padding-left:1.25rem}
.failed{color:#a11}
.passed{color:#176b21}
.outcome{font-size:1.2rem;font-weight:700}
summary{cursor:pointer;font-weight:600}
details.group{margin:0 0 .5rem}
details.group>summary{padding:.35rem 0}
details.group>summary h3{display:inline;margin:0}
.count{font-size:.8rem;color:#555;border:1px solid #999;border-radius:1rem;padding:0 .45rem;margin-left:.25rem}
.verdict{display:block;font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.05em}
.to-pass{border:2px solid #176b21;border-left-width:.5rem}
.to-pass .verdict{color:#176b21}
.to-fail{border:2px dashed #a11}
.to-fail .verdict{color:#a11}
ul.names{columns:2 12rem;padding-left:1.25rem}
@media (min-width:40rem){.actions{grid-template-columns:1fr 1fr}}
`
