/** Test helper: runs `nabla` in-process with stdout and stderr captured. */
import { afterEach, beforeEach, vi } from "vitest";
import { main } from "../../main.js";

export interface Captured {
  out: string;
  err: string;
}

/** Installs stdout/stderr spies around each test; returns the live capture. */
export function captureOutput(): Captured {
  const c: Captured = { out: "", err: "" };
  beforeEach(() => {
    c.out = "";
    c.err = "";
    vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((c.out += String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((c.err += String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  return c;
}

/** Runs the CLI; clears the capture first. */
export async function nabla(c: Captured, ...argv: string[]): Promise<number> {
  c.out = "";
  c.err = "";
  return main(argv);
}

/** The last line of stdout parsed as JSON. */
export function lastJson(c: Captured): Record<string, any> {
  return JSON.parse(c.out.trim().split("\n").pop()!) as Record<string, any>;
}
