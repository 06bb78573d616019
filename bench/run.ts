/**
 * `npm run bench`: W1–W4 (and W5, Fashion-MNIST training time) for every nabla backend and, in the same
 * run, PyTorch (Debian's python3-torch at its best settings), TF.js cpu and wasm, ONNX Runtime (W3, W4) and
 * brain.js (W1, W2, W4).
 * Each engine × workload × setting runs in its own process (so peak RSS is its own); the table gives
 * medians over repeats and ratios to each peer, and bench/results/latest.json keeps every number.
 * Flags: --quick (fewer, shorter repeats), --only W1,W3, --no-w5, --out <file>, --rounds N (run every job N
 * times, interleaved, and keep each one's best median: on a shared machine this evens out load drift).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Measurement } from "./measure.js";
import { DESCRIPTIONS, UNITS } from "./workloads.js";

const here = dirname(fileURLToPath(import.meta.url)); // build/bench/bench
const root = resolve(here, "../../..");
const src = join(root, "bench");
const flag = (f: string): boolean => process.argv.includes(f);
const value = (f: string): string | undefined => {
  const i = process.argv.indexOf(f);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const quick = flag("--quick");
const only = value("--only")?.split(",") ?? ["W1", "W2", "W3", "W4", "W5"];
const out = value("--out") ?? join(src, "results/latest.json");
const repeatArgs = quick ? ["--repeats", "5", "--target-ms", "250"] : ["--repeats", "9", "--target-ms", "400"];
const rounds = Number(value("--rounds") ?? "1");

/** OpenBLAS's AVX-512 kernels where the CPU has them (Debian's OpenBLAS misreads newer AMD CPUs otherwise). */
function coreType(): string | undefined {
  try {
    const flags = readFileSync("/proc/cpuinfo", "utf8").match(/^flags\s*:(.*)$/m)?.[1]?.split(/\s+/) ?? [];
    return ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].every((f) => flags.includes(f)) ? "SkylakeX" : undefined;
  } catch {
    return undefined;
  }
}

interface Job {
  label: string;
  cmd: string;
  args: string[];
  env?: Record<string, string>;
}

const node = process.execPath;
const engine = (f: string): string => join(here, "engines", f);
const python = "/usr/bin/python3";
const ncores = cpus().length;
const threadChoices = [...new Set([ncores, 1])];
const blasEnv = (threads: number): Record<string, string> => {
  const core = coreType();
  return { OPENBLAS_NUM_THREADS: String(threads), ...(core ? { OPENBLAS_CORETYPE: core } : {}) };
};

function jobs(): Job[] {
  const list: Job[] = [];
  for (const w of ["W1", "W2", "W3", "W4"].filter((x) => only.includes(x))) {
    // each thread setting's compared engines run back to back, so load drift on a shared machine hits them alike
    for (const t of threadChoices) {
      for (const b of ["native", "wasm"]) {
        list.push({ label: `${w} nabla ${b} ${t}t`, cmd: node, args: [engine("nabla.js"), "--workload", w, "--backend", b, "--threads", String(t), ...repeatArgs] });
      }
      // PyTorch: 1 torch thread with OpenBLAS on every core is its best W1 setting (2 torch threads fight
      // OpenBLAS's pool); 1 and 1 is tried too, and the better kept.
      list.push({
        label: `${w} PyTorch blas ${t}t`, cmd: python, args: ["-B", join(src, "engines/torch_bench.py"), "--workload", w, "--torch-threads", "1", ...repeatArgs],
        env: blasEnv(t),
      });
      if (w === "W3" || w === "W4") list.push({ label: `${w} ONNX Runtime ${t}t`, cmd: node, args: [engine("ort.js"), "--workload", w, "--threads", String(t), ...repeatArgs] });
    }
    list.push({ label: `${w} nabla js`, cmd: node, args: [engine("nabla.js"), "--workload", w, "--backend", "js", "--threads", "1", ...repeatArgs] });
    for (const b of ["wasm", "cpu"]) list.push({ label: `${w} TF.js ${b}`, cmd: node, args: [engine("tfjs.js"), "--workload", w, "--backend", b, ...repeatArgs] });
    if (w !== "W3") list.push({ label: `${w} brain.js`, cmd: node, args: [engine("brain.js"), "--workload", w, ...repeatArgs] });
  }
  if (only.includes("W5") && !flag("--no-w5")) {
    for (const b of ["native", "wasm"]) list.push({ label: `W5 nabla ${b}`, cmd: node, args: [engine("w5.js"), "--backend", b] });
  }
  return list;
}

