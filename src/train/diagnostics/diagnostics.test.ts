import { describe, expect, it } from "vitest";
import { Generator, data, nn, noGrad, optim, type Tensor } from "../../index.js";
import { Diagnostics, NonFiniteError, fit, type DiagnosticWarning } from "../index.js";

function digits(n = 240): [Tensor, Tensor] {
  const d = data.loadDigits();
  return [d.x.narrow(0, 0, n).div(16), d.y.narrow(0, 0, n)];
}

const kinds = (ws: DiagnosticWarning[]): string[] => ws.map((w) => `${w.kind}@${w.layer ?? "-"}`);

describe("Diagnostics", () => {
  it("records per-layer activation moments, gradient norms and update ratios that match a hand computation", async () => {
    const [x, y] = digits();
    const model = nn.mlp([64, 16, 10], { init: "kaiming", generator: new Generator(1) });
    const lin = model.get(0) as nn.Linear;
    const before = lin.weight.data.slice();
    const beforeBias = lin.bias!.data.slice();
    const expectedAct = noGrad(() => nn.F.relu(lin.forward(x)));
    const diag = new Diagnostics();
    const lr = 0.1;
    // one full batch per epoch: the statistics are those of that single forward/backward/step
    await fit(model, { loss: nn.F.crossEntropy, optimizer: new optim.SGD(model.parameters(), { lr }), train: [x, y], epochs: 1, batchSize: x.shape[0], callbacks: [diag] });
    expect(diag.layerInfo.map((l) => l.name)).toEqual(["0 Linear", "1 ReLU", "2 Linear"]);
    const s = diag.epochs[0]!.layers;
    const act = Array.from(expectedAct.data);
    const mean = act.reduce((a, b) => a + b, 0) / act.length;
    const sd = Math.sqrt(act.reduce((a, b) => a + (b - mean) ** 2, 0) / (act.length - 1));
    expect(s["1 ReLU"]!.activationMean).toBeCloseTo(mean, 5);
    expect(s["1 ReLU"]!.activationStd).toBeCloseTo(sd, 5);
    expect(s["1 ReLU"]!.zeroFraction).toBeCloseTo(act.filter((v) => v === 0).length / act.length, 6);
    // SGD: Δθ = −lr·g, so ‖Δθ‖/‖θ‖ = lr·‖g‖/‖θ‖
    const norm0 = Math.hypot(...before, ...beforeBias);
    expect(s["0 Linear"]!.updateRatio).toBeCloseTo((lr * s["0 Linear"]!.gradNorm) / norm0, 6);
    expect(s["0 Linear"]!.gradNorm).toBeGreaterThan(0);
    expect(s["1 ReLU"]!.gradNorm).toBeNaN();
    expect(Object.prototype.hasOwnProperty.call(model.get(1), "forward")).toBe(false);
    expect(diag.histograms[0]!.activations["1 ReLU"]!.counts.reduce((a, b) => a + b, 0)).toBe(act.length);
    expect(Object.keys(diag.histograms[0]!.gradients)).toEqual(["0 Linear", "2 Linear"]);
  });

  it("a healthy run on the digits gives no warnings, and validation passes are not counted", async () => {
    const [x, y] = digits(400);
    const model = nn.mlp([64, 32, 10], { init: "kaiming", generator: new Generator(2) });
    const diag = new Diagnostics();
    await fit(model, {
      loss: nn.F.crossEntropy, optimizer: new optim.Adam(model.parameters(), { lr: 3e-3 }), train: [x.narrow(0, 0, 300), y.narrow(0, 0, 300)],
      validation: [x.narrow(0, 300, 100), y.narrow(0, 300, 100)], epochs: 4, callbacks: [diag],
    });
    expect(diag.warnings).toEqual([]);
    // the histograms use the latest batches' outputs: 12 rows of the last batch + 4 full batches of 32, × 32 units
    expect(diag.histograms[3]!.activations["1 ReLU"]!.counts.reduce((a, b) => a + b, 0)).toBe((12 + 4 * 32) * 32);
    expect(diag.summary()).toMatch(/0 Linear .*\n.*1 ReLU/);
    expect(diag.summary()).toMatch(/no warnings/);
  });

  it("dead ReLUs: a large negative bias kills every unit; the warning names the layer and the remedy", async () => {
    const [x, y] = digits();
    const model = nn.mlp([64, 16, 10], { generator: new Generator(3) });
    (model.get(0) as nn.Linear).bias!.data.fill(-100);
    const seen: DiagnosticWarning[] = [];
    const diag = new Diagnostics({ onWarning: (w) => seen.push(w) });
    await fit(model, { loss: nn.F.crossEntropy, optimizer: new optim.SGD(model.parameters(), { lr: 0.01 }), train: [x, y], epochs: 2, callbacks: [diag] });
    expect(diag.epochs[1]!.layers["1 ReLU"]!.deadFraction).toBe(1);
    expect(kinds(diag.warnings)).toContain("dead-relu@1 ReLU");
    expect(kinds(diag.warnings)).toContain("vanishing-gradients@0 Linear");
    const dead = diag.warnings.find((w) => w.kind === "dead-relu")!;
    expect(dead.remedy).toMatch(/leaky ReLU/);
    expect(dead.epoch).toBe(0);
    expect(seen).toEqual(diag.warnings); // each (kind, layer) once, not every epoch
  });

  it("saturated tanh units from too-large initial weights", async () => {
    const [x, y] = digits();
    const model = nn.mlp([64, 16, 10], { activation: "tanh", generator: new Generator(4) });
    noGrad(() => (model.get(0) as nn.Linear).weight.data.forEach((v, i, a) => (a[i] = v * 30)));
    const diag = new Diagnostics();
    await fit(model, { loss: nn.F.crossEntropy, optimizer: new optim.SGD(model.parameters(), { lr: 0.01 }), train: [x, y], epochs: 1, callbacks: [diag] });
    expect(diag.epochs[0]!.layers["1 Tanh"]!.saturatedFraction).toBeGreaterThan(0.5);
    const w = diag.warnings.find((v) => v.kind === "saturated")!;
    expect(w.layer).toBe("1 Tanh");
    expect(w.remedy).toMatch(/Xavier/);
  });

  it("vanishing gradients in a deep sigmoid network", async () => {
    const [x, y] = digits(128);
    const model = nn.mlp([64, 32, 32, 32, 32, 32, 32, 32, 10], { activation: "sigmoid", generator: new Generator(5) });
    const diag = new Diagnostics();
    await fit(model, { loss: nn.F.crossEntropy, optimizer: new optim.SGD(model.parameters(), { lr: 0.01 }), train: [x, y], epochs: 1, callbacks: [diag] });
    const v = diag.warnings.filter((w) => w.kind === "vanishing-gradients");
    expect(v.map((w) => w.layer)).toContain("0 Linear");
    expect(v[0]!.remedy).toMatch(/ReLU/);
    const rms = diag.layerInfo.filter((l) => l.type === "Linear").map((l) => diag.epochs[0]!.layers[l.name]!.gradRms);
    expect(rms[0]!).toBeLessThan(rms[rms.length - 1]! * 1e-3);
  });

  it("a learning rate that is far too high: the NaN loss is diagnosed, through recordError or directly", async () => {
    const [x] = digits();
    const target = x.sum(1, true); // a regression whose SGD diverges geometrically at this rate
    const make = (): nn.Sequential => nn.mlp([64, 16, 1], { activation: "linear", generator: new Generator(6) });
    const m1 = make();
    const d1 = new Diagnostics();
    const err = await fit(m1, { loss: nn.F.mseLoss, optimizer: new optim.SGD(m1.parameters(), { lr: 1 }), train: [x, target], epochs: 5, callbacks: [d1] }).catch((e) => e);
    expect(err).toBeInstanceOf(NonFiniteError);
    d1.recordError(err);
    expect(d1.warnings.map((w) => w.kind)).toContain("lr-too-high");
    expect(d1.warnings.find((w) => w.kind === "lr-too-high")!.remedy).toMatch(/lower the learning rate.*lr-find/);
    expect(Object.prototype.hasOwnProperty.call(m1.get(0), "forward")).toBe(false);

    const m2 = make();
    const d2 = new Diagnostics();
    await fit(m2, { loss: nn.F.mseLoss, optimizer: new optim.SGD(m2.parameters(), { lr: 1 }), train: [x, target], epochs: 5, callbacks: [d2], terminateOnNaN: false });
    expect(d2.warnings.some((w) => w.kind === "lr-too-high" && /loss became (NaN|Infinity)|loss is NaN/.test(w.message))).toBe(true);
  });

  it("a rising training loss warns that the learning rate is too high", async () => {
    const [x, y] = digits();
    const model = nn.mlp([64, 32, 10], { generator: new Generator(7) });
    const diag = new Diagnostics();
    const opt = new optim.SGD(model.parameters(), { lr: 0.05 });
    // the schedule multiplies the rate by 6 every epoch: the loss falls, then climbs
    await fit(model, {
      loss: nn.F.crossEntropy, optimizer: opt, train: [x, y], epochs: 6, callbacks: [diag, { onEpochEnd: () => void (opt.paramGroups[0]!.lr *= 6) }], terminateOnNaN: false,
    });
    expect(diag.warnings.some((w) => w.kind === "lr-too-high")).toBe(true);
  });
});
