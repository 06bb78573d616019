/**
 * Parallel trials in worker_threads (Node only; exported from "nabla/node"). Each task names a
 * module and an exported function `(args, progress) => result`; the pool runs it in one of `size`
 * threads, each with its own copy of nabla (and so its own random state), and returns the result.
 * Workers run compiled JavaScript: a task module under src/ is mapped to its build under dist/.
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** The compiled .js file of a module (a file URL or path): itself when it is .js, else its twin under dist/ (after `npm run build`). */
export function builtModuleUrl(url: string | URL): URL {
  const file = typeof url === "string" && !url.startsWith("file:") ? url : fileURLToPath(url);
  let path = file.replace(/\.ts$/, ".js");
  if (!existsSync(path)) {
    const i = path.lastIndexOf("/src/");
    if (i >= 0) path = `${path.slice(0, i)}/dist/${path.slice(i + 5)}`;
  }
  if (!existsSync(path)) throw new Error(`WorkerPool: ${path} does not exist; worker threads run the built code, so run \`npm run build\` first`);
  return pathToFileURL(path);
}

interface Job {
  id: number;
  module: string;
  fn: string;
  args: unknown;
  onProgress?: (p: unknown) => void;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** A fixed number of worker threads that run queued tasks, at most one per thread at a time. */
export class WorkerPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly workerUrl: URL;
  private nextId = 0;
  private closed = false;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`WorkerPool: size must be a positive integer, got ${size}`);
    this.size = size;
    this.workerUrl = builtModuleUrl(new URL("./worker.js", import.meta.url));
  }

  /** Runs `fn` exported by `module` (a file URL or path) with `args` in a worker; `onProgress` receives what it reports. */
  run<R>(module: string | URL, fn: string, args: unknown, onProgress?: (p: unknown) => void): Promise<R> {
    if (this.closed) return Promise.reject(new Error("WorkerPool: the pool is closed"));
    const href = builtModuleUrl(module).href;
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, module: href, fn, args, onProgress, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, module: job.module, fn: job.fn, args: job.args });
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.workerUrl), job: null };
    slot.worker.on("message", (msg: { id: number; progress?: unknown; result?: unknown; error?: { name: string; message: string; stack?: string } }) => {
      const job = slot.job;
      if (!job || job.id !== msg.id) return;
      if ("progress" in msg) return void job.onProgress?.(msg.progress);
      slot.job = null;
      if (msg.error) {
        const e = new Error(msg.error.message);
        e.name = msg.error.name;
        if (msg.error.stack) e.stack = msg.error.stack;
        job.reject(e);
      } else job.resolve(msg.result);
      this.pump();
    });
    const fail = (e: unknown): void => {
      this.slots.splice(this.slots.indexOf(slot), 1);
      const job = slot.job;
      slot.job = null;
      if (job) job.reject(e instanceof Error ? e : new Error(`WorkerPool: a worker exited (${String(e)}) while running ${job.fn}`));
      if (!this.closed) this.pump();
    };
    slot.worker.on("error", fail);
    slot.worker.on("exit", (code) => {
      if (this.slots.includes(slot)) fail(new Error(`WorkerPool: a worker exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  /** Stops every worker; queued tasks are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("WorkerPool: closed before the task started"));
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
