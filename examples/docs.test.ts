/**
 * The documentation's own tests: every ```ts run block in the guides (docs/*.md) and the README runs
 * against the source; the README's quick start reaches the accuracy it prints; the site builds with no
 * broken links; and every public export has a doc comment (scripts/docs/undocumented.txt lists known gaps).
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import { extractSnippets, resolveImports, type Snippet } from "../scripts/docs/snippets.js";
import { GUIDES } from "../scripts/docs/guides.js";
import { checkDocs, formatMissing } from "../scripts/docs/check.js";
import { buildSite } from "../scripts/docs/build.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "nabla-docs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs a snippet as a module and returns what it printed with console.log. */
async function runSnippet(s: Snippet, name: string): Promise<string[]> {
  const file = join(tmp, `${name}.ts`);
  writeFileSync(file, `${resolveImports(s.code)}\nexport {};\n`);
  const printed: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void printed.push(format(...args)));
  try {
    await import(/* @vite-ignore */ file);
  } finally {
    spy.mockRestore();
  }
  return printed;
}

describe("README", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const snippets = extractSnippets(readme, "README.md");

  it("keeps its opening set-up lines", () => {
    expect(readme).toContain("npm ci && npm run train     # the main job: trains an MLP on the shipped handwritten-digits data\nnpm ci && npm test          # the tests: type-check, build, every test");
  });

  it("has a runnable quick start of at most 10 lines of code that reaches the accuracy it shows", async () => {
    const quick = snippets[0];
    expect(quick, "README.md: the quick start should be a ```ts run block").toBeDefined();
    const lines = quick!.code.split("\n").filter((l) => l.trim() !== "");
    expect(lines.length).toBeLessThanOrEqual(10);
    const printed = await runSnippet(quick!, "readme-quick-start");
    const accuracy = Number(/accuracy:\s*([0-9.]+)/.exec(printed.join("\n"))?.[1]);
    expect(accuracy).toBeGreaterThan(0.9);
  });

  for (const [i, s] of snippets.slice(1).entries()) {
    it(`README.md:${s.line} runs`, async () => {
      await runSnippet(s, `readme-${i + 1}`);
    });
  }
});

describe("guides: every ```ts run block runs", () => {
  for (const g of GUIDES) {
    const path = join(root, "docs", g.file);
    const snippets = existsSync(path) ? extractSnippets(readFileSync(path, "utf8"), `docs/${g.file}`) : [];
    it(`docs/${g.file} exists`, () => expect(existsSync(path)).toBe(true));
    for (const [i, s] of snippets.entries()) {
      it(`docs/${g.file}:${s.line}`, async () => {
        await runSnippet(s, `${g.file.replace(/\.md$/, "")}-${i}`);
      });
    }
  }
  it("every guide in docs/ is listed in the site's navigation", () => {
    const listed = new Set(GUIDES.map((g) => g.file));
    const files = readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md") && f !== "HELPERS.md");
    expect(files.filter((f) => !listed.has(f))).toEqual([]);
  });
});

describe("API reference", () => {
  it("every public export has a doc comment (new gaps fail; known ones are listed in scripts/docs/undocumented.txt)", () => {
    const r = checkDocs(root);
    expect(r.total).toBeGreaterThan(100);
    expect(r.failures, `public exports without a doc comment — add a /** … */ comment above each:\n${formatMissing(r.failures)}`).toEqual([]);
  });

  it("the site builds (README, guides, examples, API pages) with no broken links", () => {
    const out = join(tmp, "site");
    const pages = buildSite(root, out);
    expect(pages).toContain("index.html");
    expect(pages).toContain("api/nn.html");
    expect(pages.filter((p) => p.startsWith("guides/"))).toHaveLength(GUIDES.length);
    const nn = readFileSync(join(out, "api/nn.html"), "utf8");
    expect(nn).toContain('id="Linear"');
  });
});
