// The machine's fp32 peak on one core, measured: 12 independent chains of 512-bit FMAs.
#include <immintrin.h>
#include <stdio.h>
#include <time.h>
static double now() { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
int main() {
  double best = 0; float s = 0;
  for (int r = 0; r < 7; r++) {
    long n = 20000000;
    __m512 b = _mm512_set1_ps(0.999f), c = _mm512_set1_ps(0.001f);
    __m512 a0=_mm512_set1_ps(1),a1=_mm512_set1_ps(2),a2=_mm512_set1_ps(3),a3=_mm512_set1_ps(4),a4=_mm512_set1_ps(5),a5=_mm512_set1_ps(6),a6=_mm512_set1_ps(7),a7=_mm512_set1_ps(8),a8=_mm512_set1_ps(9),a9=_mm512_set1_ps(10),a10=_mm512_set1_ps(11),a11=_mm512_set1_ps(12);
    double t0 = now();
    for (long k = 0; k < n; k++) {
#define F(x) x = _mm512_fmadd_ps(x, b, c);
      F(a0)F(a1)F(a2)F(a3)F(a4)F(a5)F(a6)F(a7)F(a8)F(a9)F(a10)F(a11)
      __asm__ volatile("" : "+v"(a0),"+v"(a1),"+v"(a2),"+v"(a3),"+v"(a4),"+v"(a5),"+v"(a6),"+v"(a7),"+v"(a8),"+v"(a9),"+v"(a10),"+v"(a11));
    }
    double t = now() - t0, g = n * 12.0 * 16 * 2 / t / 1e9; if (g > best) best = g;
    s += _mm512_reduce_add_ps(_mm512_add_ps(a0, a11));
  }
  printf("best %.1f GFLOP/s fp32 (zmm FMA, 12 chains) on one core (checksum %g)\n", best, s);
}
