/**
 * The playground end to end in Debian's headless Chromium (driven by playwright-core), served by the `nabla
 * playground` server from a fresh Vite build. Screenshots of the main views go to playground/test-artifacts/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PlaygroundServer } from "../../src/cli/commands/playground.js";
import { ARTIFACTS, CHROMIUM, buildPlayground, hasChromium, launchChromium, serve } from "./harness.js";

let srv: PlaygroundServer;
let browser: Browser;

interface Opened {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Every URL the page asked for. */
  requests: string[];
}

async function open(query = "", viewport = { width: 1400, height: 1000 }): Promise<Opened> {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`${srv.url}${query ? `?${query}` : ""}`);
  await page.waitForSelector("#test-loss");
  return { page, errors, requests };
}

const epochOf = async (page: Page): Promise<number> => Number((await page.textContent("#epoch"))!.replace(/\D/g, ""));
const testLossOf = async (page: Page): Promise<number> => Number(await page.textContent("#test-loss"));
const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });

beforeAll(async () => {
  if (!hasChromium()) throw new Error(`playground e2e: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  await buildPlayground();
  srv = await serve();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe("playground in Chromium", () => {
  test("loads with no console errors, asks nothing of other origins, and is cross-origin isolated", async () => {
    const { page, errors, requests } = await open();
    await page.waitForFunction(() => document.querySelectorAll(".node canvas").length > 0);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.title()).toBe("nabla playground");
    await shot(page, "01-main");
    expect(errors).toEqual([]);
    const foreign = requests.filter((u) => !u.startsWith(srv.url) && !u.startsWith("data:") && !u.startsWith("blob:"));
    expect(foreign).toEqual([]);
    // the training worker was loaded from the page's own origin
    expect(requests.some((u) => /assets\/worker-.*\.js$/.test(u))).toBe(true);
    await page.context().close();
  });

  test("play on spiral with the defaults lowers the test loss; the page stays responsive while the worker trains", async () => {
    const { page, errors } = await open();
    await page.click("label[for=dataset-spiral]");
    await page.waitForFunction(() => location.search.includes("dataset=spiral"));
    await page.waitForFunction(() => document.querySelector("#test-loss")?.textContent !== "");
    const before = await testLossOf(page);
    await page.click("#play");
    // while training runs: animation frames keep coming and a click is handled at once
    const responsiveness = await page.evaluate(async () => {
      const gaps: number[] = [];
      let last = performance.now();
      const end = last + 2000;
      await new Promise<void>((done) => {
        const tick = (t: number): void => {
          gaps.push(t - last);
          last = t;
          if (t < end) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
      });
      const box = document.getElementById("setting-showTestData") as HTMLInputElement;
      const t0 = performance.now();
      box.click();
      await new Promise((r) => requestAnimationFrame(r));
      return { gaps: gaps.filter((g) => g > 50).map(Math.round), frames: gaps.length, maxGap: Math.max(...gaps), clickToFrame: performance.now() - t0, checked: box.checked };
    });
    writeFileSync(`${ARTIFACTS}responsiveness.json`, JSON.stringify(responsiveness, null, 1));
    expect(responsiveness.checked).toBe(true);
    // typically 60 frames and gaps of 17–120 ms here, on two cores shared with other work; a page training on its
    // own thread would stall for whole slices of epochs
    expect(responsiveness.frames).toBeGreaterThan(10);
    expect(responsiveness.maxGap).toBeLessThan(500);
    expect(responsiveness.clickToFrame).toBeLessThan(500);
    expect(await page.evaluate(() => document.body.dataset.playing)).toBe("true");
    // measured in Node with the same arithmetic (every 100 epochs): the test loss goes from 0.704 to 0.61–0.70, noisy
    // (0.642 at 1200, 0.631 at 1400, 0.614 at 2500, 0.703 at 2700; a CI run paused at 0.715), so the test waits for a
    // frame past epoch 1200 that shows it below 0.66 and pauses right there, rather than at whichever epoch the click
    // happens to land on
    const reached = await page.waitForFunction(() => {
      const epoch = Number(document.getElementById("epoch")!.textContent!.replace(/\D/g, ""));
      const loss = Number(document.getElementById("test-loss")?.textContent);
      if (!(epoch >= 1200 && loss < 0.66)) return false;
      (document.getElementById("play") as HTMLButtonElement).click();
      return loss;
    }, null, { timeout: 60_000, polling: 50 });
    expect(await reached.jsonValue()).toBeLessThan(0.66);
    await page.waitForFunction(() => document.body.dataset.playing === "false");
    const after = await testLossOf(page);
    expect(before).toBeGreaterThan(0.69);
    expect(after).toBeLessThan(before);
    expect(await epochOf(page)).toBeGreaterThanOrEqual(1200);
    await shot(page, "02-spiral-trained");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  test("a URL with settings reproduces them, and the same URL gives the same network", async () => {
    const query = "dataset=xor&noise=20&batchSize=16&activation=relu&learningRate=0.1&networkShape=5,3,2&layerActivations=,sigmoid"
      + "&features=x1,x2,x1TimesX2&regularization=L2&regularizationRate=0.01&optimizer=adam&seed=9&showTestData=true&discretize=true&batchNorm=true&earlyStopping=off";
    const a = await open(query);
    const p = a.page;
    expect(await p.inputValue("#setting-activation")).toBe("relu");
    expect(await p.inputValue("#setting-learningRate")).toBe("0.1");
    expect(await p.inputValue("#setting-optimizer")).toBe("adam");
    expect(await p.inputValue("#setting-regularization")).toBe("L2");
    expect(await p.inputValue("#setting-regularizationRate")).toBe("0.01");
    expect(await p.inputValue("#setting-seed")).toBe("9");
    expect(await p.inputValue("#setting-noise")).toBe("20");
    expect(await p.inputValue("#setting-batchSize")).toBe("16");
    expect(await p.inputValue("#layer-act-1")).toBe("sigmoid");
    expect(await p.isChecked("#setting-showTestData")).toBe(true);
    expect(await p.isChecked("#setting-discretize")).toBe(true);
    expect(await p.isChecked("#setting-batchNorm")).toBe(true);
    expect(await p.isChecked("#dataset-xor")).toBe(true);
    expect(await p.locator(".node:not(.input):not(.out)").count()).toBe(10);
    expect(await p.getAttribute("[aria-label^='Input feature X 1 times X 2']", "aria-pressed")).toBe("true");
    expect(await p.getAttribute("[aria-label^='Input feature X 1 squared']", "aria-pressed")).toBe("false");
    await shot(p, "03-url-settings");
    // the same link in another tab: the same data and initial weights, so the same loss to the digit
    const b = await open(query);
    expect(await b.page.textContent("#test-loss")).toBe(await p.textContent("#test-loss"));
    // a change made in the page goes into the address, and a reload keeps it
    await p.selectOption("#setting-activation", "sigmoid");
    await p.waitForFunction(() => location.search.includes("activation=sigmoid"));
    await p.reload();
    await p.waitForSelector("#test-loss");
    expect(await p.inputValue("#setting-activation")).toBe("sigmoid");
    expect(await p.inputValue("#setting-optimizer")).toBe("adam");
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.page.context().close();
    await b.page.context().close();
  });

  test("layers and neurons are added in place; a weight is set from the keyboard", async () => {
    const { page, errors } = await open();
    await page.click("[aria-label='Add a hidden layer']");
    await page.waitForFunction(() => location.search.includes("networkShape=4%2C2%2C2") || location.search.includes("networkShape=4,2,2"));
    await page.click("[aria-label='Add a neuron to layer 1']");
    await page.waitForFunction(() => document.querySelectorAll(".node:not(.input):not(.out)").length === 9);
    await page.click("[aria-label='Remove the last hidden layer']");
    await page.waitForFunction(() => document.querySelectorAll(".node:not(.input):not(.out)").length === 7);
    // a neuron's heatmap grows on hover
    await page.hover(".node:not(.input):not(.out) >> nth=0");
    await page.waitForSelector(".preview:not([hidden])");
    expect(await page.textContent(".preview span")).toBe("layer 1, neuron 1");
    await shot(page, "12-hover-neuron");
    const link = page.locator(".links .hit").first();
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector(".weight-editor:not([hidden])");
    await page.fill("#weight-input", "2.5");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector(".links .hit")!.getAttribute("aria-label")!.endsWith(": 2.5"));
    expect(await page.locator(".links .hit").count()).toBe(2 * 5 + 5 * 2 + 2);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("keys: space plays and pauses, H hides the controls for the classroom", async () => {
    const { page, errors } = await open();
    await page.keyboard.press("Space");
    await page.waitForFunction(() => document.body.dataset.playing === "true");
    await page.keyboard.press("Space");
    await page.waitForFunction(() => document.body.dataset.playing === "false");
    await page.keyboard.press("h");
    await page.waitForFunction(() => document.body.classList.contains("hide-controls") && location.search.includes("hideControls=true"));
    expect(await page.isVisible("#setting-learningRate")).toBe(false);
    expect(await page.isVisible("#play")).toBe(true);
    await shot(page, "04-classroom");
    await page.keyboard.press("h");
    expect(await page.isVisible("#setting-learningRate")).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("controls have labels and names, and the page fits a phone", async () => {
    const { page, errors } = await open("", { width: 390, height: 844 });
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll("input, select")]
      .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute("aria-label"))
      .map((el) => el.outerHTML.slice(0, 80)));
    expect(unlabelled).toEqual([]);
    const nameless = await page.evaluate(() => [...document.querySelectorAll("button")]
      .filter((b) => !(b.textContent ?? "").trim() && !b.getAttribute("aria-label"))
      .map((b) => b.outerHTML.slice(0, 80)));
    expect(nameless).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "05-phone");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("the user's own points: a CSV upload and points drawn with the mouse", async () => {
    const { page, errors } = await open();
    const csv = "x,y,label\n" + Array.from({ length: 60 }, (_, i) => `${Math.cos(i)},${Math.sin(i)},${i % 3}`).join("\n");
    await page.setInputFiles("#csv-file", { name: "mine.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.waitForFunction(() => location.search.includes("dataset=custom") && location.search.includes("points="));
    expect(await page.textContent(".message")).toContain("60 points, 3 classes");
    await page.waitForFunction(() => document.querySelectorAll(".node.out").length === 3);
    const pointsBefore = await page.evaluate(() => new URLSearchParams(location.search).get("points")!.length);
    await page.click("#draw-toggle");
    const box = (await page.locator("#output-plot").boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.2);
    await page.waitForFunction((n) => new URLSearchParams(location.search).get("points")!.length > n, pointsBefore);
    await shot(page, "06-own-points");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("other views: three classes, regression, layer health, the code, the optimiser race", async () => {
    const { page, errors } = await open("dataset=spiral3&networkShape=8,8&activation=relu&optimizer=adam&learningRate=0.01&features=x1,x2,sinX1,sinX2");
    await page.click("#play");
    await page.waitForFunction(() => Number(document.getElementById("epoch")!.textContent!.replace(/\D/g, "")) >= 150, null, { timeout: 30_000, polling: 100 });
    await page.click("#play");
    await page.waitForFunction(() => document.body.dataset.playing === "false");
    expect(await testLossOf(page)).toBeLessThan(0.8);
    await shot(page, "07-three-classes");

    await page.selectOption("#setting-problem", "regression");
    await page.waitForFunction(() => location.search.includes("problem=regression"));
    await page.waitForFunction(() => document.querySelectorAll(".node.out").length === 1);
    await shot(page, "08-regression");

    await page.keyboard.press("c");
    await page.waitForSelector("#code-dialog[open]");
    const code = await page.textContent("#code-dialog code");
    expect(code).toContain('from "nabla"');
    expect(code).toContain("data.playground.regressPlane");
    expect(code).toContain("new optim.Adam(model.parameters(), { lr: 0.01 })");
    await shot(page, "09-code");
    await page.keyboard.press("Escape");

    await page.click("[data-view=race]");
    await page.waitForFunction(() => location.search.includes("view=race"));
    await page.click("#race-play");
    await page.waitForFunction(() => Number(/step (\d+)/.exec(document.querySelector(".race-step")!.textContent!)![1]) >= 150, null, { timeout: 20_000 });
    await shot(page, "10-race-bowl");
    await page.selectOption("#setting-surface", "rosenbrock");
    // a new surface restarts the race, still running if it was
    if ((await page.getAttribute("#race-play", "aria-pressed")) !== "true") await page.click("#race-play");
    await page.waitForFunction(() => Number(/step (\d+)/.exec(document.querySelector(".race-step")!.textContent!)![1]) >= 300, null, { timeout: 20_000 });
    await shot(page, "11-race-rosenbrock");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
