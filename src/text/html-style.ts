// The style sheet of every HTML report, inline in the page (the Content Security Policy names it by
// its hash). Light and dark follow the reader's system; nothing is fetched.
export const pageStyle = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--panel:#f6f8fa;--line:#d1d9e0;
--error:#cf222e;--error-bg:#ffebe9;--warning:#9a6700;--warning-bg:#fff8c5;--note:#0969da;--note-bg:#ddf4ff;
--ok:#1a7f37;--ok-bg:#dafbe1;--skip:#6e7781;--skip-bg:#eaeef2;--accent:#0969da}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#151b23;--line:#3d444d;
--error:#ff7b72;--error-bg:#3c1618;--warning:#d29922;--warning-bg:#3a2d0b;--note:#58a6ff;--note-bg:#0c2d4b;
--ok:#3fb950;--ok-bg:#0f2f1a;--skip:#9198a1;--skip-bg:#212830;--accent:#58a6ff}}
*{box-sizing:border-box}
body{margin:0;padding:1.25rem 1.5rem 3rem;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:break-word}
.id,td.msg,td.res,td.fix,.panel,dd,.step{overflow-wrap:anywhere}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.75rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1rem;margin:1rem 0 .25rem}
a{color:var(--accent)}code,.id{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.muted{color:var(--muted)}
.verdict{display:inline-block;padding:.15rem .6rem;border-radius:1rem;font-weight:600;margin-right:.5rem}
.verdict.error,.badge.error{background:var(--error-bg);color:var(--error)}
.verdict.warning,.badge.warning{background:var(--warning-bg);color:var(--warning)}
.verdict.note,.badge.note{background:var(--note-bg);color:var(--note)}
.verdict.ok{background:var(--ok-bg);color:var(--ok)}
.counts{display:flex;gap:.75rem;flex-wrap:wrap;margin:.75rem 0}
.count{border:1px solid var(--line);border-radius:.5rem;padding:.4rem .8rem;min-width:7rem;background:var(--panel)}
.count b{display:block;font-size:1.4rem}
.count.error b{color:var(--error)}.count.warning b{color:var(--warning)}.count.note b{color:var(--note)}
.badge{display:inline-block;padding:0 .45rem;border-radius:.75rem;font-size:12px;font-weight:600;white-space:nowrap}
.callout{border-left:4px solid var(--warning);background:var(--warning-bg);padding:.5rem .9rem;margin:.75rem 0;border-radius:0 .4rem .4rem 0}
.callout ul{margin:.25rem 0;padding-left:1.2rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.figure{position:relative;border:1px solid var(--line);border-radius:.5rem;background:var(--panel);overflow:auto;max-height:80vh}
.figure svg{display:block}
.zoom{display:flex;gap:.4rem;margin:.4rem 0}
button{font:inherit;color:inherit;background:var(--panel);border:1px solid var(--line);border-radius:.35rem;padding:.1rem .55rem;cursor:pointer}
th button{border:0;background:none;padding:0;font-weight:600}
th button[aria-sort=ascending]::after{content:" \\25B2"}th button[aria-sort=descending]::after{content:" \\25BC"}
.legend{display:flex;flex-wrap:wrap;gap:.35rem 1rem;margin:.4rem 0;color:var(--muted);font-size:12px}
.legend span::before{content:"";display:inline-block;width:.8rem;height:.8rem;border-radius:.2rem;margin-right:.3rem;vertical-align:-2px;border:2px solid var(--line)}
.legend .l-hub::before{background:#ddf4ff}.legend .l-spoke::before{background:#fff}.legend .l-fw::before{background:#fbefff}
.legend .l-svc::before{background:#dafbe1}.legend .l-zone::before{background:#fff8c5}.legend .l-agg::before{background:#eaeef2;border-style:dashed}
.legend .l-bad::before{border-color:var(--error)}.legend .l-warn::before{border-color:#bf8700}
svg .node rect{stroke:#8c959f;stroke-width:1.5px}
svg .node text{font:12px system-ui,sans-serif;fill:#1f2328}
svg .node .sub{fill:#59636e;font-size:11px}
svg .hub rect{fill:#ddf4ff}svg .spoke rect,svg .subnet rect{fill:#fff}svg .fw rect{fill:#fbefff}svg .svc rect{fill:#dafbe1}
svg .zone rect{fill:#fff8c5}svg .agg rect{fill:#eaeef2;stroke-dasharray:5 3}svg .vhub rect{fill:#ddf4ff;stroke-dasharray:2 2}
svg .node.error rect{stroke:#cf222e;stroke-width:3px}svg .node.warning rect{stroke:#bf8700;stroke-width:3px}svg .node.note rect{stroke:#0969da;stroke-width:2.5px}
svg .node .flag{fill:#cf222e}svg .node.warning .flag{fill:#bf8700}svg .node.note .flag{fill:#0969da}svg .node .flag-text{fill:#fff;font-weight:700;font-size:11px}
svg .edge path{fill:none;stroke:#8c959f;stroke-width:1.5px}
svg .edge.link path{stroke-dasharray:4 3;stroke:#bf8700}svg .edge.contains path{stroke:#afb8c1}
svg .edge.error path{stroke:#cf222e;stroke-width:3px}svg .edge.warning path{stroke:#bf8700;stroke-width:3px}svg .edge.note path{stroke:#0969da;stroke-width:2.5px}
svg .edge path.hit{stroke:transparent!important;stroke-width:12px!important;stroke-dasharray:none!important}
svg .edge text{font:11px system-ui,sans-serif;fill:#59636e}
svg a{cursor:pointer}svg a:focus{outline:none}svg a:focus rect,svg .selected rect{stroke:#0969da!important;stroke-width:4px!important}
svg a:focus path.line,svg .selected path.line{stroke:#0969da!important;stroke-width:4px!important}
.panels .panel{display:none;border:1px solid var(--line);border-radius:.5rem;padding:.6rem 1rem;margin:.75rem 0;background:var(--bg)}
.panels .panel:target,.panels .panel.open{display:block}
.panel ul{margin:.25rem 0;padding-left:1.2rem}
noscript .panels .panel,.nojs .panel{display:block}
.toolbar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
.toolbar label{display:flex;gap:.3rem;align-items:center}
select,input[type=search]{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:.35rem;padding:.1rem .3rem;max-width:22rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:var(--panel);position:sticky;top:0}
td.fix{font-size:12.5px;color:var(--muted);min-width:16rem}
td.fix p{margin:0 0 .3rem}td.fix pre{white-space:pre-wrap;font-size:11px;margin:0;padding:.3rem;background:var(--panel);border-radius:.3rem}
td.res,td.msg{min-width:14rem}td.rg,td.chk{min-width:8rem}td.sub{min-width:10rem}td.chg{min-width:5.5rem}
tr.suppressed td{opacity:.6}
.steps{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-direction:column;gap:.4rem}
.step{border:2px solid var(--line);border-radius:.5rem;padding:.45rem .8rem;background:var(--panel)}
.step.ok{border-color:var(--ok)}.step.broken{border-color:var(--error);background:var(--error-bg)}
.step.warning,.step.unknown{border-color:var(--warning)}.step.skipped{color:var(--muted);border-style:dashed}
.step h3{margin:0;font-size:.95rem}.step .fix{font-weight:600}
.mark{display:inline-block;min-width:4.5rem;font-weight:700}
.ok .mark{color:var(--ok)}.broken .mark{color:var(--error)}.warning .mark,.unknown .mark{color:var(--warning)}.skipped .mark{color:var(--skip)}
svg .tstep rect{stroke-width:2.5px}svg .tstep.ok rect{fill:#dafbe1;stroke:#1a7f37}svg .tstep.broken rect{fill:#ffebe9;stroke:#cf222e}
svg .tstep.warning rect,svg .tstep.unknown rect{fill:#fff8c5;stroke:#bf8700}svg .tstep.skipped rect{fill:#eaeef2;stroke:#8c959f;stroke-dasharray:5 3}
svg .tstep.end rect{fill:#ddf4ff;stroke:#0969da}svg .tstep text{font:12px system-ui,sans-serif;fill:#1f2328}svg .tstep .sub{fill:#59636e;font-size:11px}
svg .arrow{stroke:#8c959f;stroke-width:1.5px;fill:none}
.diff-added{color:var(--ok)}.diff-removed{color:var(--error)}.diff-changed{color:var(--warning)}
.before{color:var(--error)}.after{color:var(--ok)}
footer{margin-top:2rem;color:var(--muted);font-size:12px}
[hidden]{display:none!important}
`;
