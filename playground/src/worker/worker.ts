/** The training worker's entry: messages in, frames out. All the work is in Session. */
import { Session } from "./session.js";
import type { ToWorker } from "./protocol.js";

// typed by hand: the DOM and WebWorker libraries cannot both be loaded in one program
const scope = self as unknown as {
  postMessage(msg: unknown, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

const session = new Session((msg, transfer) => scope.postMessage(msg, transfer));
scope.onmessage = (e) => session.handle(e.data);
