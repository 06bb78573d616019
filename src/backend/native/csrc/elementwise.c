/* Elementwise, reduction, softmax and optimiser kernels; NaN behaves as in the JS backend. */
#include <math.h>
#include <stdlib.h>
#include "kernels.h"

enum { U_NEG, U_ABS, U_SQUARE, U_SQRT, U_RSQRT, U_RECIPROCAL, U_RELU, U_EXP, U_LOG, U_TANH, U_SIGMOID,
       U_ADD_SCALAR, U_MUL_SCALAR, U_CLAMP, U_LEAKY_RELU, U_HEAVISIDE, U_FLOOR, U_CEIL, U_ROUND, U_SIGN,
       U_IS_NAN, U_IS_FINITE, U_SILU };
enum { B_ADD, B_SUB, B_MUL, B_DIV, B_MAXIMUM, B_MINIMUM, B_EQ, B_NE, B_LT, B_LE, B_GT, B_GE };
enum { R_SUM, R_MAX, R_MIN };

static inline float sigmoidf(float x) {
  if (x >= 0) return 1.0f / (1.0f + expf(-x));
  float e = expf(x);
  return e / (1.0f + e);
}

MULTIVERSION void nb_unary(int op, const float* restrict x, float* restrict out, long n, float a, float b) {
  switch (op) {
    case U_NEG: for (long i = 0; i < n; i++) out[i] = -x[i]; return;
    case U_ABS: for (long i = 0; i < n; i++) out[i] = fabsf(x[i]); return;
    case U_SQUARE: for (long i = 0; i < n; i++) out[i] = x[i] * x[i]; return;
    case U_SQRT: for (long i = 0; i < n; i++) out[i] = sqrtf(x[i]); return;
    case U_RSQRT: for (long i = 0; i < n; i++) out[i] = 1.0f / sqrtf(x[i]); return;
    case U_RECIPROCAL: for (long i = 0; i < n; i++) out[i] = 1.0f / x[i]; return;
    case U_RELU: for (long i = 0; i < n; i++) out[i] = x[i] <= 0.0f ? 0.0f : x[i]; return;
    case U_EXP: for (long i = 0; i < n; i++) out[i] = expf(x[i]); return;
    case U_LOG: for (long i = 0; i < n; i++) out[i] = logf(x[i]); return;
    case U_TANH: for (long i = 0; i < n; i++) out[i] = tanhf(x[i]); return;
    case U_SIGMOID: for (long i = 0; i < n; i++) out[i] = sigmoidf(x[i]); return;
    case U_SILU: for (long i = 0; i < n; i++) out[i] = x[i] * sigmoidf(x[i]); return;
    case U_ADD_SCALAR: for (long i = 0; i < n; i++) out[i] = x[i] + a; return;
    case U_MUL_SCALAR: for (long i = 0; i < n; i++) out[i] = x[i] * a; return;
    case U_CLAMP: for (long i = 0; i < n; i++) { float y = x[i] < a ? a : x[i]; out[i] = y > b ? b : y; } return;
    case U_LEAKY_RELU: for (long i = 0; i < n; i++) out[i] = x[i] > 0.0f ? x[i] : a * x[i]; return;
    case U_HEAVISIDE: for (long i = 0; i < n; i++) out[i] = x[i] > 0.0f ? 1.0f : 0.0f; return;
    case U_FLOOR: for (long i = 0; i < n; i++) out[i] = floorf(x[i]); return;
    case U_CEIL: for (long i = 0; i < n; i++) out[i] = ceilf(x[i]); return;
    case U_ROUND: for (long i = 0; i < n; i++) out[i] = nearbyintf(x[i]); return; /* ties to even */
    case U_SIGN: for (long i = 0; i < n; i++) out[i] = x[i] > 0.0f ? 1.0f : x[i] < 0.0f ? -1.0f : x[i] == 0.0f ? 0.0f : x[i]; return;
    case U_IS_NAN: for (long i = 0; i < n; i++) out[i] = x[i] != x[i] ? 1.0f : 0.0f; return;
    case U_IS_FINITE: for (long i = 0; i < n; i++) out[i] = fabsf(x[i]) < INFINITY ? 1.0f : 0.0f; return;
  }
}

