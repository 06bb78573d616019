/*
 * Elementwise kernels: unary ops (op codes as in ../ops.ts) and binary ops on equal-length operands, on a
 * row repeated along the leading dims (a bias), or on a scalar. SIMD four lanes at a time, scalar tails.
 * NaN behaves as in the JS backend: it propagates through arithmetic, max and min; comparisons with it are false.
 */
#include "simd.h"

enum { U_NEG, U_ABS, U_SQUARE, U_SQRT, U_RSQRT, U_RECIPROCAL, U_RELU, U_EXP, U_LOG, U_TANH, U_SIGMOID,
       U_ADD_SCALAR, U_MUL_SCALAR, U_CLAMP, U_LEAKY_RELU, U_HEAVISIDE, U_FLOOR, U_CEIL, U_ROUND, U_SIGN,
       U_IS_NAN, U_IS_FINITE, U_SILU };

static inline f4 unary4(int op, f4 x, f4 a, f4 b) {
  const f4 zero = SPLAT(0.0f), one = SPLAT(1.0f);
  switch (op) {
    case U_NEG: return wasm_f32x4_neg(x);
    case U_ABS: return wasm_f32x4_abs(x);
    case U_SQUARE: return wasm_f32x4_mul(x, x);
    case U_SQRT: return wasm_f32x4_sqrt(x);
    case U_RSQRT: return wasm_f32x4_div(one, wasm_f32x4_sqrt(x));
    case U_RECIPROCAL: return wasm_f32x4_div(one, x);
    /* x ≤ 0 gives 0 (−0 included); NaN fails the test and stays */
    case U_RELU: return wasm_v128_bitselect(zero, x, wasm_f32x4_le(x, zero));
    case U_EXP: return exp4(x);
    case U_LOG: return log4(x);
    case U_TANH: return tanh4(x);
    case U_SIGMOID: return sigmoid4(x);
    case U_SILU: return wasm_f32x4_mul(x, sigmoid4(x));
    case U_ADD_SCALAR: return wasm_f32x4_add(x, a);
    case U_MUL_SCALAR: return wasm_f32x4_mul(x, a);
    /* min(max(x, a), b) written as the JS backend's two selects, so min > max gives max and NaN stays */
    case U_CLAMP: {
      f4 y = wasm_v128_bitselect(a, x, wasm_f32x4_lt(x, a));
      return wasm_v128_bitselect(b, y, wasm_f32x4_gt(y, b));
    }
    case U_LEAKY_RELU: return wasm_v128_bitselect(x, wasm_f32x4_mul(x, a), wasm_f32x4_gt(x, zero));
    case U_HEAVISIDE: return wasm_v128_and(wasm_f32x4_gt(x, zero), one);
    case U_FLOOR: return wasm_f32x4_floor(x);
    case U_CEIL: return wasm_f32x4_ceil(x);
    case U_ROUND: return wasm_f32x4_nearest(x); /* ties to even, as PyTorch */
    case U_SIGN: {
      f4 s = wasm_v128_or(wasm_v128_and(wasm_f32x4_gt(x, zero), one), wasm_v128_and(wasm_f32x4_lt(x, zero), SPLAT(-1.0f)));
      return wasm_v128_bitselect(x, s, wasm_f32x4_ne(x, x));
    }
    case U_IS_NAN: return wasm_v128_and(wasm_f32x4_ne(x, x), one);
    case U_IS_FINITE: return wasm_v128_and(wasm_f32x4_lt(wasm_f32x4_abs(x), SPLAT(__builtin_inff())), one);
    default: return x;
  }
}

/* One value through the vector path: the tail uses the same arithmetic as the body. */
static inline float unary1(int op, float x, f4 a, f4 b) { return wasm_f32x4_extract_lane(unary4(op, SPLAT(x), a, b), 0); }

EXPORT(unary) void unary(int op, const float* x, float* out, int n, float pa, float pb) {
  f4 a = SPLAT(pa), b = SPLAT(pb);
  int i = 0;
  /* one switch per call, not per vector: the compiler unswitches each case into its own loop */
  switch (op) {
#define CASE(K) case K: for (; i + 4 <= n; i += 4) wasm_v128_store(out + i, unary4(K, wasm_v128_load(x + i), a, b)); break;
    CASE(U_NEG) CASE(U_ABS) CASE(U_SQUARE) CASE(U_SQRT) CASE(U_RSQRT) CASE(U_RECIPROCAL) CASE(U_RELU) CASE(U_EXP)
    CASE(U_LOG) CASE(U_TANH) CASE(U_SIGMOID) CASE(U_SILU) CASE(U_ADD_SCALAR) CASE(U_MUL_SCALAR) CASE(U_CLAMP)
    CASE(U_LEAKY_RELU) CASE(U_HEAVISIDE) CASE(U_FLOOR) CASE(U_CEIL) CASE(U_ROUND) CASE(U_SIGN) CASE(U_IS_NAN)
    CASE(U_IS_FINITE)
#undef CASE
  }
  for (; i < n; i++) out[i] = unary1(op, x[i], a, b);
}