function runJob(job: Job): Measurement | null {
  const t0 = Date.now();
  const r = spawnSync(job.cmd, job.args, { env: { ...process.env, ...job.env }, encoding: "utf8", timeout: 900_000, maxBuffer: 64 << 20 });
  const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith("RESULT "));
  const skip = (r.stdout ?? "").split("\n").find((l) => l.startsWith("SKIP "));
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (line) {
    const m = JSON.parse(line.slice(7)) as Measurement;
    process.stderr.write(`  ${job.label.padEnd(26)} ${fmt(m.value).padStart(10)} ${m.unit.padEnd(10)} (${secs} s)\n`);
    return m;
  }
  process.stderr.write(`  ${job.label.padEnd(26)} ${skip ? skip.slice(5) : `failed: ${(r.stderr || r.error?.message || "").trim().split("\n").slice(-2).join(" ")}`}\n`);
  return null;
}

function fmt(v: number): string {
  if (v >= 100_000) return `${(v / 1000).toFixed(0)}k`;
  if (v >= 10_000) return `${(v / 1000).toFixed(1)}k`;
  if (v >= 100) return v.toFixed(0);
  return v.toFixed(v >= 10 ? 1 : 2);
}

/** The best measurement per engine (over its thread settings); W5 is a time, so lower is better. */
function best(ms: Measurement[], workload: string): Map<string, Measurement> {
  const lowerBetter = workload === "W5";
  const out = new Map<string, Measurement>();
  for (const m of ms.filter((x) => x.workload === workload)) {
    const cur = out.get(m.engine);
    if (!cur || (lowerBetter ? m.value < cur.value : m.value > cur.value)) out.set(m.engine, m);
  }
  return out;
}

const PEERS = ["PyTorch", "TF.js wasm", "TF.js cpu", "ONNX Runtime", "brain.js"];

function table(ms: Measurement[]): string {
  const lines: string[] = [];
  for (const w of ["W1", "W2", "W3", "W4", "W5"]) {
    const b = best(ms, w);
    if (b.size === 0) continue;
    lines.push("", `${w}: ${DESCRIPTIONS[w as "W1"]} (${UNITS[w as "W1"]}, ${w === "W5" ? "lower" : "higher"} is better)`);
    const peers = PEERS.filter((p) => b.has(p));
    lines.push(`  ${"engine".padEnd(14)} ${"median".padStart(9)} ${"peak RSS".padStart(9)}  ${peers.map((p) => `vs ${p}`.padStart(17)).join("")}  settings`);
    const order = ["nabla native", "nabla wasm", "nabla js", ...PEERS];
    for (const e of [...b.keys()].sort((x, y) => order.indexOf(x) - order.indexOf(y))) {
      const m = b.get(e)!;
      const ratios = peers.map((p) => (e.startsWith("nabla") ? `${(m.value / b.get(p)!.value).toFixed(2)}×` : "").padStart(17)).join("");
      lines.push(`  ${e.padEnd(14)} ${fmt(m.value).padStart(9)} ${`${m.peakRssMB.toFixed(0)} MB`.padStart(9)}  ${ratios}  ${m.settings}`);
    }
  }
  return lines.join("\n");
}

interface Target {
  name: string;
  ratio: number | null;
  goal: number;
}

