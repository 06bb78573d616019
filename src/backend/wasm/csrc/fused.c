/*
 * Fused kernels: the epilogue of a linear layer (bias and activation on the GEMM's output), the
 * activation's gradient from its output, softmax cross-entropy with its gradient, and the Adam update.
 * Each saves the round trips of several separate ops.
 */
#include "simd.h"

enum { A_NONE, A_RELU, A_TANH, A_SIGMOID };

static inline f4 act4(int act, f4 x) {
  switch (act) {
    case A_RELU: return wasm_v128_bitselect(SPLAT(0.0f), x, wasm_f32x4_le(x, SPLAT(0.0f)));
    case A_TANH: return tanh4(x);
    case A_SIGMOID: return sigmoid4(x);
    default: return x;
  }
}

/* y[r, c] = act(y[r, c]) in place, over rows·cols values (the bias is already in y from the GEMM). */
EXPORT(activate) void activate(int act, float* y, int n) {
  if (act == A_NONE) return;
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, act4(act, wasm_v128_load(y + i)));
  for (; i < n; i++) y[i] = wasm_f32x4_extract_lane(act4(act, SPLAT(y[i])), 0);
}

/* y[r, c] = bias[c] for every row: the GEMM then accumulates x·Wᵀ on top. */
NO_BUILTIN EXPORT(fill_rows) void fill_rows(float* y, const float* bias, int rows, int cols) {
  for (int r = 0; r < rows; r++) {
    float* yr = y + (long)r * cols;
    int c = 0;
    for (; c + 4 <= cols; c += 4) wasm_v128_store(yr + c, wasm_v128_load(bias + c));
    for (; c < cols; c++) yr[c] = bias[c];
  }
}

/* out = g·act′ written through the output y: relu 1[y > 0], tanh 1 − y², sigmoid y(1 − y). */
EXPORT(activation_grad) void activation_grad(int act, const float* g, const float* y, float* out, int n) {
  const f4 one = SPLAT(1.0f), zero = SPLAT(0.0f);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    f4 gv = wasm_v128_load(g + i), yv = wasm_v128_load(y + i), r;
    if (act == A_RELU) r = wasm_v128_and(gv, wasm_f32x4_gt(yv, zero));
    else if (act == A_TANH) r = wasm_f32x4_mul(gv, wasm_f32x4_sub(one, wasm_f32x4_mul(yv, yv)));
    else if (act == A_SIGMOID) r = wasm_f32x4_mul(gv, wasm_f32x4_mul(yv, wasm_f32x4_sub(one, yv)));
    else r = gv;
    wasm_v128_store(out + i, r);
  }
  for (; i < n; i++) {
    float gv = g[i], yv = y[i];
    out[i] = act == A_RELU ? (yv > 0 ? gv : 0.0f) : act == A_TANH ? gv * (1.0f - yv * yv) : act == A_SIGMOID ? gv * (yv * (1.0f - yv)) : gv;
  }
}

/*
 * Adam (decoupled: AdamW) on n values: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², p ← p − step·m/(√v/bc₂ + ε)
 * with g = sign·grad + l2·p, after p ← p·shrink. `vmax` (AMSGrad) may be 0 (none).
 */
EXPORT(adam) void adam(float* p, const float* grad, float* m, float* v, float* vmax, int n, float beta1, float beta2,
                       float oneMinusBeta1, float oneMinusBeta2, float eps, float stepSize, float bc2Sqrt, float l2,
                       float shrink, float sign) {
  /* 1 − β comes from the caller in float64: 1.0f − 0.999f would be off by 1.3e-5 relative */
  const f4 b1 = SPLAT(beta1), b2 = SPLAT(beta2), c1 = SPLAT(oneMinusBeta1), c2 = SPLAT(oneMinusBeta2);
  const f4 ev = SPLAT(eps), sv = SPLAT(stepSize), bc2 = SPLAT(bc2Sqrt), l2v = SPLAT(l2), shv = SPLAT(shrink), sg = SPLAT(sign);
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    f4 pv = wasm_f32x4_mul(wasm_v128_load(p + i), shv);
    f4 g = wasm_f32x4_add(wasm_f32x4_mul(sg, wasm_v128_load(grad + i)), wasm_f32x4_mul(l2v, pv));
    f4 mv = wasm_f32x4_add(wasm_f32x4_mul(b1, wasm_v128_load(m + i)), wasm_f32x4_mul(c1, g));
    f4 vv = wasm_f32x4_add(wasm_f32x4_mul(b2, wasm_v128_load(v + i)), wasm_f32x4_mul(c2, wasm_f32x4_mul(g, g)));
    wasm_v128_store(m + i, mv);
    wasm_v128_store(v + i, vv);
    f4 vm = vv;
    if (vmax) { vm = wasm_f32x4_max(wasm_v128_load(vmax + i), vv); wasm_v128_store(vmax + i, vm); }
    f4 denom = wasm_f32x4_add(wasm_f32x4_div(wasm_f32x4_sqrt(vm), bc2), ev);
    wasm_v128_store(p + i, wasm_f32x4_sub(pv, wasm_f32x4_div(wasm_f32x4_mul(sv, mv), denom)));
  }
  for (; i < n; i++) {
    float pv = p[i] * shrink;
    float g = sign * grad[i] + l2 * pv;
    float mv = beta1 * m[i] + oneMinusBeta1 * g;
    float vv = beta2 * v[i] + oneMinusBeta2 * (g * g);
    m[i] = mv;
    v[i] = vv;
    float vm = vv;
    if (vmax) { vm = vmax[i] > vv ? vmax[i] : vv; vmax[i] = vm; }
    float denom = wasm_f32x4_extract_lane(wasm_f32x4_sqrt(SPLAT(vm)), 0) / bc2Sqrt + eps;
    p[i] = pv - (stepSize * mv) / denom;
  }
}
