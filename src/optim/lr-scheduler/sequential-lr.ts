import type { Optimizer } from "../optimizer.js";
import { checkKnownKeys, show } from "../options.js";
import { LRScheduler, type LRSchedulerStateDict } from "./lr-scheduler.js";

/** Options of `SequentialLR`: the schedules to run in turn and the epochs at which each takes over. */
export interface SequentialLROptions {
  /** The schedules, built over the same optimiser, in the order they run. */
  schedulers: readonly LRScheduler[];
  /** The epochs at which each next schedule takes over (one fewer than the schedules). */
  milestones: readonly number[];
}

/**
 * Runs schedules one after another, switching at the milestones (e.g. a LinearLR warm-up, then
 * CosineAnnealingLR). Each later schedule restarts from epoch 0 at its milestone, with its closed form
 * (PyTorch 1.13's behaviour, kept for parity).
 */
export class SequentialLR extends LRScheduler {
  readonly schedulers: LRScheduler[];
  milestones: number[];

  constructor(optimizer: Optimizer, options: SequentialLROptions) {
    super("SequentialLR", optimizer);
    checkKnownKeys(this.name, options, ["schedulers", "milestones"]);
    const { schedulers, milestones } = options;
    if (!Array.isArray(schedulers) || schedulers.length === 0 || !schedulers.every((s) => s instanceof LRScheduler)) {
      throw new TypeError(`${this.name}: schedulers must be a non-empty array of schedules, got ${show(schedulers)}`);
    }
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) throw new RangeError(`${this.name}: the schedule at index ${i} belongs to a different optimiser`);
    });
    if (!Array.isArray(milestones) || milestones.length !== schedulers.length - 1) {
      throw new RangeError(`${this.name}: got ${schedulers.length} schedules and ${show(milestones)} as milestones; expected ${schedulers.length - 1} milestones`);
    }
    this.schedulers = [...schedulers];
    this.milestones = [...milestones];
    this.lastEpoch = 0;
    for (const g of this.groups) g.lr = g.initialLr as number;
    for (const s of this.schedulers) s.lastEpoch -= 1;
    LRScheduler.restart(this.schedulers[0]!);
    this.lastLr = this.schedulers[0]!.getLastLr();
  }

  protected getLr(): number[] {
    return this.lastLr.slice();
  }

  override step(): void {
    this.lastEpoch += 1;
    const idx = this.milestones.filter((m) => m <= this.lastEpoch).length;
    const s = this.schedulers[idx]!;
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) s.step(0);
    else s.step();
    this.lastLr = s.getLastLr();
  }

  protected override stateKeys(): Record<string, string> {
    return { last_epoch: "lastEpoch", _last_lr: "lastLr", _milestones: "milestones" };
  }

  override stateDict(): LRSchedulerStateDict {
    return { ...super.stateDict(), _schedulers: this.schedulers.map((s) => s.stateDict()) };
  }

  override loadStateDict(sd: LRSchedulerStateDict): void {
    super.loadStateDict(sd);
    const subs = sd._schedulers;
    if (Array.isArray(subs)) subs.forEach((s, i) => this.schedulers[i]?.loadStateDict(s as LRSchedulerStateDict));
  }
}
