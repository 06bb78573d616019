/*
 * Shared helpers for nabla's WebAssembly kernels: the export macro, the multiply-add that becomes
 * f32x4.relaxed_madd in the relaxed-SIMD build, and vectorised exp/log/tanh accurate to a few ulp.
 * Freestanding C (no libc): compiled by scripts/build-wasm.sh with clang --target=wasm32.
 */
#ifndef NABLA_SIMD_H
#define NABLA_SIMD_H
#include <wasm_simd128.h>
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(#name), visibility("default")))
typedef v128_t f4;

/* a·b + c: one fused instruction when the runtime has relaxed SIMD, else a multiply and an add. */
#ifdef NABLA_RELAXED
#define MADD(a, b, c) wasm_f32x4_relaxed_madd((a), (b), (c))
#else
#define MADD(a, b, c) wasm_f32x4_add(wasm_f32x4_mul((a), (b)), (c))
#endif

#define SPLAT(x) wasm_f32x4_splat(x)

static inline int min_i(int a, int b) { return a < b ? a : b; }
static inline int max_i(int a, int b) { return a > b ? a : b; }

/* The copy loops below must stay loops: without libc there is no memcpy/memset to call. */
#define NO_BUILTIN __attribute__((no_builtin))

/*
 * eˣ (Cephes expf): x = n·ln2 + r with |r| ≤ ½ln2, e^r by a degree-6 polynomial, 2ⁿ built in the exponent
 * bits. Relative error about 1 ulp; overflows to +∞ above 88.72, underflows to 0 below −103.97, NaN stays NaN.
 */
static inline f4 exp4(f4 x) {
  const f4 hi = SPLAT(88.72283935546875f), lo = SPLAT(-103.972084045410f);
  f4 xc = wasm_f32x4_pmin(wasm_f32x4_pmax(x, lo), hi);
  f4 n = wasm_f32x4_nearest(wasm_f32x4_mul(xc, SPLAT(1.44269504088896341f)));
  /* r = x − n·ln2 in two steps (ln2 split into a short head and a tail) */
  f4 r = wasm_f32x4_sub(xc, wasm_f32x4_mul(n, SPLAT(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, SPLAT(-2.12194440e-4f)));
  f4 p = SPLAT(1.9875691500E-4f);
  p = MADD(p, r, SPLAT(1.3981999507E-3f));
  p = MADD(p, r, SPLAT(8.3334519073E-3f));
  p = MADD(p, r, SPLAT(4.1665795894E-2f));
  p = MADD(p, r, SPLAT(1.6666665459E-1f));
  p = MADD(p, r, SPLAT(5.0000001201E-1f));
  f4 r2 = wasm_f32x4_mul(r, r);
  p = wasm_f32x4_add(MADD(p, r2, r), SPLAT(1.0f));
  /* 2ⁿ for n in [−150, 128]: split into two factors so that neither leaves the normal range */
  v128_t ni = wasm_i32x4_trunc_sat_f32x4(n);
  v128_t n1 = wasm_i32x4_shr(ni, 1);
  v128_t n2 = wasm_i32x4_sub(ni, n1);
  f4 s1 = wasm_i32x4_shl(wasm_i32x4_add(n1, wasm_i32x4_splat(127)), 23);
  f4 s2 = wasm_i32x4_shl(wasm_i32x4_add(n2, wasm_i32x4_splat(127)), 23);
  f4 y = wasm_f32x4_mul(wasm_f32x4_mul(p, s1), s2);
  /* above the clamp: +∞; NaN in, NaN out */
  y = wasm_v128_bitselect(SPLAT(__builtin_inff()), y, wasm_f32x4_gt(x, hi));
  return wasm_v128_bitselect(x, y, wasm_f32x4_ne(x, x));
}

/* ln x (Cephes logf): x = m·2ᵉ with m in [√½, √2), ln m by a degree-9 polynomial. ln 0 = −∞, ln(x<0) = NaN. */
static inline f4 log4(f4 x) {
  v128_t bits = x;
  /* subnormals: scale up by 2²³ first */
  v128_t sub = wasm_f32x4_lt(x, SPLAT(1.17549435e-38f));
  f4 xs = wasm_v128_bitselect(wasm_f32x4_mul(x, SPLAT(8388608.0f)), x, sub);
  bits = xs;
  v128_t e = wasm_i32x4_sub(wasm_u32x4_shr(bits, 23), wasm_i32x4_splat(127));
  e = wasm_v128_bitselect(wasm_i32x4_sub(e, wasm_i32x4_splat(23)), e, sub);
  f4 m = wasm_v128_or(wasm_v128_and(bits, wasm_i32x4_splat(0x007fffff)), wasm_i32x4_splat(0x3f800000));
  v128_t big = wasm_f32x4_gt(m, SPLAT(1.41421356f));
  m = wasm_v128_bitselect(wasm_f32x4_mul(m, SPLAT(0.5f)), m, big);
  e = wasm_v128_bitselect(wasm_i32x4_add(e, wasm_i32x4_splat(1)), e, big);
  f4 fe = wasm_f32x4_convert_i32x4(e);
  f4 t = wasm_f32x4_sub(m, SPLAT(1.0f));
  f4 p = SPLAT(7.0376836292E-2f);
  p = MADD(p, t, SPLAT(-1.1514610310E-1f));
  p = MADD(p, t, SPLAT(1.1676998740E-1f));
  p = MADD(p, t, SPLAT(-1.2420140846E-1f));
  p = MADD(p, t, SPLAT(1.4249322787E-1f));
  p = MADD(p, t, SPLAT(-1.6668057665E-1f));
  p = MADD(p, t, SPLAT(2.0000714765E-1f));
  p = MADD(p, t, SPLAT(-2.4999993993E-1f));
  p = MADD(p, t, SPLAT(3.3333331174E-1f));
  f4 t2 = wasm_f32x4_mul(t, t);
  f4 y = wasm_f32x4_mul(wasm_f32x4_mul(p, t), t2);
  y = wasm_f32x4_add(y, wasm_f32x4_mul(fe, SPLAT(-2.12194440e-4f)));
  y = wasm_f32x4_sub(y, wasm_f32x4_mul(t2, SPLAT(0.5f)));
  y = wasm_f32x4_add(wasm_f32x4_add(t, y), wasm_f32x4_mul(fe, SPLAT(0.693359375f)));
  /* specials: 0 → −∞, negative → NaN, +∞ → +∞, NaN → NaN */
  y = wasm_v128_bitselect(SPLAT(-__builtin_inff()), y, wasm_f32x4_eq(x, SPLAT(0.0f)));
  y = wasm_v128_bitselect(SPLAT(__builtin_nanf("")), y, wasm_f32x4_lt(x, SPLAT(0.0f)));
  y = wasm_v128_bitselect(x, y, wasm_f32x4_eq(x, SPLAT(__builtin_inff())));
  return wasm_v128_bitselect(x, y, wasm_f32x4_ne(x, x));
}

/* tanh x: an odd polynomial for |x| < 0.625 (Cephes tanhf), 1 − 2/(e^{2|x|} + 1) with x's sign beyond. */
static inline f4 tanh4(f4 x) {
  f4 ax = wasm_f32x4_abs(x);
  f4 x2 = wasm_f32x4_mul(x, x);
  f4 p = SPLAT(-5.70498872745E-3f);
  p = MADD(p, x2, SPLAT(2.06390887954E-2f));
  p = MADD(p, x2, SPLAT(-5.37397155531E-2f));
  p = MADD(p, x2, SPLAT(1.33314422036E-1f));
  p = MADD(p, x2, SPLAT(-3.33332819422E-1f));
  f4 small = MADD(wasm_f32x4_mul(p, x2), x, x);
  f4 e = exp4(wasm_f32x4_add(ax, ax));
  f4 large = wasm_f32x4_sub(SPLAT(1.0f), wasm_f32x4_div(SPLAT(2.0f), wasm_f32x4_add(e, SPLAT(1.0f))));
  large = wasm_v128_or(large, wasm_v128_and(x, wasm_i32x4_splat((int32_t)0x80000000)));
  f4 y = wasm_v128_bitselect(small, large, wasm_f32x4_lt(ax, SPLAT(0.625f)));
  return wasm_v128_bitselect(x, y, wasm_f32x4_ne(x, x));
}

/* σ(x) = 1/(1 + e⁻ˣ) for x ≥ 0 and eˣ/(1 + eˣ) below, so neither side overflows or cancels. */
static inline f4 sigmoid4(f4 x) {
  f4 e = exp4(wasm_f32x4_neg(wasm_f32x4_abs(x)));
  f4 r = wasm_f32x4_div(SPLAT(1.0f), wasm_f32x4_add(SPLAT(1.0f), e));
  f4 y = wasm_v128_bitselect(r, wasm_f32x4_mul(e, r), wasm_f32x4_ge(x, SPLAT(0.0f)));
  return wasm_v128_bitselect(x, y, wasm_f32x4_ne(x, x));
}

#endif
