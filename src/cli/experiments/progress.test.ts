import { describe, expect, it } from "vitest";
import { TrialProgress } from "./progress.js";

/** A stream that records what is written; `tty` makes cli-progress draw bars. */
function fakeStream(tty: boolean): NodeJS.WriteStream & { text: string } {
  const s = { text: "", isTTY: tty, columns: 160, write(chunk: string) { s.text += chunk; return true; }, on() { return s; }, removeListener() { return s; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe("TrialProgress", () => {
  it("on a terminal draws an overall bar with the ETA and a bar per running trial", () => {
    const stream = fakeStream(true);
    const p = new TrialProgress(3, { stream });
    p.begin(0, "activation=relu seed 0", 5);
    p.epoch(0, { epoch: 1, epochs: 5, loss: 0.51234, val: 0.9 });
    p.end(0, "activation=relu seed 0", "accuracy 0.9000");
    p.begin(1, "activation=tanh seed 0", 5);
    p.epoch(1, { epoch: 0, epochs: 5, loss: 0.7 });
    p.stop();
    expect(stream.text).toContain("all trials");
    expect(stream.text).toMatch(/1\/3 trials \| ETA \d/);
    expect(stream.text).toContain("activation=relu seed 0: accuracy 0.9000");
    expect(stream.text).toMatch(/activation=tanh seed 0 +.* \d\/5 epochs/);
  });

  it("elsewhere prints one line per finished trial with elapsed time and ETA, and nothing when quiet", () => {
    const stream = fakeStream(false);
    const p = new TrialProgress(2, { stream });
    p.begin(0, "a", 3);
    p.epoch(0, { epoch: 2, epochs: 3, loss: 0.1 });
    p.end(0, "a", "done");
    p.grow(1);
    p.end(1, "b", "done");
    p.stop();
    expect(stream.text).toMatch(/^\[1\/2\] a: done \(elapsed \d+\.\ds, ETA \d+\.\ds\)\n\[2\/3\] b: done/);
    const quiet = fakeStream(false);
    const q = new TrialProgress(1, { stream: quiet, quiet: true });
    q.end(0, "a", "done");
    q.stop();
    expect(quiet.text).toBe("");
  });
});
