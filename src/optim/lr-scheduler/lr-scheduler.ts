/**
 * The schedule base, sequenced exactly as PyTorch 1.13's `_LRScheduler`: the constructor records each
 * group's `initialLr` and performs the initial step (epoch 0); each `step()` then advances the epoch,
 * computes the new rates and writes them into the optimiser's groups. Call it after `optimizer.step()`.
 */
import { Optimizer, type ParamGroup } from "../optimizer.js";
import { copyPlain, show } from "../options.js";

/** A schedule's state: plain numbers, strings and arrays under PyTorch's names (`last_epoch`, `base_lrs`, ...). */
export type LRSchedulerStateDict = Record<string, unknown>;

/**
 * The base class of the learning-rate schedules (PyTorch's `torch.optim.lr_scheduler._LRScheduler`): each
 * `step()` advances the epoch and sets every parameter group's `lr` from its base rate.
 */
export abstract class LRScheduler {
  /** The optimiser whose groups' `lr` this schedule sets. */
  readonly optimizer: Optimizer;
  /** Each group's starting rate (`initialLr`). */
  baseLrs: number[];
  /** The number of `step()` calls after the initial one: 0 right after construction. */
  lastEpoch = -1;
  /** Steps taken, the initial one included. */
  protected stepCount = 0;
  protected lastLr: number[] = [];

  protected constructor(
    /** The class name, for error messages. */
    readonly name: string,
    optimizer: Optimizer,
    /** Rates to give the groups before their `initialLr` is recorded (CyclicLR's baseLr). */
    startLrs?: readonly number[],
  ) {
    if (!(optimizer instanceof Optimizer)) throw new TypeError(`${name}: expected an optimiser as the first argument, got ${show(optimizer)}`);
    this.optimizer = optimizer;
    startLrs?.forEach((lr, i) => (optimizer.paramGroups[i]!.lr = lr));
    for (const g of optimizer.paramGroups) if (g.initialLr === undefined) g.initialLr = g.lr;
    this.baseLrs = this.groups.map((g) => g.initialLr as number);
  }

  protected get groups(): ParamGroup[] {
    return this.optimizer.paramGroups;
  }

  /** The rates for the current `lastEpoch` (chainable form: may read the groups' current `lr`). */
  protected abstract getLr(): number[];

  /** The rates at `lastEpoch` from the base rates alone, used when `step(epoch)` jumps; defaults to `getLr`. */
  protected closedFormLr(): number[] {
    return this.getLr();
  }

  /**
   * PyTorch performs this step in the base constructor; here each schedule calls it at the end of its
   * own constructor, once its fields exist.
   */
  protected initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** Restarts a schedule from its initial step (for SequentialLR). */
  protected static restart(s: LRScheduler): void {
    s.initialStep();
  }

  /**
   * Advances one epoch (or batch) and sets each group's `lr`. With `epoch`, jumps there instead, using
   * the closed form where there is one (PyTorch's deprecated form; SequentialLR uses it at milestones).
   */
  step(epoch?: number): void {
    this.stepCount += 1;
    let values: number[];
    if (epoch === undefined) {
      this.lastEpoch += 1;
      values = this.getLr();
    } else {
      this.lastEpoch = epoch;
      values = this.closedFormLr();
    }
    this.groups.forEach((g, i) => (g.lr = values[i]!));
    this.lastLr = this.groups.map((g) => g.lr);
  }

  /** The rates set by the last step, one per group. */
  getLastLr(): number[] {
    return this.lastLr.slice();
  }

  /** PyTorch's name for each saved field → this object's property. Schedules add their own. */
  protected stateKeys(): Record<string, string> {
    return { last_epoch: "lastEpoch", base_lrs: "baseLrs", _step_count: "stepCount", _last_lr: "lastLr" };
  }

  /** The schedule's position and settings (functions such as `lrLambda` are not saved). */
  stateDict(): LRSchedulerStateDict {
    const self = this as unknown as Record<string, unknown>;
    const out: LRSchedulerStateDict = {};
    for (const [key, prop] of Object.entries(this.stateKeys())) out[key] = copyPlain(self[prop]);
    return out;
  }

  /** Restores a `stateDict()`; keys it lacks keep their current values. */
  loadStateDict(sd: LRSchedulerStateDict): void {
    if (sd === null || typeof sd !== "object") throw new TypeError(`${this.name}.loadStateDict: expected an object, got ${show(sd)}`);
    const self = this as unknown as Record<string, unknown>;
    for (const [key, prop] of Object.entries(this.stateKeys())) if (key in sd) self[prop] = copyPlain(sd[key]);
  }
}
