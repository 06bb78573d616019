/*
 * A small thread pool for the native kernels: the caller and helper threads run the parts of a task.
 * Helpers poll for 0.2 ms after each task (a wake-up from sleep costs 50-150 µs here, more than a
 * small GEMM; the gaps between a training step's kernels are shorter), then sleep on a futex: polling longer
 * took a core from V8's garbage collector between steps, and measured 15-20% slower on an MLP's training
 * step (2 ms against 0.2 ms, alternating runs). Splitting a GEMM ourselves and running OpenBLAS
 * single-threaded in each part measured 1.6–1.9× faster than OpenBLAS's own threads on the
 * 128-row products of a training step (OpenBLAS wakes and synchronises its threads per call).
 * Parts are claimed, not assigned (see nb_pool_run). One task at a time: a caller that finds the pool busy
 * (another JS thread) runs its task alone.
 */
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include "kernels.h"

/*
 * Sleeping and waking on the generation counter: a futex on Linux (glibc 2.36's condition variables can
 * hang a broadcast, glibc bug 25847), short sleeps elsewhere. A futex wait returns at once when the value
 * has already changed, so no wake-up is lost.
 */
#ifdef __linux__
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
static void sleep_while(atomic_int* word, int value) { syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, value, NULL, NULL, 0); }
static void wake_all(atomic_int* word) { syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0); }
#else
static void sleep_while(atomic_int* word, int value) {
  struct timespec ts = {0, 50000};
  if (atomic_load(word) == value) nanosleep(&ts, 0);
}
static void wake_all(atomic_int* word) { (void)word; }
#endif

/* A hint to the CPU that this is a spin loop (it frees the core's pipeline for a sibling hyperthread). */
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
static inline void cpu_relax(void) { _mm_pause(); }
#elif defined(__aarch64__)
static inline void cpu_relax(void) { __asm__ __volatile__("yield"); }
#else
static inline void cpu_relax(void) {}
#endif

#define MAX_HELPERS 15
#define SPIN_NS 200000

static pthread_mutex_t run_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int generation = 0, started = 0, sleepers = 0;
/* the task now: its parts are claimed from next_part while open; active counts helpers inside it */
static atomic_int next_part = 0, open_task = 0, active = 0;
static int threads = 1;
static task_fn task;
static void* task_ctx;
static int task_parts, task_threads;

static long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

/* Runs parts of the current task until none is left. */
static void run_parts(void) {
  for (;;) {
    int p = atomic_fetch_add(&next_part, 1);
    if (p >= task_parts) return;
    task(task_ctx, p, task_parts);
  }
}

/* The generation each helper starts from, read when it is created (under run_lock, so no task is running). */
static int start_generation[MAX_HELPERS + 1];

/*
 * A helper joins a task only while it is open: one that wakes late, after the caller ran every part, does
 * nothing and is not waited for (a wake-up from sleep can take longer than the whole task).
 */
static void* helper(void* arg) {
  int id = (int)(long)arg; /* 1 .. MAX_HELPERS */
  int seen = start_generation[id]; /* not the current value: a task may already have been posted */
  for (;;) {
    long t0 = now_ns();
    int spins = 0;
    while (atomic_load_explicit(&generation, memory_order_acquire) == seen) {
      cpu_relax();
      if (++spins % 256 == 0 && now_ns() - t0 > SPIN_NS) {
        atomic_fetch_add(&sleepers, 1);
        while (atomic_load(&generation) == seen) sleep_while(&generation, seen);
        atomic_fetch_sub(&sleepers, 1);
      }
    }
    seen = atomic_load(&generation);
    atomic_fetch_add(&active, 1);
    if (atomic_load(&open_task) && id < task_threads) run_parts();
    atomic_fetch_sub(&active, 1);
  }
  return 0;
}

void nb_pool_set_threads(int n) {
  if (n < 1) n = 1;
  if (n > MAX_HELPERS + 1) n = MAX_HELPERS + 1;
  pthread_mutex_lock(&run_lock);
  /* helpers start lazily and never stop; a smaller count just leaves some idle (asleep) */
  while (atomic_load(&started) < n - 1) {
    pthread_t t;
    int id = atomic_load(&started) + 1;
    start_generation[id] = atomic_load(&generation);
    atomic_fetch_add(&started, 1);
    if (pthread_create(&t, 0, helper, (void*)(long)id) != 0) {
      atomic_fetch_sub(&started, 1);
      break;
    }
    pthread_detach(t);
  }
  threads = atomic_load(&started) + 1 < n ? atomic_load(&started) + 1 : n;
  pthread_mutex_unlock(&run_lock);
}

int nb_pool_threads(void) { return threads; }

/*
 * Runs parts 0..parts-1 of a task on the caller and the helpers: each part is claimed by whichever thread
 * gets to it first, so the caller runs them all when helpers are slow to wake. On return every part is done.
 */
void nb_pool_run(task_fn fn, void* ctx, int parts) {
  if (parts <= 1 || pthread_mutex_trylock(&run_lock) != 0) {
    for (int p = 0; p < parts; p++) fn(ctx, p, parts);
    return;
  }
  task = fn;
  task_ctx = ctx;
  task_parts = parts;
  task_threads = threads;
  atomic_store(&next_part, 0);
  atomic_store(&open_task, 1);
  atomic_fetch_add(&generation, 1);
  if (atomic_load(&sleepers) > 0) wake_all(&generation);
  run_parts();
  /* close the task, then wait for the helpers inside it (a helper checks open_task after counting itself in) */
  atomic_store(&open_task, 0);
  while (atomic_load(&active) > 0) cpu_relax();
  pthread_mutex_unlock(&run_lock);
}
