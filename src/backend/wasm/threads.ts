/**
 * Worker threads for the WebAssembly kernels: each worker instantiates the same module over the same
 * shared memory and waits on a control block; a threaded call writes its arguments there, wakes the
 * workers, runs part 0 itself and waits until every worker has run its part. worker_threads in Node;
 * Web Workers in browsers, only when the page is cross-origin isolated (else everything runs on one thread).
 */
import type { Heap } from "./heap.js";
import type { LoadedKernels } from "./module.js";

// Control block (int32 slots).
const GEN = 0, DONE = 1, READY = 2, NTH = 3, FAILED = 4, ARGS = 8, SLOTS = 32;
/**
 * How long an idle worker keeps polling before it sleeps (a wake-up from sleep costs ~10-50 µs, about a
 * small GEMM): long enough to bridge the gap between the GEMMs of one training step, short enough that
 * an idle process gives its cores back at once.
 */
const SPIN_MS = 0.3;
/** The calling thread polls this many times before it sleeps while workers finish their parts. */
const SPIN = 4000;
const STACK_BYTES = 65536;

/** The worker's whole program, as source, so that it needs no file next to the library. */
const WORKER_SOURCE = `"use strict";
function start(d) {
  const ex = new WebAssembly.Instance(d.module, { env: { memory: d.memory } }).exports;
  ex.__stack_pointer.value = d.stackTop;
  const ctl = new Int32Array(d.memory.buffer, d.ctl, ${SLOTS});
  let seen = Atomics.load(ctl, ${GEN});
  Atomics.add(ctl, ${READY}, 1);
  Atomics.notify(ctl, ${READY});
  for (;;) {
    let spins = 0;
    let t0 = performance.now();
    while (Atomics.load(ctl, ${GEN}) === seen) {
      if ((++spins & 255) === 0 && performance.now() - t0 > ${SPIN_MS}) {
        Atomics.wait(ctl, ${GEN}, seen);
        t0 = performance.now();
      }
    }
    seen = Atomics.load(ctl, ${GEN});
    try {
      const a = ctl.subarray(${ARGS});
      ex.gemm(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], d.tid, ctl[${NTH}]);
    } catch (e) {
      Atomics.store(ctl, ${FAILED}, 1);
    }
    Atomics.add(ctl, ${DONE}, 1);
    Atomics.notify(ctl, ${DONE});
  }
}
if (typeof self !== "undefined" && typeof self.postMessage === "function" && typeof require === "undefined") {
  self.onmessage = (e) => start(e.data);
} else {
  start(require("node:worker_threads").workerData);
}
`;

interface WorkerHandle {
  terminate(): unknown;
}

type NodeProcess = { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };

function nodeProcess(): NodeProcess | undefined {
  const p = (globalThis as { process?: NodeProcess }).process;
  return p?.versions?.node ? p : undefined;
}

/** Logical cores available to this process (navigator.hardwareConcurrency in browsers), at least 1. */
export function availableCores(): number {
  const proc = nodeProcess();
  if (proc?.getBuiltinModule) {
    const os = proc.getBuiltinModule("node:os") as { availableParallelism?: () => number; cpus(): unknown[] };
    return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  }
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return Math.max(1, nav?.hardwareConcurrency ?? 1);
}

/** Whether this runtime can run workers over shared memory at all. */
function canUseWorkers(kernels: LoadedKernels): boolean {
  if (!kernels.shared) return false;
  const proc = nodeProcess();
  if (proc) return typeof proc.getBuiltinModule === "function";
  const g = globalThis as { Worker?: unknown; crossOriginIsolated?: boolean };
  return typeof g.Worker === "function" && g.crossOriginIsolated === true;
}

export class ThreadPool {
  private workers: WorkerHandle[] = [];
  private threads = 1;
  /** Byte offset of the control block of the current set of workers (a fresh one per set). */
  private ctl = 0;
  /** Byte offset of the GEMM work areas, one per thread, and how many threads they cover. */
  private work = 0;
  private workThreads = 0;
  private readonly canSpawn: boolean;
  private readonly mainCanWait: boolean;

  constructor(private readonly kernels: LoadedKernels, private readonly heap: Heap) {
    this.canSpawn = canUseWorkers(kernels);
    // Atomics.wait is refused on a browser's main thread; there the caller spins instead.
    this.mainCanWait = nodeProcess() !== undefined || typeof (globalThis as { document?: unknown }).document === "undefined";
  }

  /** Workers started and waiting for work (0 until a call large enough to use them). */
  get running(): number {
    return this.workers.length === 0 ? 0 : Atomics.load(this.heap.i32, (this.ctl >> 2) + READY);
  }