enum { B_ADD, B_SUB, B_MUL, B_DIV, B_MAXIMUM, B_MINIMUM, B_EQ, B_NE, B_LT, B_LE, B_GT, B_GE };

static inline f4 binary4(int op, f4 x, f4 y) {
  const f4 one = SPLAT(1.0f);
  switch (op) {
    case B_ADD: return wasm_f32x4_add(x, y);
    case B_SUB: return wasm_f32x4_sub(x, y);
    case B_MUL: return wasm_f32x4_mul(x, y);
    case B_DIV: return wasm_f32x4_div(x, y);
    case B_MAXIMUM: return wasm_f32x4_max(x, y); /* NaN-propagating */
    case B_MINIMUM: return wasm_f32x4_min(x, y);
    case B_EQ: return wasm_v128_and(wasm_f32x4_eq(x, y), one);
    case B_NE: return wasm_v128_and(wasm_f32x4_ne(x, y), one);
    case B_LT: return wasm_v128_and(wasm_f32x4_lt(x, y), one);
    case B_LE: return wasm_v128_and(wasm_f32x4_le(x, y), one);
    case B_GT: return wasm_v128_and(wasm_f32x4_gt(x, y), one);
    case B_GE: return wasm_v128_and(wasm_f32x4_ge(x, y), one);
    default: return x;
  }
}

static inline float binary1(int op, float x, float y) { return wasm_f32x4_extract_lane(binary4(op, SPLAT(x), SPLAT(y)), 0); }

/* out[i] = op(a[i], b[i]) */
static void same_shape(int op, const float* a, const float* b, float* out, int n) {
  int i = 0;
  switch (op) {
#define CASE(K) case K: for (; i + 4 <= n; i += 4) wasm_v128_store(out + i, binary4(K, wasm_v128_load(a + i), wasm_v128_load(b + i))); break;
    CASE(B_ADD) CASE(B_SUB) CASE(B_MUL) CASE(B_DIV) CASE(B_MAXIMUM) CASE(B_MINIMUM)
    CASE(B_EQ) CASE(B_NE) CASE(B_LT) CASE(B_LE) CASE(B_GT) CASE(B_GE)
#undef CASE
  }
  for (; i < n; i++) out[i] = binary1(op, a[i], b[i]);
}

/* out[i] = op(a[i], s) (or op(s, a[i]) when swapped) */
static void with_scalar(int op, const float* a, float s, float* out, int n, int swap) {
  f4 sv = SPLAT(s);
  int i = 0;
  if (swap) {
    switch (op) {
#define CASE(K) case K: for (; i + 4 <= n; i += 4) wasm_v128_store(out + i, binary4(K, sv, wasm_v128_load(a + i))); break;
      CASE(B_ADD) CASE(B_SUB) CASE(B_MUL) CASE(B_DIV) CASE(B_MAXIMUM) CASE(B_MINIMUM)
      CASE(B_EQ) CASE(B_NE) CASE(B_LT) CASE(B_LE) CASE(B_GT) CASE(B_GE)
#undef CASE
    }
    for (; i < n; i++) out[i] = binary1(op, s, a[i]);
  } else {
    switch (op) {
#define CASE(K) case K: for (; i + 4 <= n; i += 4) wasm_v128_store(out + i, binary4(K, wasm_v128_load(a + i), sv)); break;
      CASE(B_ADD) CASE(B_SUB) CASE(B_MUL) CASE(B_DIV) CASE(B_MAXIMUM) CASE(B_MINIMUM)
      CASE(B_EQ) CASE(B_NE) CASE(B_LT) CASE(B_LE) CASE(B_GT) CASE(B_GE)
#undef CASE
    }
    for (; i < n; i++) out[i] = binary1(op, a[i], s);
  }
}

/*
 * out = op(a, b) where b (nb values) repeats along a's leading dims, or op(b, a) when `swap`;
 * nb = n is elementwise and nb = 1 a scalar.
 */
EXPORT(binary) void binary(int op, const float* a, const float* b, float* out, int n, int nb, int swap) {
  if (nb == 1) { with_scalar(op, a, b[0], out, n, swap); return; }
  for (int r = 0; r < n; r += nb) {
    if (swap) same_shape(op, b, a + r, out + r, nb);
    else same_shape(op, a + r, b, out + r, nb);
  }
}
