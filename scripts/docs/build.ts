/**
 * `npm run docs`: builds the static site in docs-site/ from the README, the guides in docs/, the examples'
 * READMEs and sources, and the API reference generated from the doc comments. Fails on broken links.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { collectApi, missingDocs } from "./api.js";
import { apiPage, indexBody, moduleBody } from "./api-pages.js";
import { createRenderer, escapeHtml, highlight, sitePath, type RenderContext } from "./markdown.js";
import { GUIDES } from "./guides.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OUT = join(ROOT, "docs-site");

interface Page {
  /** Site-relative path, e.g. "guides/training.html". */
  path: string;
  title: string;
  body: string;
}

/** The examples, in order: the folders examples/NN-name/ that hold a README.md. */
export function exampleDirs(root = ROOT): string[] {
  const dir = join(root, "examples");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name) && existsSync(join(dir, d.name, "README.md")))
    .map((d) => d.name)
    .sort();
}

function titleOf(markdown: string, fallback: string): string {
  return /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? fallback;
}

function layout(page: Page, nav: string): string {
  const up = posix.relative(posix.dirname(page.path), ".") || ".";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · nabla</title>
<link rel="stylesheet" href="${up}/style.css"><link rel="stylesheet" href="${up}/hljs.css">
</head><body>
<nav class="side"><a class="brand" href="${up}/index.html">nabla (∇)</a>${nav.replace(/href="(?!https?:)/g, `href="${up}/`)}</nav>
<main>${page.body}</main>
</body></html>
`;
}

const CSS = `
*{box-sizing:border-box}body{margin:0;display:flex;font:16px/1.55 system-ui,"DejaVu Sans",sans-serif;color:#1d2228}
nav.side{width:270px;min-width:270px;height:100vh;position:sticky;top:0;overflow:auto;padding:18px 16px;background:#f6f7f9;border-right:1px solid #e2e5e9;font-size:14px}
nav.side a{display:block;color:#2a4d7a;text-decoration:none;padding:2px 0}nav.side a:hover{text-decoration:underline}
nav.side .brand{font-size:20px;font-weight:700;color:#111;margin-bottom:10px}nav.side h4{margin:16px 0 4px;color:#666;font-size:12px;text-transform:uppercase;letter-spacing:.05em}
main{max-width:980px;padding:24px 40px 80px;flex:1;min-width:0}
pre{background:#f6f8fa;border:1px solid #e5e8eb;border-radius:6px;padding:10px 12px;overflow:auto;font-size:13.5px;line-height:1.45}
pre[data-runnable]{border-left:3px solid #3a8f4e}
code{font-family:"DejaVu Sans Mono",ui-monospace,monospace;font-size:.92em}
table{border-collapse:collapse;margin:12px 0;font-size:14.5px}td,th{border:1px solid #dde1e5;padding:5px 9px;vertical-align:top;text-align:left}th{background:#f3f5f7}
img{max-width:100%;border:1px solid #eee}
.entry{border-top:1px solid #e6e8eb;padding-top:6px;margin-top:18px}.entry h3{margin:6px 0}.kind{font-size:12px;color:#777;font-weight:400}
.missing{color:#b3261e;font-style:italic}.source,.aliases{color:#777;font-size:13px}table.members td:first-child{white-space:normal;max-width:460px}
ul.index{columns:2;font-size:14px}ul.index li{break-inside:avoid}
`;

function nav(examples: { dir: string; title: string }[]): string {
  const out = [`<h4>Guides</h4>`];
  for (const g of GUIDES) out.push(`<a href="guides/${g.file.replace(/\.md$/, ".html")}">${escapeHtml(g.title)}</a>`);
  out.push(`<h4>Examples</h4><a href="examples/index.html">All examples</a>`);
  for (const e of examples) out.push(`<a href="examples/${e.dir}/index.html">${escapeHtml(e.title)}</a>`);
  out.push(`<h4>API reference</h4><a href="api/index.html">Modules</a>`);
  return out.join("\n");
}

/** Builds the whole site into `out`; returns the pages written. Throws on broken links. */
export function buildSite(root = ROOT, out = OUT): string[] {
  let ctx: RenderContext = { root, source: "README.md", assets: new Set(), errors: [] };
  const md = createRenderer(() => ctx);
  const render = (source: string, text: string): string => {
    ctx = { ...ctx, source };
    return md.render(text);
  };
  const pages: Page[] = [];
  const readme = readFileSync(join(root, "README.md"), "utf8");
  pages.push({ path: "index.html", title: "nabla", body: render("README.md", readme) });

  for (const g of GUIDES) {
    const path = join(root, "docs", g.file);
    if (!existsSync(path)) throw new Error(`docs: guide docs/${g.file} is listed in scripts/docs/guides.ts but does not exist`);
    const text = readFileSync(path, "utf8");
    pages.push({ path: sitePath(`docs/${g.file}`)!, title: titleOf(text, g.title), body: render(`docs/${g.file}`, text) });
  }

  const examples = exampleDirs(root).map((dir) => {
    const text = readFileSync(join(root, "examples", dir, "README.md"), "utf8");
    return { dir, text, title: titleOf(text, dir) };
  });
  if (existsSync(join(root, "examples", "README.md"))) {
    pages.push({ path: "examples/index.html", title: "Examples", body: render("examples/README.md", readFileSync(join(root, "examples", "README.md"), "utf8")) });
  }
  for (const e of examples) {
    const sources = readdirSync(join(root, "examples", e.dir)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).sort();
    const code = sources.map((f) => `<h2 id="source-${escapeHtml(f)}">Source: <code>${escapeHtml(f)}</code></h2><pre><code class="hljs language-ts">${highlight(readFileSync(join(root, "examples", e.dir, f), "utf8"), "ts")}</code></pre>`);
    pages.push({ path: `examples/${e.dir}/index.html`, title: e.title, body: render(`examples/${e.dir}/README.md`, e.text) + code.join("\n") });
  }

  const modules = collectApi(root);
  const total = modules.reduce((n, m) => n + m.entries.length, 0);
  const documented = total - missingDocs(modules).length;
  pages.push({ path: "api/index.html", title: "API reference", body: indexBody(md, modules, documented, total) });
  for (const m of modules) pages.push({ path: apiPage(m.name), title: m.name, body: moduleBody(md, m, modules) });

  if (ctx.errors.length) throw new Error(`docs: ${ctx.errors.length} broken link(s):\n  ${ctx.errors.join("\n  ")}`);

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const navHtml = nav(examples);
  for (const p of pages) {
    const file = join(out, p.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, layout(p, navHtml));
  }
  for (const a of ctx.assets) {
    const dest = join(out, a.startsWith("examples/") ? a : join("assets", a));
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(join(root, a), dest);
  }
  writeFileSync(join(out, "style.css"), CSS);
  copyFileSync(join(root, "node_modules/highlight.js/styles/github.css"), join(out, "hljs.css"));
  return pages.map((p) => p.path);
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const t0 = Date.now();
  const written = buildSite();
  console.log(`docs: ${written.length} pages written to docs-site/ in ${((Date.now() - t0) / 1000).toFixed(1)} s (open docs-site/index.html)`);
}
