/** The API reference pages: one HTML page per module, each export with its signature and doc comment. */
import type { ApiEntry, ApiModule } from "./api.js";
import { display } from "./api.js";
import { escapeHtml, highlight, type Markdown as MarkdownIt } from "./markdown.js";

/** The page of a module: "nn.init" → "api/nn.init.html", "nabla/node" → "api/node.html". */
export function apiPage(module: string): string {
  return `api/${module === "nabla/node" ? "node" : module}.html`;
}

/** How a module is imported, for the page heading. */
function importLine(m: ApiModule): string {
  if (m.name === "nabla") return `import { … } from "nabla";`;
  if (m.name === "nabla/node") return `import { … } from "nabla/node";`;
  const top = m.name.split(".")[0]!;
  return `import { ${top} } from "nabla";   // ${m.name}.…`;
}

const KIND_TITLE: Record<string, string> = {
  class: "Classes", function: "Functions", const: "Constants", enum: "Enums", interface: "Interfaces", type: "Types",
};

function code(lines: readonly string[]): string {
  return `<pre class="sig"><code class="hljs language-ts">${highlight(lines.join("\n"), "ts")}</code></pre>`;
}

function docHtml(md: MarkdownIt, text: string, missing: string): string {
  return text ? `<div class="doc">${md.render(text)}</div>` : `<p class="missing">${missing}</p>`;
}

function entryHtml(md: MarkdownIt, e: ApiEntry): string {
  const parts = [`<section class="entry" id="${escapeHtml(e.name)}">`];
  parts.push(`<h3><a href="#${escapeHtml(e.name)}">${escapeHtml(e.name)}</a> <span class="kind">${e.kind}</span></h3>`);
  parts.push(code(e.signatures));
  parts.push(docHtml(md, e.doc, `No doc comment yet (${escapeHtml(e.file)}:${e.line}).`));
  if (e.aliases.length) parts.push(`<p class="aliases">Also exported as ${e.aliases.map((a) => `<code>${escapeHtml(a)}</code>`).join(", ")}.</p>`);
  if (e.members.length) {
    parts.push(`<table class="members"><tbody>`);
    for (const m of e.members) {
      const sig = m.signatures.map((s) => `<code>${escapeHtml((m.static ? "static " : "") + s)}</code>`).join("<br>");
      parts.push(`<tr><td>${sig}</td><td>${m.doc ? md.renderInline(m.doc.replace(/\n+/g, " ")) : ""}</td></tr>`);
    }
    parts.push(`</tbody></table>`);
  }
  parts.push(`<p class="source">${escapeHtml(e.file)}:${e.line}</p></section>`);
  return parts.join("\n");
}

/** The body HTML of one module's page. */
export function moduleBody(md: MarkdownIt, m: ApiModule, modules: readonly ApiModule[]): string {
  const out = [`<h1>${escapeHtml(m.name)}</h1>`];
  out.push(`<pre class="sig"><code class="hljs language-ts">${highlight(importLine(m), "ts")}</code></pre>`);
  if (m.doc) out.push(docHtml(md, m.doc, ""));
  if (m.aliases.length) out.push(`<p class="aliases">Also available as ${m.aliases.map((a) => `<code>${escapeHtml(a)}</code>`).join(", ")}.</p>`);
  const subs = modules.filter((s) => s.name !== m.name && s.name.startsWith(`${m.name === "nabla" ? "" : `${m.name}.`}`) && !s.name.slice(m.name === "nabla" ? 0 : m.name.length + 1).includes(".") && s.name !== "nabla/node");
  if (subs.length) {
    out.push(`<h2>Namespaces</h2><ul>${subs.map((s) => `<li><a href="${apiPage(s.name).slice(4)}">${escapeHtml(s.name)}</a> — ${md.renderInline(firstSentence(s.doc))}</li>`).join("")}</ul>`);
  }
  for (const kind of Object.keys(KIND_TITLE)) {
    const list = m.entries.filter((e) => e.kind === kind);
    if (!list.length) continue;
    out.push(`<h2>${KIND_TITLE[kind]}</h2>`);
    out.push(`<ul class="index">${list.map((e) => `<li><a href="#${escapeHtml(e.name)}"><code>${escapeHtml(e.name)}</code></a> ${md.renderInline(firstSentence(e.doc))}</li>`).join("")}</ul>`);
    for (const e of list) out.push(entryHtml(md, e));
  }
  return out.join("\n");
}

/** The reference's index page: every module with its summary and number of exports. */
export function indexBody(md: MarkdownIt, modules: readonly ApiModule[], documented: number, total: number): string {
  const rows = modules.map((m) => `<tr><td><a href="${apiPage(m.name).slice(4)}"><code>${escapeHtml(m.name)}</code></a>${m.aliases.length ? ` (also ${m.aliases.map(display).join(", ")})` : ""}</td><td>${m.entries.length}</td><td>${md.renderInline(firstSentence(m.doc))}</td></tr>`);
  return [
    `<h1>API reference</h1>`,
    `<p>Generated from the doc comments in <code>src/</code> by <code>npm run docs</code>: every export of <code>"nabla"</code> and <code>"nabla/node"</code>. ${documented} of ${total} exports have a doc comment (<code>npm run docs:check</code> lists the rest).</p>`,
    `<table class="modules"><thead><tr><th>module</th><th>exports</th><th>what it holds</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`,
  ].join("\n");
}

/** The first sentence of a doc comment, for indexes. */
export function firstSentence(doc: string): string {
  const flat = doc.replace(/```[\s\S]*?```/g, "").replace(/\s+/g, " ").trim();
  const m = /^(.+?\.)(\s+[A-Z(`]|$)/.exec(flat);
  const s = m ? m[1]! : flat;
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}
