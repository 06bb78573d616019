/*
 * The N-API glue: each export unpacks its arguments (Float32Arrays are used in place, no copies) and
 * calls a kernel. The JS side (../index.ts) checks sizes; these functions trust them.
 */
#include <stdint.h>
#include <node_api.h>
#include "kernels.h"

#define MAX_ARGS 12
/* Bumped whenever an export changes, so that a stale build is not loaded by newer JS. */
#define ADDON_VERSION 2

typedef struct { napi_env env; napi_value v[MAX_ARGS]; size_t n; int ok; } args_t;

static args_t get_args(napi_env env, napi_callback_info info) {
  args_t a = {env, {0}, MAX_ARGS, 1};
  if (napi_get_cb_info(env, info, &a.n, a.v, NULL, NULL) != napi_ok) a.ok = 0;
  return a;
}

static void* typed(args_t* a, size_t i, napi_typedarray_type want) {
  if (!a->ok) return NULL;
  napi_valuetype t;
  if (i >= a->n || napi_typeof(a->env, a->v[i], &t) != napi_ok) { a->ok = 0; return NULL; }
  if (t == napi_null) return NULL;
  napi_typedarray_type type;
  size_t len, offset;
  void* data;
  napi_value buffer;
  if (napi_get_typedarray_info(a->env, a->v[i], &type, &len, &data, &buffer, &offset) != napi_ok || type != want) {
    napi_throw_type_error(a->env, NULL, "nabla native: expected a typed array argument");
    a->ok = 0;
    return NULL;
  }
  return data;
}

static float* f32(args_t* a, size_t i) { return typed(a, i, napi_float32_array); }

static double num(args_t* a, size_t i) {
  double d = 0;
  if (a->ok && (i >= a->n || napi_get_value_double(a->env, a->v[i], &d) != napi_ok)) a->ok = 0;
  return d;
}

static long len_of(args_t* a, size_t i) {
  napi_typedarray_type type;
  size_t len = 0, offset;
  void* data;
  napi_value buffer;
  if (a->ok && napi_get_typedarray_info(a->env, a->v[i], &type, &len, &data, &buffer, &offset) != napi_ok) a->ok = 0;
  return (long)len;
}

static napi_value gemm(napi_env env, napi_callback_info info) {
  args_t a = get_args(env, info);
  float *pa = f32(&a, 0), *pb = f32(&a, 1), *pc = f32(&a, 2);
  int batch = num(&a, 3), m = num(&a, 4), n = num(&a, 5), k = num(&a, 6), flags = num(&a, 7);
  long sa = num(&a, 8), sb = num(&a, 9);
  if (a.ok) nb_gemm(pa, pb, pc, batch, m, n, k, flags, sa, sb);
  return NULL;
}

static napi_value linear(napi_env env, napi_callback_info info) {
  args_t a = get_args(env, info);
  float *x = f32(&a, 0), *w = f32(&a, 1), *bias = f32(&a, 2), *out = f32(&a, 3);
  int rows = num(&a, 4), inF = num(&a, 5), outF = num(&a, 6), act = num(&a, 7);
  if (a.ok) nb_linear(x, w, bias, out, rows, inF, outF, act);
  return NULL;
}

static napi_value unary(napi_env env, napi_callback_info info) {
  args_t a = get_args(env, info);
  int op = num(&a, 0);
  float *x = f32(&a, 1), *out = f32(&a, 2);
  double p = num(&a, 3), q = num(&a, 4);
  long n = len_of(&a, 1);
  if (a.ok) nb_unary(op, x, out, n, (float)p, (float)q);
  return NULL;
}

static napi_value binary(napi_env env, napi_callback_info info) {
  args_t a = get_args(env, info);
  int op = num(&a, 0);
  float *x = f32(&a, 1), *y = f32(&a, 2), *out = f32(&a, 3);
  int swap = num(&a, 4);
  long n = len_of(&a, 3), nb = len_of(&a, 2);
  if (a.ok) nb_binary(op, x, y, out, n, nb, swap);
  return NULL;
}

static napi_value reduce(napi_env env, napi_callback_info info) {
  args_t a = get_args(env, info);
  int op = num(&a, 0);
  float *x = f32(&a, 1), *out = f32(&a, 5);
  long outer = num(&a, 2), size = num(&a, 3), inner = num(&a, 4);
  if (a.ok) nb_reduce(op, x, outer, size, inner, out);
  return NULL;
}

static napi_value softmax_rows(napi_env env, napi_callback_info info) {
  args_t a = get_args(env, info);
  float *x = f32(&a, 0), *out = f32(&a, 3);
  long rows = num(&a, 1), n = num(&a, 2);
  int log = num(&a, 4);
  if (a.ok) nb_softmax_rows(x, rows, n, out, log);
  return NULL;
}

static napi_value activation_grad(napi_env env, napi_callback_info info) {
  args_t a = get_args(env, info);
  int act = num(&a, 0);
  float *g = f32(&a, 1), *y = f32(&a, 2), *out = f32(&a, 3);
  long n = len_of(&a, 1);
  if (a.ok) nb_activation_grad(act, g, y, out, n);
  return NULL;
}

static napi_value adam(napi_env env, napi_callback_info info) {
  args_t a = get_args(env, info);
  float *p = f32(&a, 0), *g = f32(&a, 1), *m = f32(&a, 2), *v = f32(&a, 3), *vmax = f32(&a, 4);
  double* h = typed(&a, 5, napi_float64_array);
  long n = len_of(&a, 0);
  if (a.ok && h) nb_adam(p, g, m, v, vmax, n, h);
  return NULL;
}

static napi_value set_num_threads(napi_env env, napi_callback_info info) {
  args_t a = get_args(env, info);
  int n = num(&a, 0);
  if (a.ok && n > 0) nb_set_threads(n);
  return NULL;
}

static napi_value blas_core(napi_env env, napi_callback_info info) {
  napi_value s;
  napi_create_string_utf8(env, nb_blas_info(), NAPI_AUTO_LENGTH, &s);
  return s;
}

static napi_value version(napi_env env, napi_callback_info info) {
  napi_value v;
  napi_create_int32(env, ADDON_VERSION, &v);
  return v;
}

NAPI_MODULE_INIT() {
  const char* error = nb_init();
  if (error) {
    napi_throw_error(env, NULL, error);
    return NULL;
  }
  napi_property_descriptor props[] = {
    {"gemm", 0, gemm, 0, 0, 0, napi_default, 0},
    {"linear", 0, linear, 0, 0, 0, napi_default, 0},
    {"unary", 0, unary, 0, 0, 0, napi_default, 0},
    {"binary", 0, binary, 0, 0, 0, napi_default, 0},
    {"reduce", 0, reduce, 0, 0, 0, napi_default, 0},
    {"softmaxRows", 0, softmax_rows, 0, 0, 0, napi_default, 0},
    {"activationGrad", 0, activation_grad, 0, 0, 0, napi_default, 0},
    {"adam", 0, adam, 0, 0, 0, napi_default, 0},
    {"setNumThreads", 0, set_num_threads, 0, 0, 0, napi_default, 0},
    {"blasCore", 0, blas_core, 0, 0, 0, napi_default, 0},
    {"version", 0, version, 0, 0, 0, napi_default, 0},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}
