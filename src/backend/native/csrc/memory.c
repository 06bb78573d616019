/*
 * Large tensor buffers and glibc's malloc. Node allocates every ArrayBuffer with malloc; glibc maps blocks
 * above its mmap threshold (128 KiB, rising only as such blocks are freed) straight from the kernel and
 * unmaps them when freed, so a training step that allocates and drops a few 0.1-1 MB activations and
 * gradients pays page faults and zeroing for each of their pages, every step: 10-20% of a step of an
 * MLP on MNIST here. Like PyTorch's caching allocator, the native backend keeps such blocks for reuse
 * instead: blocks up to 32 MiB come from malloc's heap, and up to 256 MiB of free heap is kept. Whatever
 * the user set (MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_, GLIBC_TUNABLES) is left alone.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "kernels.h"

#if defined(__GLIBC__)
#include <malloc.h>

void nb_keep_large_blocks(void) {
  const char* tunables = getenv("GLIBC_TUNABLES");
  int tuned = tunables && (strstr(tunables, "mmap_threshold") || strstr(tunables, "trim_threshold"));
  if (tuned || getenv("MALLOC_MMAP_THRESHOLD_") || getenv("MALLOC_TRIM_THRESHOLD_")) return;
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
}
#else
void nb_keep_large_blocks(void) {}
#endif
