/**
 * HTML building blocks for reports. Every text goes through `esc`, so names a user chose (runs,
 * columns, classes, config values) show as text and never become markup; inline SVG comes only
 * from vega's renderer and is checked again before it is embedded.
 */

/** Escapes text for HTML content and quoted attribute values: & < > " ' become entities. */
export function esc(v: unknown): string {
  return String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A number for a table cell: integers as is, others to 4 significant digits, NaN/null as "-". */
export function num(v: unknown): string {
  if (typeof v !== "number" || !Number.isFinite(v)) return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ? "-" : esc(v);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4);
}

/** A table from a header and rows of already-escaped cell HTML. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], options: { className?: string } = {}): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join("");
  const trs = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join("")}</tr>`).join("\n");
  return `<table${options.className ? ` class="${esc(options.className)}"` : ""}><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

/** A key/value table; values are escaped (arrays joined, objects as JSON). */
export function keyValues(obj: Record<string, unknown>): string {
  const show = (v: unknown): string => (typeof v === "number" ? num(v) : Array.isArray(v) ? esc(v.join(", ")) : v !== null && typeof v === "object" ? esc(JSON.stringify(v)) : esc(v ?? "-"));
  return table(["setting", "value"], Object.entries(obj).map(([k, v]) => [esc(k), show(v)]), { className: "kv" });
}

/**
 * Whether an SVG holds anything active: a script, foreign HTML, an event-handler attribute or a
 * javascript: link. Only the markup is examined (text and attribute values are entity-escaped by
 * vega, so a class named "x onerror=y" is harmless text).
 */
export function svgIsActive(svg: string): boolean {
  for (const [tag] of svg.matchAll(/<[^>]+>/g)) {
    if (/^<\/?\s*(script|foreignObject|iframe|object|embed)\b/i.test(tag)) return true;
    const unquoted = tag.replace(/"[^"]*"|'[^']*'/g, '""');
    if (/\son[a-z]+\s*=/i.test(unquoted)) return true;
    for (const m of tag.matchAll(/\s(?:xlink:)?href\s*=\s*("[^"]*"|'[^']*')/gi)) if (/^.\s*javascript:/i.test(m[1]!)) return true;
  }
  return false;
}

/**
 * An SVG document ready to inline: the XML prolog dropped, every id prefixed so several charts on
 * one page do not share clip paths or gradients, and refused (as an escaped notice) if it holds
 * anything active.
 */
export function inlineSvg(svg: string, prefix: string): string {
  if (!/^\s*<svg[\s>]/.test(svg.replace(/^<\?xml[^>]*>\s*/, "")) || svgIsActive(svg)) {
    return `<p class="warn">${esc("chart left out: its SVG held active content")}</p>`;
  }
  return svg
    .replace(/^<\?xml[^>]*>\s*/, "")
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}-${id})`)
    .replace(/(\s(?:xlink:)?href)="#([^"]+)"/g, (_m, attr: string, id: string) => `${attr}="#${prefix}-${id}"`);
}

const STYLE = `
body{font:14px/1.45 "DejaVu Sans",Verdana,sans-serif;color:#222;margin:0 auto;max-width:1100px;padding:1.5em}
h1{font-size:1.6em;margin:.2em 0}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}h3{margin:1.4em 0 .5em}
table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #ddd;padding:.25em .6em;text-align:right;vertical-align:top}
thead th{background:#f4f4f4}th[scope=row],table.kv td{text-align:left}td{font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}svg{max-width:100%;height:auto}
.warn{background:#fff4e5;border-left:4px solid #f0a020;padding:.4em .8em;margin:.4em 0}.ok{color:#2a7a2a}
.muted{color:#777}nav a{margin-right:1em}code{background:#f4f4f4;padding:0 .2em}`;

/**
 * A complete, self-contained page: inline style, inline SVG, no scripts, and a Content-Security-
 * Policy that forbids every network request and every script, so the file works offline and an
 * injected script could not run even if one slipped through.
 */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="nabla report">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
