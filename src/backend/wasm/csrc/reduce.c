/*
 * Reductions over the middle axis of [outer, size, inner] and row softmax. Sums accumulate in float64
 * (two f64x2 lanes per f32x4), as the JS backend does; max and min propagate NaN.
 */
#include "simd.h"

enum { R_SUM, R_MAX, R_MIN };

static inline v128_t promote_hi(f4 x) { return wasm_f64x2_promote_low_f32x4(wasm_i64x2_shuffle(x, x, 1, 1)); }

static double sum_row(const float* x, int n) {
  v128_t s0 = wasm_f64x2_splat(0), s1 = s0, s2 = s0, s3 = s0;
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    f4 a = wasm_v128_load(x + i), b = wasm_v128_load(x + i + 4);
    s0 = wasm_f64x2_add(s0, wasm_f64x2_promote_low_f32x4(a));
    s1 = wasm_f64x2_add(s1, promote_hi(a));
    s2 = wasm_f64x2_add(s2, wasm_f64x2_promote_low_f32x4(b));
    s3 = wasm_f64x2_add(s3, promote_hi(b));
  }
  v128_t s = wasm_f64x2_add(wasm_f64x2_add(s0, s1), wasm_f64x2_add(s2, s3));
  double t = wasm_f64x2_extract_lane(s, 0) + wasm_f64x2_extract_lane(s, 1);
  for (; i < n; i++) t += x[i];
  return t;
}

static float extreme_row(int op, const float* x, int n) {
  f4 m = SPLAT(op == R_MAX ? -__builtin_inff() : __builtin_inff());
  int i = 0;
  for (; i + 4 <= n; i += 4) m = op == R_MAX ? wasm_f32x4_max(m, wasm_v128_load(x + i)) : wasm_f32x4_min(m, wasm_v128_load(x + i));
  for (; i < n; i++) m = op == R_MAX ? wasm_f32x4_max(m, SPLAT(x[i])) : wasm_f32x4_min(m, SPLAT(x[i]));
  f4 h = op == R_MAX ? wasm_f32x4_max(m, wasm_i32x4_shuffle(m, m, 2, 3, 0, 1)) : wasm_f32x4_min(m, wasm_i32x4_shuffle(m, m, 2, 3, 0, 1));
  h = op == R_MAX ? wasm_f32x4_max(h, wasm_i32x4_shuffle(h, h, 1, 0, 3, 2)) : wasm_f32x4_min(h, wasm_i32x4_shuffle(h, h, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(h, 0);
}

/* `work` holds `inner` doubles for the strided sums. */
EXPORT(reduce) void reduce(int op, const float* x, int outer, int size, int inner, float* out, double* work) {
  if (inner == 1) {
    for (int o = 0; o < outer; o++)
      out[o] = op == R_SUM ? (float)sum_row(x + (long)o * size, size) : extreme_row(op, x + (long)o * size, size);
    return;
  }
  for (int o = 0; o < outer; o++) {
    const float* base = x + (long)o * size * inner;
    float* dst = out + (long)o * inner;
    if (op == R_SUM) {
      for (int i = 0; i < inner; i++) work[i] = 0;
      for (int s = 0; s < size; s++) {
        const float* row = base + (long)s * inner;
        int i = 0;
        for (; i + 4 <= inner; i += 4) {
          f4 v = wasm_v128_load(row + i);
          wasm_v128_store(work + i, wasm_f64x2_add(wasm_v128_load(work + i), wasm_f64x2_promote_low_f32x4(v)));
          wasm_v128_store(work + i + 2, wasm_f64x2_add(wasm_v128_load(work + i + 2), promote_hi(v)));
        }
        for (; i < inner; i++) work[i] += row[i];
      }
      for (int i = 0; i < inner; i++) dst[i] = (float)work[i];
    } else {
      for (int i = 0; i < inner; i++) dst[i] = base[i];
      for (int s = 1; s < size; s++) {
        const float* row = base + (long)s * inner;
        int i = 0;
        for (; i + 4 <= inner; i += 4) {
          f4 v = wasm_v128_load(row + i), d = wasm_v128_load(dst + i);
          wasm_v128_store(dst + i, op == R_MAX ? wasm_f32x4_max(d, v) : wasm_f32x4_min(d, v));
        }
        for (; i < inner; i++) {
          f4 r = op == R_MAX ? wasm_f32x4_max(SPLAT(dst[i]), SPLAT(row[i])) : wasm_f32x4_min(SPLAT(dst[i]), SPLAT(row[i]));
          dst[i] = wasm_f32x4_extract_lane(r, 0);
        }
      }
    }
  }
}

/* Softmax (or log-softmax) of each contiguous row of length n, shifted by the row's max (0 when it is −∞). */
EXPORT(softmax_rows) void softmax_rows(const float* x, int rows, int n, float* out, int log) {
  for (int r = 0; r < rows; r++) {
    const float* xr = x + (long)r * n;
    float* yr = out + (long)r * n;
    float m = extreme_row(R_MAX, xr, n);
    if (m == -__builtin_inff()) m = 0.0f;
    f4 mv = SPLAT(m);
    f4 acc = SPLAT(0.0f);
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      f4 e = exp4(wasm_f32x4_sub(wasm_v128_load(xr + i), mv));
      if (!log) wasm_v128_store(yr + i, e);
      acc = wasm_f32x4_add(acc, e);
    }
    float sum = wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 1) + (wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3));
    for (; i < n; i++) {
      float e = wasm_f32x4_extract_lane(exp4(SPLAT(xr[i] - m)), 0);
      if (!log) yr[i] = e;
      sum += e;
    }
    if (log) {
      /* (x − m) − ln Σ, in that order, so the largest entry gets exactly −ln Σ */
      f4 lse = log4(SPLAT(sum));
      for (i = 0; i + 4 <= n; i += 4) wasm_v128_store(yr + i, wasm_f32x4_sub(wasm_f32x4_sub(wasm_v128_load(xr + i), mv), lse));
      float s = wasm_f32x4_extract_lane(lse, 0);
      for (; i < n; i++) yr[i] = (xr[i] - m) - s;
    } else {
      f4 inv = SPLAT(1.0f / sum);
      for (i = 0; i + 4 <= n; i += 4) wasm_v128_store(yr + i, wasm_f32x4_mul(wasm_v128_load(yr + i), inv));
      float s = 1.0f / sum;
      for (; i < n; i++) yr[i] *= s;
    }
  }
}
