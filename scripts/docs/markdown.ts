/**
 * Markdown → HTML for the docs site: markdown-it with highlight.js, heading anchors, and links between
 * repository files rewritten to the pages they become (a link to a missing Markdown file is an error).
 */
import MarkdownIt from "markdown-it";
import hljs from "highlight.js";
import { existsSync, statSync } from "node:fs";
import { dirname, join, normalize, posix, relative } from "node:path";

/** A URL-safe id from heading or symbol text: "Coming from PyTorch" → "coming-from-pytorch". */
export function slug(text: string): string {
  return text.toLowerCase().replace(/<[^>]+>/g, "").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "section";
}

/** A markdown-it instance. */
export type Markdown = InstanceType<typeof MarkdownIt>;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Highlighted HTML for a code block; the info string's first word is the language ("ts run" → ts). */
export function highlight(code: string, info: string): string {
  const lang = info.trim().split(/\s+/)[0] ?? "";
  if (lang && hljs.getLanguage(lang)) return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  return escapeHtml(code);
}

/**
 * Where a repository file appears on the site, relative to the site root, or null when it has no page:
 * README.md → index.html, docs/x.md → guides/x.html, examples/README.md → examples/index.html,
 * examples/<dir>/README.md (or the folder, or a file in it) → examples/<dir>/index.html.
 */
export function sitePath(repoPath: string): string | null {
  const p = repoPath.replace(/\\/g, "/").replace(/\/$/, "");
  if (p === "README.md") return "index.html";
  let m = /^docs\/([^/]+)\.md$/.exec(p);
  if (m) return `guides/${m[1]}.html`;
  if (p === "examples" || p === "examples/README.md") return "examples/index.html";
  m = /^examples\/([^/]+)(?:\/README\.md|\/[^/]+\.ts)?$/.exec(p);
  if (m && !m[1]!.includes(".")) return `examples/${m[1]}/index.html`;
  return null;
}

export interface RenderContext {
  /** The repository root (absolute). */
  root: string;
  /** The Markdown file being rendered, relative to the root. */
  source: string;
  /** Assets (images) referenced by the page, repository-relative; the builder copies them. */
  assets: Set<string>;
  /** Problems found (broken links); the builder fails on them. */
  errors: string[];
}

/** A markdown-it renderer whose links and images are resolved against `ctx.source`. */
export function createRenderer(ctx: () => RenderContext): Markdown {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false, highlight });
  const headingIds = new Map<string, number>();
  md.core.ruler.push("heading_ids", (state) => {
    headingIds.clear();
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.type !== "heading_open") continue;
      const text = String(tokens[i + 1]?.content ?? "");
      let id = slug(text);
      const n = headingIds.get(id) ?? 0;
      headingIds.set(id, n + 1);
      if (n) id = `${id}-${n}`;
      t.attrSet("id", id);
    }
  });
  const siteOfSource = (): string => sitePath(ctx().source) ?? ctx().source;
  const rewrite = (href: string, isImage: boolean): string => {
    if (/^[a-z]+:/i.test(href) || href.startsWith("#") || href.startsWith("/")) return href;
    const c = ctx();
    const [path = "", hash] = href.split("#", 2);
    const target = normalize(join(dirname(c.source), decodeURI(path))).replace(/\\/g, "/");
    const abs = join(c.root, target);
    if (!existsSync(abs)) {
      c.errors.push(`${c.source}: broken link to ${href} (${target} does not exist)`);
      return href;
    }
    const fromDir = posix.dirname(siteOfSource());
    if (isImage) {
      c.assets.add(target);
      return posix.relative(fromDir, target.startsWith("examples/") ? target : `assets/${target}`);
    }
    const page = sitePath(statSync(abs).isDirectory() ? `${target}/README.md` : target);
    if (page === null) {
      // A source file: link to it on the page of its folder where there is one, else leave the path as is.
      return relative(dirname(c.source), target).replace(/\\/g, "/");
    }
    return posix.relative(fromDir, page) + (hash ? `#${hash}` : "");
  };
  const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const t = tokens[idx]!;
    const href = t.attrGet("href");
    if (href) t.attrSet("href", rewrite(String(href), false));
    return defaultLink(tokens, idx, options, env, self);
  };
  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const t = tokens[idx]!;
    const src = t.attrGet("src");
    if (src) t.attrSet("src", rewrite(String(src), true));
    return defaultImage(tokens, idx, options, env, self);
  };
  // Code blocks keep their info string's first word as the language class.
  md.renderer.rules.fence = (tokens, idx) => {
    const t = tokens[idx]!;
    const lang = t.info.trim().split(/\s+/)[0] ?? "";
    const runnable = /\brun\b/.test(t.info) ? ` data-runnable="true"` : "";
    return `<pre${runnable}><code class="hljs language-${escapeHtml(lang)}">${highlight(t.content, t.info)}</code></pre>\n`;
  };
  return md;
}
