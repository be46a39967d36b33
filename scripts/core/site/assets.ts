/**
 * The site's stylesheet and its one small script, written as files of the site (never fetched from
 * elsewhere). Pages are complete without the script: it only shows times in the viewer's zone, with a
 * button to switch back to the rotation's zone (the choice is remembered in localStorage when allowed).
 */

/** Styles: readable at 390 px wide, visible focus, badges that pair a word with a colour. */
export const SITE_CSS = `:root{--fg:#1b1f24;--muted:#57606a;--bg:#fff;--line:#d0d7de;--accent:#0550ae;--today:#fff8c5;
--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--soft:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,[tabindex]:focus-visible{outline:3px solid #bf3989;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--bg);padding:.5rem}
.skip:focus{left:.5rem}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.75rem 1rem;
border-bottom:1px solid var(--line);
background:var(--soft)}
.brand{margin:0;font-weight:700}
.brand a{text-decoration:none;color:var(--fg)}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{padding:1rem;max-width:72rem;margin:0 auto}
main:focus{outline:none}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem}
h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
footer{padding:1rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem;max-width:72rem;
margin:2rem auto 0}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.5rem 0 1rem;min-width:min(100%,32rem)}
caption{text-align:left;font-weight:600;padding:.25rem 0;color:var(--muted)}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
tbody th{font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.login{color:var(--muted);font-size:.9em}
.badge{display:inline-block;border:1px solid currentColor;border-radius:.6rem;padding:0 .45rem;font-size:.8rem;
margin-left:.25rem;white-space:nowrap}
.badge-override{color:#6639ba}.badge-trade{color:#0550ae}.badge-fallback,.badge-unfilled{color:var(--bad)}
.badge-holiday{color:var(--ok)}.badge-preview{color:var(--warn)}.badge-today{color:var(--fg);background:var(--today)}
.badge-P1,.badge-P2{color:var(--bad)}.badge-P3{color:var(--warn)}
.badge-breached{color:var(--bad)}.badge-met{color:var(--ok)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem;padding:0;list-style:none}
.card{border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;background:var(--bg)}
.card h2,.card h3{margin-top:0}
.person-now{font-size:1.2rem;font-weight:600}
.muted{color:var(--muted)}
.note{border-left:4px solid var(--warn);padding:.25rem .75rem;background:#fff8e1}
table.week{width:100%;min-width:40rem;table-layout:fixed}
.week th{font-size:.9rem}
.week thead th:first-child{width:7.5rem}
.week td{font-size:.85rem;overflow-wrap:anywhere}
.week td.today{background:var(--today);outline:2px solid var(--warn);outline-offset:-2px}
.week ul{list-style:none;margin:0;padding:0}
.zone-note{color:var(--muted)}
button{font:inherit;padding:.2rem .6rem;margin-left:.5rem;border:1px solid var(--line);border-radius:.3rem;
background:var(--soft);color:var(--fg);cursor:pointer}
figure{margin:1rem 0}
figure svg{max-width:100%;height:auto}
figcaption{color:var(--muted);font-size:.9rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
code{overflow-wrap:anywhere}
`;

/** Shows every `<time datetime>` in the viewer's zone, with a button back to the rotation's zone. */
export const SITE_JS = `(function () {
  "use strict";
  var rotation = document.body.getAttribute("data-zone") || "UTC";
  var viewer;
  try { viewer = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!viewer || viewer === rotation) return;
  var opts = {
    short: { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
    date: { weekday: "short", day: "numeric", month: "short" },
    clock: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
  };
  var times = Array.prototype.slice.call(document.querySelectorAll("time[datetime]"));
  times.forEach(function (t) { t.setAttribute("data-rotation-text", t.textContent); });
  function show(zone) {
    times.forEach(function (t) {
      if (zone === rotation) { t.textContent = t.getAttribute("data-rotation-text"); return; }
      var style = opts[t.getAttribute("data-style")] || opts.short;
      var f = Object.assign({ timeZone: zone }, style);
      t.textContent = new Intl.DateTimeFormat("en-GB", f).format(new Date(t.getAttribute("datetime")));
    });
    Array.prototype.forEach.call(document.querySelectorAll(".zone-name"), function (n) {
      n.textContent = zone === rotation ? rotation + " (the rotation's zone)" : zone + " (your zone)";
    });
    Array.prototype.forEach.call(document.querySelectorAll("button.zone-toggle"), function (b) {
      b.textContent = zone === rotation
        ? "Show in your zone (" + viewer + ")"
        : "Show in the rotation's zone (" + rotation + ")";
      b.setAttribute("data-showing", zone);
    });
    try { localStorage.setItem("oncall-zone", zone === rotation ? "rotation" : "viewer"); } catch (e) { /* file:// */ }
  }
  Array.prototype.forEach.call(document.querySelectorAll(".zone-switch"), function (slot) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "zone-toggle";
    b.addEventListener("click", function () { show(b.getAttribute("data-showing") === rotation ? viewer : rotation); });
    slot.appendChild(b);
  });
  var saved = null;
  try { saved = localStorage.getItem("oncall-zone"); } catch (e) { /* file:// */ }
  show(saved === "rotation" ? rotation : viewer);
})();
`;
