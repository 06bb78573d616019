/**
 * Fused ops: one tape node and one kernel call where the composed primitives would make several. Each
 * backward is written with primitives when the tape is recording (createGraph), so second-order
 * gradients work as for the composed version, and with single kernels otherwise.
 */
import { allocFloat32, allocFloat32ForKernel } from "../storage.js";
import { Tensor } from "../tensor.js";
import { backend } from "../../backend/registry.js";
import type { Activation } from "../../backend/backend.js";
import { isGradEnabled, owned } from "../autograd.js";
import { mmT } from "./linalg.js";
import { mul, neg, square, sub } from "./elementwise.js";
import { sum } from "./reduce.js";
import { softmax } from "./activation.js";
import { reshape } from "./view.js";

/**
 * act(x·Wᵀ + b) for x [rows, in], W [out, in], b [out] (or null), as one kernel; with gz = g·act′(y):
 * ∂x = gz·W, ∂W = gzᵀ·x, ∂b = Σ_rows gz. Shapes are the caller's to check (nn's linear does).
 */
export function linearAct(x: Tensor, w: Tensor, b: Tensor | null, act: Activation): Tensor {
  const rows = x.shape[0]!;
  const inF = x.shape[1]!;
  const outF = w.shape[0]!;
  const data = inF === 0 ? allocFloat32(rows * outF) : allocFloat32ForKernel(rows * outF);
  backend().linear(x.data, w.data, b ? b.data : null, data, rows, inF, outF, act);
  const inputs = b ? [x, w, b] : [x, w];
  const out: Tensor = Tensor.fromOp(data, [rows, outF], inputs, "linear", (g) => {
    const gz = activationGrad(act, g, out);
    const gx = x.requiresGrad ? mmT(gz, w, false, false) : null;
    const gw = w.requiresGrad ? mmT(gz, x, true, false) : null;
    const gb = b?.requiresGrad ? (isGradEnabled() ? sum(gz, 0) : columnSums(gz)) : null;
    // fresh results, one per input: the weight and bias leaves keep them as .grad without a copy
    if (!isGradEnabled()) for (const t of [gw, gb]) if (t) owned(t);
    return [gx, gw, gb];
  });
  return out;
}

/** Σ over rows of a [rows, cols] tensor, straight to the kernel (sum's general path costs more than this at W2's size). */
function columnSums(g: Tensor): Tensor {
  const [rows, cols] = g.shape as [number, number];
  const out = allocFloat32(cols);
  backend().reduce("sum", g.data, 1, rows, cols, out);
  return new Tensor(out, [cols]);
}

/** g·act′ from the activation's output y: relu 1[y > 0], tanh 1 − y², sigmoid y(1 − y). */
function activationGrad(act: Activation, g: Tensor, y: Tensor): Tensor {
  if (act === "none") return g;
  if (isGradEnabled()) {
    if (act === "relu") return mul(g, y.gt(0));
    if (act === "tanh") return mul(g, sub(1, square(y)));
    return mul(g, mul(y, sub(1, y)));
  }
  const data = allocFloat32ForKernel(g.size);
  backend().activationGrad(act, g.data, y.data, data);
  return new Tensor(data, g.shape);
}

/**
 * Softmax cross-entropy over logits [rows, C] with class indices: loss_r = −w_r·log softmax(x)_r[t_r], where
 * w_r carries a class weight (0 on ignored rows, whose target must be a valid placeholder such as 0).
 * Reduced by "sum", by "mean" (Σ loss / total) or not at all ([rows]); ∂x_r = s_r·(softmax(x_r) − onehot(t_r))
 * with s_r the row's share of the upstream gradient times w_r.
 */
export function crossEntropyRows(
  x: Tensor, target: Int32Array, rowWeight: Float32Array, reduction: "mean" | "sum" | "none", total: number,
): Tensor {
  const [rows, classes] = x.shape as [number, number];
  const logp = allocFloat32(x.size);
  backend().softmax(x.data, rows, classes, 1, logp, true);
  const losses = allocFloat32(rows);
  for (let r = 0; r < rows; r++) losses[r] = rowWeight[r] === 0 ? 0 : -rowWeight[r]! * logp[r * classes + target[r]!]!;
  let data = losses;
  if (reduction !== "none") {
    const s = allocFloat32(1);
    backend().reduce("sum", losses, 1, rows, 1, s);
    if (reduction === "mean") s[0] = s[0]! / total;
    data = s;
  }
  return Tensor.fromOp(data, reduction === "none" ? [rows] : [], [x], "crossEntropy", (g) => {
    const perRow = reduction === "none";
    const k = reduction === "mean" ? 1 / total : 1;
    if (isGradEnabled()) {
      // (softmax(x) − onehot)·w·g, recorded so that it can be differentiated again
      const onehot = allocFloat32(x.size);
      for (let r = 0; r < rows; r++) onehot[r * classes + target[r]!] = 1;
      const w = new Tensor(Float32Array.from(rowWeight, (v) => v * k), [rows, 1]);
      const gr = perRow ? reshape(g, [rows, 1]) : g;
      return [mul(mul(sub(softmax(x, 1), new Tensor(onehot, x.shape)), w), gr)];
    }
    const scale = allocFloat32(rows);
    for (let r = 0; r < rows; r++) scale[r] = rowWeight[r]! * k * (perRow ? g.data[r]! : g.data[0]!);
    const out = allocFloat32(x.size);
    backend().crossEntropyGrad(logp, target, scale, rows, classes, out);
    return [new Tensor(out, x.shape)];
  });
}

/** (x − y)² reduced by "mean" or "sum", or elementwise ("none"); ∂x = 2(x − y)·g (÷ n for the mean), ∂y = −∂x. */
export function squaredError(x: Tensor, y: Tensor, reduction: "mean" | "sum" | "none"): Tensor {
  const n = x.size;
  const d = allocFloat32(n);
  const be = backend();
  be.binary("sub", x.data, x.shape, y.data, y.shape, d, x.shape);
  const sq = allocFloat32(n);
  be.unary("square", d, sq);
  let data = sq;
  if (reduction !== "none") {
    data = allocFloat32(1);
    if (n > 0) be.reduce("sum", sq, 1, n, 1, data);
    if (reduction === "mean") data[0] = data[0]! / n; // 0/0 = NaN for an empty input, as PyTorch
  }
  return Tensor.fromOp(data, reduction === "none" ? x.shape : [], [x, y], "mseLoss", (g) => {
    const k = reduction === "mean" ? 2 / n : 2;
    let gx: Tensor;
    if (isGradEnabled()) gx = mul(mul(sub(x, y), g), k);
    else {
      const out = allocFloat32(n);
      if (reduction === "none") {
        const scaled = allocFloat32(n);
        be.unary("mulScalar", d, scaled, k);
        be.binary("mul", scaled, x.shape, g.data, g.shape, out, x.shape);
      } else be.unary("mulScalar", d, out, g.data[0]! * k);
      gx = new Tensor(out, x.shape);
    }
    return [x.requiresGrad ? gx : null, y.requiresGrad ? neg(gx) : null];
  });
}
