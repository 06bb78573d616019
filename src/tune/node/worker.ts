/**
 * The worker thread of WorkerPool: imports the module a task names and calls its function with the
 * task's arguments and a progress callback; posts back progress, the result or the error.
 */
import { parentPort } from "node:worker_threads";

interface Task {
  id: number;
  module: string;
  fn: string;
  args: unknown;
}

parentPort!.on("message", async (task: Task) => {
  const port = parentPort!;
  try {
    const mod = (await import(task.module)) as Record<string, unknown>;
    const f = mod[task.fn];
    if (typeof f !== "function") throw new TypeError(`WorkerPool: ${task.module} exports no function "${task.fn}"`);
    const result = await (f as (args: unknown, progress: (p: unknown) => void) => unknown)(task.args, (progress) => port.postMessage({ id: task.id, progress }));
    port.postMessage({ id: task.id, result });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    port.postMessage({ id: task.id, error: { name: err.name, message: err.message, stack: err.stack } });
  }
});