  /** The thread count calls may use (1 where workers are unavailable). */
  get size(): number {
    return this.canSpawn ? this.threads : 1;
  }

  /** Sets the thread count (main thread included); workers start on the next call that uses them. */
  setThreads(n: number): void {
    if (n === this.threads) return;
    this.stop();
    this.threads = n;
  }

  /**
   * Gets a threaded call ready, before it takes any scratch memory: starts the workers on first use
   * (blocking in Node until they are up) and sizes the per-thread GEMM work areas. Returns the threads
   * the call can use now (in a browser, 1 until the workers report in).
   */
  prepare(wantThreads: boolean): number {
    const n = wantThreads ? this.size : 1;
    if (this.workThreads < n) {
      this.work = this.heap.fixed(n * this.kernels.exports.gemm_work_floats() * 4);
      this.workThreads = n;
    }
    return n > 1 ? this.ready(n - 1) + 1 : 1;
  }

  /** Runs a GEMM on `nth` threads (the gemm export's arguments up to the work area, which the pool supplies). */
  gemm(a: number, b: number, c: number, batch: number, m: number, n: number, k: number, flags: number,
    strideA: number, strideB: number, nth: number): void {
    const ex = this.kernels.exports;
    if (nth <= 1) {
      ex.gemm(a, b, c, batch, m, n, k, flags, strideA, strideB, this.work, 0, 1);
      return;
    }
    const i32 = this.heap.i32;
    const at = (this.ctl >> 2) + ARGS;
    i32[at] = a; i32[at + 1] = b; i32[at + 2] = c; i32[at + 3] = batch; i32[at + 4] = m; i32[at + 5] = n;
    i32[at + 6] = k; i32[at + 7] = flags; i32[at + 8] = strideA; i32[at + 9] = strideB; i32[at + 10] = this.work;
    const ctl = this.ctl >> 2;
    i32[ctl + NTH] = nth;
    Atomics.store(i32, ctl + DONE, 0);
    Atomics.add(i32, ctl + GEN, 1);
    Atomics.notify(i32, ctl + GEN);
    ex.gemm(a, b, c, batch, m, n, k, flags, strideA, strideB, this.work, 0, nth);
    this.waitFor(i32, ctl + DONE, nth - 1);
    if (Atomics.load(i32, ctl + FAILED)) {
      Atomics.store(i32, ctl + FAILED, 0);
      throw new Error("wasm backend: a worker thread failed while running a GEMM");
    }
  }

  /** Waits until slot `at` reaches `target`: spinning, then sleeping where this thread may. */
  private waitFor(i32: Int32Array, at: number, target: number): void {
    let spins = 0;
    for (;;) {
      const v = Atomics.load(i32, at);
      if (v >= target) return;
      if (spins++ > SPIN && this.mainCanWait) Atomics.wait(i32, at, v, 50);
    }
  }

  /** Workers ready to take a part now (all `want` of them, or 0 while a browser's are starting). */
  private ready(want: number): number {
    if (this.workers.length === 0) this.spawn(want);
    const i32 = this.heap.i32;
    const at = (this.ctl >> 2) + READY;
    if (Atomics.load(i32, at) >= want) return want;
    if (!nodeProcess()) return 0; // a browser page never blocks: one thread until the workers report in
    const deadline = Date.now() + 10_000;
    while (Atomics.load(i32, at) < want) {
      if (Date.now() > deadline) throw new Error("wasm backend: worker threads did not start within 10 s");
      Atomics.wait(i32, at, Atomics.load(i32, at), 20);
    }
    return want;
  }

  private spawn(count: number): void {
    const { module, memory } = this.kernels;
    this.ctl = this.heap.fixed(SLOTS * 4);
    this.heap.i32.fill(0, this.ctl >> 2, (this.ctl >> 2) + SLOTS);
    const proc = nodeProcess();
    for (let t = 1; t <= count; t++) {
      const stackTop = this.heap.fixed(STACK_BYTES) + STACK_BYTES;
      const data = { module, memory, tid: t, ctl: this.ctl, stackTop };
      if (proc) {
        const wt = proc.getBuiltinModule!("node:worker_threads") as {
          Worker: new (src: string, opts: object) => WorkerHandle & { unref(): void };
        };
        const w = new wt.Worker(WORKER_SOURCE, { eval: true, workerData: data });
        w.unref(); // idle workers must not keep the process alive
        this.workers.push(w);
      } else {
        const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
        const w = new Worker(url);
        w.postMessage(data);
        this.workers.push(w);
      }
    }
  }

  /** Ends every worker (a new set starts, with its own control block, on the next threaded call). */
  stop(): void {
    for (const w of this.workers) void w.terminate();
    this.workers = [];
  }
}
