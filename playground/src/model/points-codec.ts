/**
 * The user's own points in a URL: a version byte, the class count, then per point x1, x2 and y as int16
 * (coordinates and regression targets in thousandths), base64url-encoded. 500 points take about 4 kB.
 */
import type { Points } from "./datasets.js";

const VERSION = 1;
const SCALE = 1000;

const toInt16 = (v: number): number => Math.max(-32767, Math.min(32767, Math.round(v * SCALE)));

export function encodePoints(p: Points): string {
  const n = p.y.length;
  const view = new DataView(new ArrayBuffer(2 + 6 * n));
  view.setUint8(0, VERSION);
  view.setUint8(1, p.classes);
  for (let i = 0; i < n; i++) {
    view.setInt16(2 + 6 * i, toInt16(p.x[2 * i]!));
    view.setInt16(4 + 6 * i, toInt16(p.x[2 * i + 1]!));
    view.setInt16(6 + 6 * i, p.classes === 0 ? toInt16(p.y[i]!) : p.y[i]!);
  }
  let bin = "";
  new Uint8Array(view.buffer).forEach((b) => (bin += String.fromCharCode(b)));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The points of an encoded string, or null when it is not one. */
export function decodePoints(raw: string): Points | null {
  let bin: string;
  try {
    bin = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  if (bin.length < 2 || (bin.length - 2) % 6 !== 0 || bin.charCodeAt(0) !== VERSION) return null;
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  const classes = view.getUint8(1);
  const n = (bin.length - 2) / 6;
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = view.getInt16(2 + 6 * i) / SCALE;
    x[2 * i + 1] = view.getInt16(4 + 6 * i) / SCALE;
    const v = view.getInt16(6 + 6 * i);
    y[i] = classes === 0 ? v / SCALE : v;
    if (classes !== 0 && (v < 0 || v >= classes)) return null;
  }
  return { x, y, classes };
}
