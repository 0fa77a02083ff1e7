// The audit as one self-contained HTML page: inline CSS, inline SVG charts
// and a little inline JavaScript (table sorting and filtering); nothing is
// fetched from anywhere. The page reads well without JavaScript too: the
// charts and tables are rendered here, the script only sorts and filters.
import type { AuditResult, Finding } from "../types.ts";
import { summarize } from "./json.ts";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#ec4899", "#14b8a6", "#64748b", "#a3e635", "#f97316"];

export interface BarRow {
  label: string;
  counts: Record<string, number>;
}

/** A horizontal stacked bar chart as inline SVG: one bar per row, one colour per key. */
export function barChartSvg(title: string, rows: BarRow[], keys: string[], colors: Record<string, string>): string {
  const labelW = 220;
  const barW = 560;
  const rowH = 26;
  const top = 34;
  const legendH = 28;
  const max = Math.max(1, ...rows.map((r) => Object.values(r.counts).reduce((a, b) => a + b, 0)));
  const height = top + rows.length * rowH + legendH + 10;
  const width = labelW + barW + 60;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`);
  parts.push(`<text x="0" y="18" class="chart-title">${escapeHtml(title)}</text>`);
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" class="chart-label">${escapeHtml(r.label)}</text>`);
    let x = labelW;
    let total = 0;
    for (const k of keys) {
      const n = r.counts[k] ?? 0;
      if (!n) continue;
      const w = Math.max(1, (n / max) * barW);
      parts.push(`<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${colors[k]}"><title>${escapeHtml(`${r.label}: ${n} ${k}`)}</title></rect>`);
      x += w;
      total += n;
    }
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 16}" class="chart-value">${total}</text>`);
  });
  let lx = 0;
  const ly = top + rows.length * rowH + 14;
  for (const k of keys) {
    parts.push(`<rect x="${lx}" y="${ly}" width="12" height="12" fill="${colors[k]}"/><text x="${lx + 16}" y="${ly + 11}" class="chart-legend">${escapeHtml(k)}</text>`);
    lx += 24 + k.length * 7.5;
  }
  parts.push("</svg>");
  return parts.join("");
}

function group(findings: Finding[], by: (f: Finding) => string): BarRow[] {
  const rows = new Map<string, BarRow>();
  for (const f of findings) {
    const label = by(f);
    let r = rows.get(label);
    if (!r) rows.set(label, (r = { label, counts: {} }));
    r.counts[f.resourceType] = (r.counts[f.resourceType] ?? 0) + 1;
  }
  return [...rows.values()];
}

function money(n: number): string {
  return `$${n.toFixed(2)}`;
}

const CSS = `
:root{--fg:#0f172a;--muted:#64748b;--line:#e2e8f0;--bg:#f8fafc;--bad:#b91c1c}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0;padding:24px 32px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}
.meta{color:var(--muted);margin-bottom:16px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:140px}
.card b{display:block;font-size:22px}.card.bad b{color:var(--bad)}
.panel{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 16px;overflow-x:auto}
.tabs input{display:none}.tabs label{display:inline-block;padding:4px 12px;border:1px solid var(--line);border-radius:999px;margin:0 6px 10px 0;cursor:pointer;user-select:none}
.tabs input:checked+label{background:var(--fg);color:#fff;border-color:var(--fg)}
.view{display:none}#by-region:checked~.views .view-region,#by-account:checked~.views .view-account,#by-type:checked~.views .view-type{display:block}
.chart-title{font-weight:600;font-size:13px}.chart-label,.chart-value,.chart-legend{font-size:12px;fill:#334155}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{position:sticky;top:0;background:#f1f5f9;cursor:pointer;white-space:nowrap;user-select:none}th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.problems th{background:#fef2f2}.problems td:nth-child(4){color:var(--bad);font-weight:600}
input.filter{padding:6px 10px;border:1px solid var(--line);border-radius:6px;width:320px;margin-bottom:10px}
.ok{color:#047857}
`;

// Sorts a table by the clicked header (numbers as numbers), and filters rows by the text box above it.
const SCRIPT = `
document.querySelectorAll("table.sortable").forEach(function(table){
  var heads=table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads,function(th,col){
    th.addEventListener("click",function(){
      var dir=th.getAttribute("aria-sort")==="ascending"?"descending":"ascending";
      Array.prototype.forEach.call(heads,function(h){h.removeAttribute("aria-sort")});
      th.setAttribute("aria-sort",dir);
      var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      var num=th.getAttribute("data-type")==="number";
      rows.sort(function(a,b){
        var x=a.cells[col].getAttribute("data-value")||a.cells[col].textContent,y=b.cells[col].getAttribute("data-value")||b.cells[col].textContent;
        var c=num?(parseFloat(x)||0)-(parseFloat(y)||0):x.localeCompare(y,undefined,{numeric:true});
        return dir==="ascending"?c:-c;
      });
      rows.forEach(function(r){body.appendChild(r)});
    });
  });
});
document.querySelectorAll("input.filter").forEach(function(box){
  var table=document.getElementById(box.getAttribute("data-table"));
  box.addEventListener("input",function(){
    var q=box.value.toLowerCase();
    Array.prototype.forEach.call(table.tBodies[0].rows,function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)>=0?"":"none"});
  });
});
`;

