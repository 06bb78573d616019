/** Reading module configs from JSON: each helper names the field when its value has the wrong type. */

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Reads a config field as a number (or its default), naming the field when it is not one. */
export function num(config: Record<string, unknown>, key: string, def?: number): number {
  const v = config[key] ?? def;
  if (typeof v !== "number" || Number.isNaN(v)) throw new TypeError(`config "${key}" must be a number, got ${short(config[key])}`);
  return v;
}

/** Reads a config field as an integer (or its default). */
export function int(config: Record<string, unknown>, key: string, def?: number): number {
  const v = num(config, key, def);
  if (!Number.isSafeInteger(v)) throw new TypeError(`config "${key}" must be an integer, got ${v}`);
  return v;
}

/** Reads a config field as a boolean (or its default). */
export function bool(config: Record<string, unknown>, key: string, def?: boolean): boolean {
  const v = config[key] ?? def;
  if (typeof v !== "boolean") throw new TypeError(`config "${key}" must be true or false, got ${short(config[key])}`);
  return v;
}

/** Reads a config field as a number or null (or its default). */
export function nullableNum(config: Record<string, unknown>, key: string, def: number): number | null {
  return config[key] === null ? null : num(config, key, def);
}

/** Reads a config field as one of `choices` (or its default). */
export function choice<T extends string>(config: Record<string, unknown>, key: string, choices: readonly T[], def: T): T {
  const v = config[key] ?? def;
  if (!choices.includes(v as T)) throw new TypeError(`config "${key}" must be one of ${choices.join(", ")}, got ${short(config[key])}`);
  return v as T;
}
