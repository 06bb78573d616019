/**
 * Argument checks shared by the optimisers and schedules. Messages name the class, the option, what was
 * given and what was expected: `Adam: invalid beta at index 0: 1.2 (expected 0 <= beta < 1)`.
 */

/** A value as it appears in an error message. */
export function show(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "function") return "a function";
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Throws unless `v` is a number >= 0 (NaN fails); the learning rate reads as "learning rate". */
export function checkNonNegative(owner: string, key: string, v: unknown): void {
  if (typeof v !== "number" || !(v >= 0)) {
    const label = key === "lr" ? "learning rate" : key;
    throw new RangeError(`${owner}: invalid ${label}: ${show(v)} (expected ${key} >= 0)`);
  }
}

/** Throws unless lo <= v <= hi (or lo <= v < hi with `openHigh`). */
export function checkRange(owner: string, key: string, v: unknown, lo: number, hi: number, openHigh = false): void {
  const ok = typeof v === "number" && v >= lo && (openHigh ? v < hi : v <= hi);
  if (!ok) throw new RangeError(`${owner}: invalid ${key}: ${show(v)} (expected ${lo} <= ${key} ${openHigh ? "<" : "<="} ${hi})`);
}

/** Throws unless `betas` is a pair with 0 <= beta < 1. */
export function checkBetas(owner: string, betas: unknown): void {
  if (!Array.isArray(betas) || betas.length !== 2) {
    throw new TypeError(`${owner}: betas must be a pair [beta1, beta2], got ${show(betas)}`);
  }
  betas.forEach((b: unknown, i) => {
    if (typeof b !== "number" || !(b >= 0 && b < 1)) {
      throw new RangeError(`${owner}: invalid beta at index ${i}: ${show(b)} (expected 0 <= beta < 1)`);
    }
  });
}

/** Throws unless `v` is a boolean. */
export function checkBoolean(owner: string, key: string, v: unknown): void {
  if (typeof v !== "boolean") throw new TypeError(`${owner}: ${key} must be true or false, got ${show(v)}`);
}

/** Throws unless `v` is an integer >= `min`. */
export function checkInteger(owner: string, key: string, v: unknown, min: number): void {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    throw new RangeError(`${owner}: invalid ${key}: ${show(v)} (expected an integer >= ${min})`);
  }
}

/** Throws unless `v` is one of `choices`. */
export function checkChoice(owner: string, key: string, v: unknown, choices: readonly string[]): void {
  if (typeof v !== "string" || !choices.includes(v)) {
    throw new RangeError(`${owner}: invalid ${key}: ${show(v)} (expected one of ${choices.map((c) => `"${c}"`).join(", ")})`);
  }
}

/** Throws on a key that is not a known option (catches `weight_decay` for `weightDecay`, and typos). */
export function checkKnownKeys(owner: string, given: object, known: readonly string[]): void {
  for (const k of Object.keys(given)) {
    if (!known.includes(k)) {
      throw new TypeError(`${owner}: unknown option "${k}" (expected one of ${known.join(", ")})`);
    }
  }
}

/** The entries of `o` whose value is not undefined (so `{ lr: undefined }` keeps the default). */
export function defined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** A deep copy of plain data (arrays and plain objects); anything else (numbers, Tensors, functions) is shared. */
export function copyPlain<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copyPlain) as T;
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = copyPlain(x);
    return out as T;
  }
  return v;
}

/** A number, or the same number for each of `n` param groups; a list must have one entry per group. */
export function perGroup(owner: string, key: string, v: number | readonly number[], n: number): number[] {
  if (typeof v === "number") return new Array<number>(n).fill(v);
  if (!Array.isArray(v) || v.length !== n) {
    throw new RangeError(`${owner}: ${key} has ${Array.isArray(v) ? v.length : show(v)} values, expected one per param group (${n})`);
  }
  return [...v];
}