static inline float binary1(int op, float x, float y) {
  switch (op) {
    case B_ADD: return x + y;
    case B_SUB: return x - y;
    case B_MUL: return x * y;
    case B_DIV: return x / y;
    case B_MAXIMUM: return x != x || y != y ? x + y : x > y ? x : y;
    case B_MINIMUM: return x != x || y != y ? x + y : x < y ? x : y;
    case B_EQ: return x == y;
    case B_NE: return x != y;
    case B_LT: return x < y;
    case B_LE: return x <= y;
    case B_GT: return x > y;
    case B_GE: return x >= y;
  }
  return x;
}

/* out = op(a, b) where b (nb values) repeats along a's leading dims (op(b, a) when swapped). */
MULTIVERSION void nb_binary(int op, const float* restrict a, const float* restrict b, float* restrict out, long n, long nb, int swap) {
  if (nb == 1) {
    float s = b[0];
    switch (op) {
      case B_ADD: for (long i = 0; i < n; i++) out[i] = a[i] + s; return;
      case B_MUL: for (long i = 0; i < n; i++) out[i] = a[i] * s; return;
      case B_SUB: if (swap) for (long i = 0; i < n; i++) out[i] = s - a[i]; else for (long i = 0; i < n; i++) out[i] = a[i] - s; return;
      case B_DIV: if (swap) for (long i = 0; i < n; i++) out[i] = s / a[i]; else for (long i = 0; i < n; i++) out[i] = a[i] / s; return;
    }
  }
  for (long r = 0; r < n; r += nb) {
    const float* ar = a + r;
    float* o = out + r;
    switch (op) {
      case B_ADD: for (long j = 0; j < nb; j++) o[j] = ar[j] + b[j]; break;
      case B_MUL: for (long j = 0; j < nb; j++) o[j] = ar[j] * b[j]; break;
      case B_SUB: if (swap) for (long j = 0; j < nb; j++) o[j] = b[j] - ar[j]; else for (long j = 0; j < nb; j++) o[j] = ar[j] - b[j]; break;
      case B_DIV: if (swap) for (long j = 0; j < nb; j++) o[j] = b[j] / ar[j]; else for (long j = 0; j < nb; j++) o[j] = ar[j] / b[j]; break;
      default:
        if (swap) for (long j = 0; j < nb; j++) o[j] = binary1(op, b[j], ar[j]);
        else for (long j = 0; j < nb; j++) o[j] = binary1(op, ar[j], b[j]);
    }
  }
}