function cell(v: string, cls = "", sortValue?: string): string {
  const attrs = (cls ? ` class="${cls}"` : "") + (sortValue !== undefined ? ` data-value="${escapeHtml(sortValue)}"` : "");
  return `<td${attrs}>${escapeHtml(v)}</td>`;
}

export function auditHtml(result: AuditResult): string {
  const s = summarize(result);
  const multi = result.accounts.length > 1;
  const types = [...new Set(result.findings.map((f) => f.resourceType))];
  const colors: Record<string, string> = Object.fromEntries(types.map((t, i) => [t, PALETTE[i % PALETTE.length]!]));
  const accountName = (f: { account: string; accountLabel: string }) => (f.accountLabel && f.accountLabel !== f.account ? `${f.accountLabel} (${f.account})` : f.account);
  const regionRows = group(result.findings, (f) => (multi ? `${f.accountLabel} ${f.region}` : f.region));
  const accountRows = group(result.findings, accountName);
  const typeRows = group(result.findings, (f) => f.resourceType);
  const regionCount = new Set(Object.values(result.regions).flat()).size;

  const findingRows = result.findings
    .map((f) => {
      const cost = f.data?.monthlyCostUsd;
      return (
        "<tr>" +
        (multi ? cell(accountName(f)) : "") +
        cell(f.region) +
        cell(f.resourceType) +
        cell(f.resourceId) +
        cell(f.status) +
        cell(f.details) +
        (typeof cost === "number" ? cell(money(cost), "num", String(cost)) : cell("", "num", "0")) +
        "</tr>"
      );
    })
    .join("\n");
  const problemRows = result.problems
    .map((p) => "<tr>" + cell(accountName(p)) + cell(p.region) + cell(p.check) + cell(p.code) + cell(p.message) + "</tr>")
    .join("\n");

  const chartBlock = result.findings.length
    ? `<div class="tabs"><input type="radio" name="chart" id="by-region" checked><label for="by-region">By region</label><input type="radio" name="chart" id="by-account"><label for="by-account">By account</label><input type="radio" name="chart" id="by-type"><label for="by-type">By type</label>
<div class="views"><div class="view view-region">${barChartSvg("Findings by region", regionRows, types, colors)}</div><div class="view view-account">${barChartSvg("Findings by account", accountRows, types, colors)}</div><div class="view view-type">${barChartSvg("Findings by type", typeRows, types, colors)}</div></div></div>`
    : `<p class="ok">Nothing found.</p>`;

  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kumo audit ${escapeHtml(result.startedAt)}</title><style>${CSS}</style></head>
<body>
<h1>kumo audit</h1>
<div class="meta">${escapeHtml(result.startedAt)} to ${escapeHtml(result.finishedAt)} &middot; checks: ${escapeHtml(result.checks.join(", "))}</div>
<div class="cards">
<div class="card"><b>${s.findings}</b>findings</div>
<div class="card"><b>${result.accounts.length}</b>account${result.accounts.length === 1 ? "" : "s"}</div>
<div class="card"><b>${regionCount}</b>region${regionCount === 1 ? "" : "s"}</div>
<div class="card"><b>${money(s.monthlyCostUsd)}</b>a month on idle resources (estimate)</div>
<div class="card${s.problems ? " bad" : ""}"><b>${s.problems}</b>could not be audited</div>
</div>
${result.problems.length ? `<h2>Could not be audited</h2><div class="panel"><table id="problems" class="sortable problems"><thead><tr><th>Account</th><th>Region</th><th>Check</th><th>Error</th><th>Message</th></tr></thead><tbody>\n${problemRows}\n</tbody></table></div>` : ""}
<h2>Summary</h2>
<div class="panel">${chartBlock}</div>
<h2>Findings</h2>
<div class="panel"><input class="filter" type="search" placeholder="Filter rows" data-table="findings" aria-label="Filter findings">
<table id="findings" class="sortable"><thead><tr>${multi ? "<th>Account</th>" : ""}<th>Region</th><th>Type</th><th>Resource</th><th>Status</th><th>Details</th><th data-type="number">Monthly cost</th></tr></thead><tbody>
${findingRows}
</tbody></table></div>
<script>${SCRIPT}</script>
</body></html>
`;
}
