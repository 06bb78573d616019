import type { BinaryOp } from "../backend.js";
import { broadcastStrides, sizeOf } from "../../tensor/shape.js";

/** The scalar function for a binary op; comparisons give 1 or 0. */
export function binaryFn(op: BinaryOp): (x: number, y: number) => number {
  switch (op) {
    case "add": return (x, y) => x + y;
    case "sub": return (x, y) => x - y;
    case "mul": return (x, y) => x * y;
    case "div": return (x, y) => x / y;
    case "pow": return Math.pow;
    // NaN propagates, as in torch.maximum / torch.minimum.
    case "maximum": return (x, y) => (x !== x || y !== y ? NaN : x > y ? x : y);
    case "minimum": return (x, y) => (x !== x || y !== y ? NaN : x < y ? x : y);
    case "eq": return (x, y) => (x === y ? 1 : 0);
    case "ne": return (x, y) => (x !== y ? 1 : 0);
    case "lt": return (x, y) => (x < y ? 1 : 0);
    case "le": return (x, y) => (x <= y ? 1 : 0);
    case "gt": return (x, y) => (x > y ? 1 : 0);
    case "ge": return (x, y) => (x >= y ? 1 : 0);
  }
}

function sameShapeLoop(op: BinaryOp, a: Float32Array, b: Float32Array, out: Float32Array): void {
  const n = out.length;
  switch (op) {
    case "add": for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!; return;
    case "sub": for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!; return;
    case "mul": for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!; return;
    case "div": for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!; return;
    default: { const f = binaryFn(op); for (let i = 0; i < n; i++) out[i] = f(a[i]!, b[i]!); }
  }
}

/** out[i] = op(a[i], b[i mod nb]): b repeats along the leading dims (a bias row). */
function rowLoop(op: BinaryOp, a: Float32Array, b: Float32Array, out: Float32Array, swap: boolean): void {
  const n = out.length;
  const nb = b.length;
  if (!swap) {
    switch (op) {
      case "add": for (let i = 0; i < n; i += nb) for (let j = 0; j < nb; j++) out[i + j] = a[i + j]! + b[j]!; return;
      case "sub": for (let i = 0; i < n; i += nb) for (let j = 0; j < nb; j++) out[i + j] = a[i + j]! - b[j]!; return;
      case "mul": for (let i = 0; i < n; i += nb) for (let j = 0; j < nb; j++) out[i + j] = a[i + j]! * b[j]!; return;
      case "div": for (let i = 0; i < n; i += nb) for (let j = 0; j < nb; j++) out[i + j] = a[i + j]! / b[j]!; return;
    }
  }
  const f = binaryFn(op);
  if (swap) for (let i = 0; i < n; i += nb) for (let j = 0; j < nb; j++) out[i + j] = f(b[j]!, a[i + j]!);
  else for (let i = 0; i < n; i += nb) for (let j = 0; j < nb; j++) out[i + j] = f(a[i + j]!, b[j]!);
}

/** True when `small` broadcast to `full` repeats along leading dims only (its trailing dims equal full's). */
export function isSuffix(small: readonly number[], full: readonly number[]): boolean {
  let i = 0;
  while (i < small.length && small[i] === 1) i++;
  const rest = small.length - i;
  if (rest > full.length) return false;
  for (let j = 0; j < rest; j++) if (small[i + j] !== full[full.length - rest + j]) return false;
  return true;
}

export function binary(
  op: BinaryOp,
  a: Float32Array, aShape: readonly number[],
  b: Float32Array, bShape: readonly number[],
  out: Float32Array, outShape: readonly number[],
): void {
  const n = out.length;
  if (n === 0) return;
  // An operand with as many elements as the output is only padded with leading 1s: same flat layout.
  if (a.length === n && b.length === n) return sameShapeLoop(op, a, b, out);
  if (a.length === n && isSuffix(bShape, outShape)) return rowLoop(op, a, b, out, false);
  if (b.length === n && isSuffix(aShape, outShape)) return rowLoop(op, b, a, out, true);
  generalLoop(op, a, aShape, b, bShape, out, outShape);
}

/** out[o + j] = op(a[ia + j·la], b[ib + j·lb]) for j < len: one row of the general loop, specialised per op. */
function stridedRow(
  op: BinaryOp, f: (x: number, y: number) => number,
  a: Float32Array, ia: number, la: number, b: Float32Array, ib: number, lb: number, out: Float32Array, o: number, len: number,
): void {
  switch (op) {
    case "add": for (let j = 0; j < len; j++) out[o + j] = a[ia + j * la]! + b[ib + j * lb]!; return;
    case "sub": for (let j = 0; j < len; j++) out[o + j] = a[ia + j * la]! - b[ib + j * lb]!; return;
    case "mul": for (let j = 0; j < len; j++) out[o + j] = a[ia + j * la]! * b[ib + j * lb]!; return;
    case "div": for (let j = 0; j < len; j++) out[o + j] = a[ia + j * la]! / b[ib + j * lb]!; return;
    default: for (let j = 0; j < len; j++) out[o + j] = f(a[ia + j * la]!, b[ib + j * lb]!);
  }
}

/** Iterates outShape with a multi-dim counter, reading a and b through broadcast strides, a row at a time. */
export function generalLoop(
  op: BinaryOp,
  a: Float32Array, aShape: readonly number[],
  b: Float32Array, bShape: readonly number[],
  out: Float32Array, outShape: readonly number[],
): void {
  const f = binaryFn(op);
  const nd = outShape.length;
  if (nd === 0) { out[0] = f(a[0]!, b[0]!); return; }
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const last = outShape[nd - 1]!;
  const la = sa[nd - 1]!;
  const lb = sb[nd - 1]!;
  const rows = sizeOf(outShape) / last;
  const idx = new Array<number>(nd).fill(0);
  let ia = 0;
  let ib = 0;
  for (let r = 0, o = 0; r < rows; r++, o += last) {
    stridedRow(op, f, a, ia, la, b, ib, lb, out, o, last);
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]!++;
      ia += sa[d]!;
      ib += sb[d]!;
      if (idx[d]! < outShape[d]!) break;
      ia -= sa[d]! * outShape[d]!;
      ib -= sb[d]! * outShape[d]!;
      idx[d] = 0;
    }
  }
}
