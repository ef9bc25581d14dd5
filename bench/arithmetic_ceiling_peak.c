/*
 * Register peaks of this CPU for bench/arithmetic-ceiling.ts, built and run by bench/arithmetic_ceiling_numpy.py
 * (gcc -O2 -mavx2 -mfma -ffp-contract=off): twelve independent chains of acc <- acc*0.5 + 1 on registers, as
 * kernels/ceiling.ts's multiplyAddPeak does them, in three forms:
 *   sse2_mul_add   two-lane multiply then add (what WebAssembly's f64x2 becomes on x86-64)
 *   avx_mul_add    four-lane multiply then add
 *   avx2_fma       four-lane fused multiply-add (OpenBLAS's dgemm kernel on this CPU)
 * Usage: peak REPS. Prints `peak KIND WALL_GFLOPS CPU_GFLOPS`, medians of REPS timings; every chain must end at 2.
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ROUNDS 50000000L

static double seconds(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* volatile, so that the compiler cannot fold the chains' constants into the loop's count. */
static volatile double half_value = 0.5, one_value = 1.0;

#define CHAINS(type, splat, step, sum)                                                                  \
  const type h = splat(half_value), o = splat(one_value);                                               \
  type a0 = splat(0), a1 = splat(1), a2 = splat(2), a3 = splat(3), a4 = splat(4), a5 = splat(5);        \
  type a6 = splat(6), a7 = splat(7), a8 = splat(8), a9 = splat(9), a10 = splat(10), a11 = splat(11);    \
  for (long r = 0; r < rounds; r++) {                                                                   \
    a0 = step(a0); a1 = step(a1); a2 = step(a2); a3 = step(a3); a4 = step(a4); a5 = step(a5);           \
    a6 = step(a6); a7 = step(a7); a8 = step(a8); a9 = step(a9); a10 = step(a10); a11 = step(a11);       \
  }                                                                                                     \
  type s = sum(sum(sum(a0, a1), sum(a2, a3)), sum(sum(sum(a4, a5), sum(a6, a7)), sum(sum(a8, a9), sum(a10, a11))));

#define SSE_STEP(a) _mm_add_pd(_mm_mul_pd(a, h), o)
#define AVX_STEP(a) _mm256_add_pd(_mm256_mul_pd(a, h), o)
#define FMA_STEP(a) _mm256_fmadd_pd(a, h, o)

static double sse2_mul_add(long rounds) {
  CHAINS(__m128d, _mm_set1_pd, SSE_STEP, _mm_add_pd)
  double lanes[2];
  _mm_storeu_pd(lanes, s);
  return lanes[0] + lanes[1];
}

static double avx_mul_add(long rounds) {
  CHAINS(__m256d, _mm256_set1_pd, AVX_STEP, _mm256_add_pd)
  double lanes[4];
  _mm256_storeu_pd(lanes, s);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}

static double avx2_fma(long rounds) {
  CHAINS(__m256d, _mm256_set1_pd, FMA_STEP, _mm256_add_pd)
  double lanes[4];
  _mm256_storeu_pd(lanes, s);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3];
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void report(const char *name, double (*loop)(long), int lanes, int reps) {
  double walls[64], cpus[64];
  const double expected = 2.0 * 12 * lanes;
  for (int r = 0; r < reps; r++) {
    double w0 = seconds(CLOCK_MONOTONIC), c0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
    double result = loop(ROUNDS);
    walls[r] = seconds(CLOCK_MONOTONIC) - w0;
    cpus[r] = seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (result != expected) {
      fprintf(stderr, "%s: chains summed to %g, not %g\n", name, result, expected);
      exit(1);
    }
  }
  qsort(walls, reps, sizeof(double), by_value);
  qsort(cpus, reps, sizeof(double), by_value);
  /* Each round: 12 chains x `lanes` lanes x 2 flops (a multiply and an add, or one fused multiply-add). */
  const double flops = (double)ROUNDS * 12 * lanes * 2;
  printf("peak %s %.4g %.4g\n", name, flops / walls[reps / 2] / 1e9, flops / cpus[reps / 2] / 1e9);
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 5;
  if (reps < 1 || reps > 64) {
    fprintf(stderr, "usage: peak REPS (1 to 64), got '%s'\n", argc > 1 ? argv[1] : "");
    return 2;
  }
  report("sse2_mul_add", sse2_mul_add, 2, reps);
  report("avx_mul_add", avx_mul_add, 4, reps);
  report("avx2_fma", avx2_fma, 4, reps);
  return 0;
}