function targets(ms: Measurement[]): Target[] {
  const get = (w: string, e: string): number | undefined => best(ms, w).get(e)?.value;
  const bestNabla = (w: string): Measurement | undefined =>
    [...best(ms, w).values()].filter((m) => m.engine.startsWith("nabla")).sort((a, b) => b.value - a.value)[0];
  const r = (a?: number, b?: number): number | null => (a !== undefined && b !== undefined ? a / b : null);
  const tfjsBest = (w: string): number | undefined => {
    const v = [get(w, "TF.js wasm"), get(w, "TF.js cpu")].filter((x): x is number => x !== undefined);
    return v.length ? Math.max(...v) : undefined;
  };
  const w1Best = bestNabla("W1");
  return [
    { name: "W1 best backend ≥ 1.25× PyTorch", ratio: r(w1Best?.value, get("W1", "PyTorch")), goal: 1.25 },
    { name: "W1 wasm ≥ 10× TF.js wasm", ratio: r(get("W1", "nabla wasm"), get("W1", "TF.js wasm")), goal: 10 },
    { name: "W1 peak RSS of the best backend ≤ PyTorch's (ratio: PyTorch's / ours)", ratio: r(best(ms, "W1").get("PyTorch")?.peakRssMB, w1Best?.peakRssMB), goal: 1 },
    { name: "W2 best backend ≥ 10× PyTorch", ratio: r(bestNabla("W2")?.value, get("W2", "PyTorch")), goal: 10 },
    { name: "W2 best backend ≥ 20× TF.js (its faster backend)", ratio: r(bestNabla("W2")?.value, tfjsBest("W2")), goal: 20 },
    { name: "W2 best backend ahead of brain.js", ratio: r(bestNabla("W2")?.value, get("W2", "brain.js")), goal: 1 },
    { name: "W3 native ≥ 0.9× OpenBLAS (PyTorch, best core type)", ratio: r(get("W3", "nabla native"), get("W3", "PyTorch")), goal: 0.9 },
    { name: "W3 wasm ≥ 1.5× TF.js wasm", ratio: r(get("W3", "nabla wasm"), get("W3", "TF.js wasm")), goal: 1.5 },
    { name: "W4 best backend ≥ 0.9× ONNX Runtime", ratio: r(bestNabla("W4")?.value, get("W4", "ONNX Runtime")), goal: 0.9 },
    { name: "W4 wasm ≥ 2× TF.js wasm", ratio: r(get("W4", "nabla wasm"), get("W4", "TF.js wasm")), goal: 2 },
  ];
}

function main(): void {
  if (!existsSync(python)) process.stderr.write(`note: ${python} not found: PyTorch is skipped (apt-get install -y python3-torch)\n`);
  const load0 = loadavg();
  const started = new Date().toISOString();
  process.stderr.write(`nabla bench: ${cpus()[0]?.model ?? "?"}, ${ncores} cores, load average ${load0.map((x) => x.toFixed(2)).join(" ")}\n`);
  const ms: Measurement[] = [];
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) process.stderr.write(`round ${round} of ${rounds}\n`);
    for (const job of jobs()) {
      // slow runs far from any target (minutes each): once is enough
      if (round > 1 && (job.label.startsWith("W5") || job.label === "W3 TF.js cpu" || job.label === "W3 nabla js")) continue;
      const m = runJob(job);
      if (m) ms.push(m);
    }
  }
  const load1 = loadavg();
  const ts = targets(ms);
  const report = [
    `nabla benchmark, ${started}: ${cpus()[0]?.model ?? "?"} (${ncores} cores), Node ${process.version}`,
    `load average (1/5/15 min) at start ${load0.map((x) => x.toFixed(2)).join("/")}, at end ${load1.map((x) => x.toFixed(2)).join("/")}` +
      (rounds > 1 ? `; best of ${rounds} rounds` : ""),
    table(ms),
    "",
    "Targets (issue 6):",
    ...ts.map((t) => `  ${t.ratio === null ? "?" : t.ratio >= t.goal ? "met    " : "not met"} ${t.name}: ${t.ratio === null ? "not measured" : `${t.ratio.toFixed(2)}×`}`),
  ].join("\n");
  console.log(report);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ started, machine: { cpu: cpus()[0]?.model, cores: ncores, node: process.version, loadAverageStart: load0, loadAverageEnd: load1 }, measurements: ms, targets: ts, table: report }, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}

main();
