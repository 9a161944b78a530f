/**
 * One self-contained HTML page: inline CSS and SVG only. No script, no font or image from the network (a Content
 * Security Policy says so to the browser too), so the file reads the same offline, from a CI artifact or an e-mail.
 */

/** Text for HTML and SVG: the five characters markup gives meaning to, escaped. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

export interface PageParts {
  title: string
  /** one line under the title */
  subtitle?: string
  /** HTML of the page's body, below the title */
  body: string
  /** the tool and version that made it, and when */
  footer: string
}

const CSS = `
:root{--fg:#1b1f24;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--panel:#f6f8fa;--warm:#0969da;--p99:#8250df;--cold:#bc4c00;
--cost:#1a7f37;--pick:#1a7f37;--failed:#cf222e;--dropped:#8c959f;--band:rgba(9,105,218,.16);--pickband:rgba(26,127,55,.10)}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--bg:#0d1117;--panel:#151b23;
--warm:#4493f8;--p99:#ab7df8;--cold:#f0883e;--cost:#3fb950;--pick:#3fb950;--failed:#f85149;--dropped:#656c76;
--band:rgba(68,147,248,.22);--pickband:rgba(63,185,80,.14)}}
*{box-sizing:border-box}
body{margin:0;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1100px;margin:0 auto}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
p{margin:6px 0}.muted{color:var(--muted)}.answer{font-size:16px;font-weight:600}
figure{margin:12px 0;padding:12px;background:var(--panel);border:1px solid var(--line);border-radius:8px}
figcaption{color:var(--muted);font-size:13px;margin-top:6px}
svg{display:block;width:100%;height:auto;font:12px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
svg text{fill:var(--fg)}svg .muted{fill:var(--muted)}
.axis line,.axis path,.grid{stroke:var(--line)}.grid{stroke-dasharray:2 3}
.warm{stroke:var(--warm);fill:var(--warm)}.p99{stroke:var(--p99);fill:var(--p99)}.cold{stroke:var(--cold);fill:var(--cold)}
.cost{stroke:var(--cost);fill:var(--cost)}.band{fill:var(--band);stroke:none}.pickband{fill:var(--pickband);stroke:none}
.line{fill:none;stroke-width:2}.dash{stroke-dasharray:6 4}.dot{stroke:var(--bg);stroke-width:1.5}
.failed{stroke:var(--failed);fill:var(--failed)}.dropped{stroke:var(--dropped);fill:var(--dropped)}
text.failed,text.pick,text.dropped{stroke:none}.pick{stroke:var(--pick);fill:var(--pick)}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:8px 0 0;padding:0;list-style:none;color:var(--muted);font-size:13px}
.legend i{display:inline-block;width:18px;height:0;border-top:3px solid;vertical-align:middle;margin-right:6px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:13px}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
th:first-child,td:first-child,td.text,th.text{text-align:left}td.text{white-space:normal}
tr.pick td{font-weight:600;color:var(--pick)}tr.total td{font-weight:600}tr.regression td{color:var(--failed);font-weight:600}tr.failed td{color:var(--failed)}tr.dropped td{color:var(--muted)}
.badge{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;border:1px solid currentColor}
ul.notes{margin:6px 0;padding-left:20px;color:var(--muted)}
footer{margin-top:28px;color:var(--muted);font-size:12px}
`

export function htmlPage(parts: PageParts): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${esc(parts.title)}</title>`,
    `<style>${CSS.trim()}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${esc(parts.title)}</h1>`,
    ...(parts.subtitle ? [`<p class="muted">${esc(parts.subtitle)}</p>`] : []),
    parts.body,
    `<footer>${esc(parts.footer)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

/** An HTML table; cells are HTML already (escape text with esc), rows may carry a class (pick, failed, dropped). */
export function htmlTable(headers: string[], rows: Array<{ cells: string[]; className?: string }>, textColumns: number[] = []): string {
  const cls = (i: number) => (textColumns.includes(i) ? ' class="text"' : '')
  return [
    '<table>',
    `<thead><tr>${headers.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr${r.className ? ` class="${r.className}"` : ''}>${r.cells.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n')
}

/** A legend under a chart: each series drawn as its line, dashed line or swatch in its colour (a CSS variable), and its name. */
export function legend(items: Array<{ colour: string; label: string; kind?: 'line' | 'dash' | 'swatch' }>): string {
  const mark = (i: { colour: string; kind?: 'line' | 'dash' | 'swatch' }) =>
    i.kind === 'swatch' ? `background:var(--${i.colour});height:10px;border:0` : `border-top:3px ${i.kind === 'dash' ? 'dashed' : 'solid'} var(--${i.colour})`
  return `<ul class="legend">${items.map((i) => `<li><i style="${mark(i)}"></i>${esc(i.label)}</li>`).join('')}</ul>`
}
