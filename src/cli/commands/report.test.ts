import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { captureOutput, nabla } from "../experiments/test-utils/cli.js";
import { History, plot } from "../../index.js";

const c = captureOutput();
const dir = mkdtempSync(join(tmpdir(), "nabla-report-"));
const CHROMIUM = "/usr/bin/chromium";
// CI installs Debian's chromium (.ci/run), so there the rendering tests always run.
const haveChromium = existsSync(CHROMIUM) || Boolean(process.env.CI);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const EVIL_LABEL = "<script>alert(1)</script>";
const EVIL_CLASS = "<img src=x onerror=alert(2)>";
const EVIL_RUN = "xss<img src=x onerror=alert(3)>";

/** A 2-D CSV whose label column header and class names are HTML. */
function evilCsv(): string {
  const rows = [`x1,x2,${EVIL_LABEL}`];
  for (let i = 0; i < 120; i++) {
    const a = Math.sin(i * 12.9898) % 1;
    const b = Math.cos(i * 78.233) % 1;
    rows.push(`${a.toFixed(3)},${b.toFixed(3)},${a * b > 0 ? EVIL_CLASS : '"<b>bold</b>"'}`);
  }
  const path = join(dir, "evil.csv");
  writeFileSync(path, rows.join("\n") + "\n");
  return path;
}

interface PageCheck {
  errors: string[];
  requests: string[];
  dialogs: string[];
  svgs: number;
  paths: number;
  emptySvgs: number;
  scripts: number;
  images: number;
  text: string;
}

async function open(browser: Browser, file: string): Promise<PageCheck> {
  const page = await browser.newPage();
  const out: PageCheck = { errors: [], requests: [], dialogs: [], svgs: 0, paths: 0, emptySvgs: 0, scripts: 0, images: 0, text: "" };
  page.on("console", (m) => void (m.type() === "error" && out.errors.push(m.text())));
  page.on("pageerror", (e) => void out.errors.push(String(e)));
  page.on("dialog", (d) => void (out.dialogs.push(d.message()), d.dismiss()));
  page.on("request", (r) => void (r.url() !== pathToFileURL(file).href && out.requests.push(r.url())));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await page.waitForTimeout(200); // give anything injected the chance to run
  Object.assign(out, await page.evaluate(() => ({
    svgs: document.querySelectorAll("figure svg").length,
    paths: document.querySelectorAll("figure svg path").length,
    emptySvgs: [...document.querySelectorAll("figure svg")].filter((s) => s.querySelectorAll("path").length === 0 || s.getBoundingClientRect().width < 50).length,
    scripts: document.querySelectorAll("script").length,
    images: document.querySelectorAll("img").length,
    text: document.body.innerText,
  })));
  await page.close();
  return out;
}

