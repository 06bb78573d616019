/**
 * Seeded random numbers: xoshiro128** over 32-bit integer arithmetic, so one seed gives
 * bit-identical streams on every machine and runtime.
 */

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A random generator with its own state, passed as `{ generator }` to every random function. */
export class Generator {
  private s = new Uint32Array(4);
  private spareNormal: number | null = null;
  private seed_ = 0;

  constructor(seed = 0) {
    this.manualSeed(seed);
  }

  /** Resets the generator to the stream of `seed` (any integer; large seeds are folded to 53 bits). */
  manualSeed(seed: number): this {
    if (!Number.isFinite(seed)) throw new RangeError(`manualSeed: seed must be a finite number, got ${seed}`);
    this.seed_ = Math.trunc(seed);
    const st = { s: (this.seed_ >>> 0) ^ Math.imul(Math.floor(this.seed_ / 4294967296) | 0, 0x27d4eb2d) };
    for (let i = 0; i < 4; i++) this.s[i] = splitmix32(st);
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
    this.spareNormal = null;
    return this;
  }

  initialSeed(): number {
    return this.seed_;
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2] = s[2]! ^ s[0]!;
    s[3] = s[3]! ^ s[1]!;
    s[1] = s[1]! ^ s[2]!;
    s[0] = s[0]! ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** A float uniform on [0, 1) with 24 random bits, exactly representable in float32. */
  uniform(): number {
    return (this.nextUint32() >>> 8) / 16777216;
  }

  /** A standard normal sample by the Box–Muller transform. */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u1 = 0;
    while (u1 === 0) u1 = this.uniform();
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** An integer uniform on [low, high) without modulo bias. */
  randint(low: number, high: number): number {
    const range = high - low;
    if (range <= 0) throw new RangeError(`randint: expected low < high, got low=${low}, high=${high}`);
    if (range <= 4294967296) {
      const limit = Math.floor(4294967296 / range) * range;
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return low + (x % range);
    }
    return low + Math.floor(this.uniform() * range);
  }

  /** A random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.randint(0, i + 1);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  }

  /** The full state, for checkpoints: restoring it continues the identical stream. */
  getState(): { s: number[]; spare: number | null; seed: number } {
    return { s: Array.from(this.s), spare: this.spareNormal, seed: this.seed_ };
  }

  setState(state: { s: number[]; spare: number | null; seed: number }): void {
    if (!state || !Array.isArray(state.s) || state.s.length !== 4) {
      throw new TypeError("Generator.setState: expected the object returned by getState()");
    }
    this.s.set(state.s);
    this.spareNormal = state.spare;
    this.seed_ = state.seed;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The global generator used when no `generator` option is given. */
export const defaultGenerator = new Generator(0);

/** Seeds the global generator: `manualSeed(42)` makes every later random call reproducible. */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed);
}