static double sum_row(const float* restrict x, long n) {
  double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  long i = 0;
  for (; i + 8 <= n; i += 8) for (int j = 0; j < 8; j++) s[j] += x[i + j];
  for (; i < n; i++) s[0] += x[i];
  return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

/* Sums in double (8 partial sums along a row; a double accumulator per column otherwise); max and min keep a NaN. */
MULTIVERSION void nb_reduce(int op, const float* restrict x, long outer, long size, long inner, float* restrict out) {
  if (op == R_SUM && inner == 1) {
    for (long o = 0; o < outer; o++) out[o] = (float)sum_row(x + o * size, size);
    return;
  }
  double* acc = op == R_SUM ? malloc(sizeof(double) * inner) : 0;
  for (long o = 0; o < outer; o++) {
    const float* base = x + o * size * inner;
    float* dst = out + o * inner;
    if (op == R_SUM) {
      for (long i = 0; i < inner; i++) acc[i] = 0;
      for (long t = 0; t < size; t++) for (long i = 0; i < inner; i++) acc[i] += base[t * inner + i];
      for (long i = 0; i < inner; i++) dst[i] = (float)acc[i];
    } else {
      for (long i = 0; i < inner; i++) dst[i] = base[i];
      for (long t = 1; t < size; t++) {
        const float* row = base + t * inner;
        for (long i = 0; i < inner; i++) {
          float v = row[i], m = dst[i];
          dst[i] = (op == R_MAX ? v > m : v < m) || v != v ? v : m;
        }
      }
    }
  }
  free(acc);
}

MULTIVERSION void nb_softmax_rows(const float* restrict x, long rows, long n, float* restrict out, int log) {
  for (long r = 0; r < rows; r++) {
    const float* xr = x + r * n;
    float* yr = out + r * n;
    float m = -INFINITY;
    for (long i = 0; i < n; i++) if (xr[i] > m || xr[i] != xr[i]) m = xr[i];
    if (m == -INFINITY) m = 0.0f;
    double sum = 0;
    for (long i = 0; i < n; i++) sum += expf(xr[i] - m);
    if (log) {
      float lse = (float)logf((float)sum);
      for (long i = 0; i < n; i++) yr[i] = (xr[i] - m) - lse;
    } else {
      float inv = (float)(1.0 / sum);
      for (long i = 0; i < n; i++) yr[i] = expf(xr[i] - m) * inv;
    }
  }
}

MULTIVERSION void nb_activate(int act, float* y, long n) {
  switch (act) {
    case A_RELU: for (long i = 0; i < n; i++) y[i] = y[i] <= 0.0f ? 0.0f : y[i]; return;
    case A_TANH: for (long i = 0; i < n; i++) y[i] = tanhf(y[i]); return;
    case A_SIGMOID: for (long i = 0; i < n; i++) y[i] = sigmoidf(y[i]); return;
  }
}

/* y[r, c] = act(y[r, c] + bias[c]) (bias may be null): one pass over the GEMM's output. */
MULTIVERSION void nb_bias_activate(int act, float* restrict y, const float* restrict bias, long rows, long cols) {
  if (!bias) {
    nb_activate(act, y, rows * cols);
    return;
  }
  for (long r = 0; r < rows; r++) {
    float* yr = y + r * cols;
    switch (act) {
      case A_RELU: for (long c = 0; c < cols; c++) { float v = yr[c] + bias[c]; yr[c] = v <= 0.0f ? 0.0f : v; } break;
      case A_TANH: for (long c = 0; c < cols; c++) yr[c] = tanhf(yr[c] + bias[c]); break;
      case A_SIGMOID: for (long c = 0; c < cols; c++) yr[c] = sigmoidf(yr[c] + bias[c]); break;
      default: for (long c = 0; c < cols; c++) yr[c] += bias[c];
    }
  }
}

MULTIVERSION void nb_activation_grad(int act, const float* restrict g, const float* restrict y, float* restrict out, long n) {
  switch (act) {
    case A_RELU: for (long i = 0; i < n; i++) out[i] = y[i] > 0.0f ? g[i] : 0.0f; return;
    case A_TANH: for (long i = 0; i < n; i++) out[i] = g[i] * (1.0f - y[i] * y[i]); return;
    case A_SIGMOID: for (long i = 0; i < n; i++) out[i] = g[i] * (y[i] * (1.0f - y[i])); return;
    default: for (long i = 0; i < n; i++) out[i] = g[i]; return;
  }
}

MULTIVERSION static void adam_range(float* restrict p, const float* restrict g, float* restrict m, float* restrict v,
                                    float* restrict vmax, long lo, long hi, const double* h) {
  const float b1 = (float)h[0], b2 = (float)h[1], c1 = (float)h[2], c2 = (float)h[3], eps = (float)h[4];
  const float step = (float)h[5], bc2 = (float)h[6], l2 = (float)h[7], shrink = (float)h[8], sign = (float)h[9];
  if (vmax) {
    for (long i = lo; i < hi; i++) {
      float pv = p[i] * shrink, gi = sign * g[i] + l2 * pv;
      float mv = b1 * m[i] + c1 * gi, vv = b2 * v[i] + c2 * (gi * gi);
      float vm = vmax[i] > vv ? vmax[i] : vv;
      m[i] = mv; v[i] = vv; vmax[i] = vm;
      p[i] = pv - (step * mv) / (sqrtf(vm) / bc2 + eps);
    }
  } else {
    for (long i = lo; i < hi; i++) {
      float pv = p[i] * shrink, gi = sign * g[i] + l2 * pv;
      float mv = b1 * m[i] + c1 * gi, vv = b2 * v[i] + c2 * (gi * gi);
      m[i] = mv; v[i] = vv;
      p[i] = pv - (step * mv) / (sqrtf(vv) / bc2 + eps);
    }
  }
}

typedef struct { float *p, *m, *v, *vmax; const float* g; long n; const double* h; } adam_task;

static void adam_part(void* ctx, int part, int parts) {
  adam_task* t = ctx;
  long lo = t->n * part / parts & ~15L, hi = part + 1 == parts ? t->n : t->n * (part + 1) / parts & ~15L;
  adam_range(t->p, t->g, t->m, t->v, t->vmax, lo, hi, t->h);
}

/* Elementwise, so split across the pool from 64K values (each thread streams its own share of memory). */
void nb_adam(float* p, const float* g, float* m, float* v, float* vmax, long n, const double* h) {
  adam_task t = {p, m, v, vmax, g, n, h};
  nb_pool_run(adam_part, &t, n >= 65536 ? nb_pool_threads() : 1);
}