describe("nabla report", () => {
  let browser: Browser | null = null;
  beforeAll(async () => {
    if (haveChromium) browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("builds one self-contained HTML file of several runs: comparison, results, plots, diagnostics, config, timings, machine", async () => {
    expect(await nabla(c, "train", "--data", "circle", "--layers", "8", "--epochs", "3", "--out", dir, "--name", "a", "--quiet", "--diagnose"), c.err).toBe(0);
    expect(await nabla(c, "train", "--data", "iris", "--layers", "8", "--epochs", "3", "--out", dir, "--name", "b", "--quiet"), c.err).toBe(0);
    expect(await nabla(c, "report", join(dir, "a"), join(dir, "b"), "-o", join(dir, "ab.html"), "--title", "two runs"), c.err).toBe(0);
    expect(c.out).toBe(`report: ${join(dir, "ab.html")}\n`);
    const html = readFileSync(join(dir, "ab.html"), "utf8");
    for (const s of ["Comparison of 2 runs", "run a", "run b", "Results", "Diagnostics", "Configuration", "Timings", "Machine", "confusion matrix", "decision boundary", "activation distribution per layer", "setosa"]) {
      expect(html, s).toContain(s);
    }
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import|url\(http/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
    // one report per run folder by default
    expect(await nabla(c, "report", join(dir, "b")), c.err).toBe(0);
    expect(existsSync(join(dir, "b", "report.html"))).toBe(true);
    expect(await nabla(c, "report", join(dir, "nothing-here"))).toBe(1);
    expect(c.err).toMatch(/nothing-here does not exist/);
  });

  it.skipIf(!haveChromium)("renders offline in headless Chromium with no console errors, no requests, and every chart drawn", async () => {
    const page = await open(browser!, join(dir, "ab.html"));
    expect(page.errors).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.dialogs).toEqual([]);
    expect(page.svgs).toBeGreaterThanOrEqual(12);
    expect(page.paths).toBeGreaterThan(200);
    expect(page.emptySvgs).toBe(0);
  });

  it("reports the outputs of compare, tune and lr-find too", async () => {
    const small = ["--data", "xor", "--layers", "4", "--epochs", "2", "--out", dir, "--quiet", "--no-png"];
    expect(await nabla(c, "compare", ...small, "--name", "cmp", "--grid", "activation=relu,tanh", "--seeds", "2", "--workers", "0"), c.err).toBe(0);
    expect(await nabla(c, "tune", ...small, "--name", "tn", "--space", "lr=1e-3:1e-1:log:2", "--workers", "0", "--search", "grid"), c.err).toBe(0);
    expect(await nabla(c, "lr-find", ...small, "--name", "lf", "--iters", "20"), c.err).toBe(0);
    const out = join(dir, "experiments.html");
    expect(await nabla(c, "report", join(dir, "cmp"), join(dir, "tn"), join(dir, "lf"), "-o", out), c.err).toBe(0);
    const html = readFileSync(out, "utf8");
    for (const s of ["comparison cmp", "activation=tanh", "± ", "search tn", "best.json", "learning-rate range test lf", "suggested learning rate"]) expect(html, s).toContain(s);
    if (browser) {
      const page = await open(browser, out);
      expect(page.errors).toEqual([]);
      expect(page.emptySvgs).toBe(0);
      expect(page.svgs).toBeGreaterThanOrEqual(7);
    }
  });

  it("escapes every name the user chose: run name, CSV column and class names show as text", async () => {
    const csv = evilCsv();
    expect(await nabla(c, "train", "--data", csv, "--label", EVIL_LABEL, "--layers", "8", "--epochs", "2", "--out", dir, "--name", EVIL_RUN, "--quiet", "--diagnose"), c.err).toBe(0);
    expect(await nabla(c, "report", join(dir, EVIL_RUN), join(dir, "a"), "-o", join(dir, "evil.html")), c.err).toBe(0);
    const html = readFileSync(join(dir, "evil.html"), "utf8");
    expect(html).not.toMatch(/<script|<img|<b>bold/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(html).toContain("xss&lt;img src=x onerror=alert(3)&gt;");
  });

  it.skipIf(!haveChromium)("in Chromium the escaped names are text: no script runs, no dialog opens, no element is injected", async () => {
    const page = await open(browser!, join(dir, "evil.html"));
    expect(page.dialogs).toEqual([]);
    expect(page.errors).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.scripts).toBe(0);
    expect(page.images).toBe(0);
    expect(page.text).toContain(EVIL_LABEL);
    expect(page.text).toContain(EVIL_CLASS);
    expect(page.text).toContain(EVIL_RUN);
    expect(page.paths).toBeGreaterThan(50);
  });

  it.skipIf(!haveChromium)("the plot specs render to SVG in the browser too, as toSVG does in Node (vega's browser build, no network)", async () => {
    const h = new History();
    for (let e = 0; e < 5; e++) h.record(e, { loss: 1 / (e + 1), val_loss: 1.1 / (e + 1), lr: 0.01 });
    const specs = [plot.trainingCurve(h), plot.confusionMatrixPlot([[3, 1], [0, 4]], { classNames: ["<b>a</b>", "b"] })];
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => void errors.push(String(e)));
    for (const lib of ["vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js"]) {
      await page.addScriptTag({ content: readFileSync(new URL(`../../../node_modules/${lib}`, import.meta.url), "utf8") });
    }
    const svgs = await page.evaluate(async (all) => {
      const w = window as unknown as { vega: any; vegaLite: any };
      return Promise.all(all.map((spec) => new w.vega.View(w.vega.parse(w.vegaLite.compile(spec).spec), { renderer: "none" }).toSVG() as Promise<string>));
    }, specs as object[]);
    await page.close();
    expect(errors).toEqual([]);
    expect(svgs[0]).toContain("loss per epoch");
    expect(svgs[0]!.match(/<path/g)!.length).toBeGreaterThan(3);
    expect(svgs[1]).toContain("&lt;b&gt;a&lt;/b&gt;");
    const node = await plot.toSVG(specs[0]!);
    expect(node.match(/<path/g)!.length).toBe(svgs[0]!.match(/<path/g)!.length);
  });
});
