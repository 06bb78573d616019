/** The page's side of the worker: typed sends, and frames and data handed to listeners. */
import type { FromWorker, ToWorker } from "./protocol.js";

export class WorkerClient {
  private readonly worker: Worker;

  constructor(onMessage: (msg: FromWorker) => void) {
    this.worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module", name: "nabla-trainer" });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    this.worker.onerror = (e) => onMessage({ type: "error", message: e.message || "the training worker failed to start" });
  }

  send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }
}
