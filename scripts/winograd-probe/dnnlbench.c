// Issue 16's Winograd probe (scripts/winograd-probe/run.sh): the x3 network's layer 2 (64 -> 32,
// 3x3, f32, one image H x W) through Debian's oneDNN 2.6 (libdnnl.so.2, no headers installed, so the
// few C API declarations and enum values of oneDNN 2.x are written out here): its direct
// convolution against its own JIT Winograd F(4x4,3x3), which oneDNN 3.x (libtorch 2.7.1's) no longer
// has; layers 1 and 3 (direct) for the share of the time. Threads: OMP_NUM_THREADS.
// usage: dnnlbench H W [ROUNDS [CALLS]]
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <time.h>
typedef int64_t dims_t[12];
typedef void *h_t;
typedef struct { int arg; h_t mem; } exec_arg_t;
#define MD_BYTES 8192
#define OD_BYTES 65536
extern int dnnl_engine_create(h_t *, int, size_t);
extern int dnnl_stream_create(h_t *, h_t, unsigned);
extern int dnnl_memory_desc_init_by_tag(void *md, int nd, const int64_t *dims, int dt, int tag);
extern int dnnl_convolution_forward_desc_init(void *cd, int prop, int alg, const void *src,
  const void *w, const void *b, const void *dst, const int64_t *s, const int64_t *pl, const int64_t *pr);
extern int dnnl_primitive_desc_create(h_t *, const void *op, h_t attr, h_t eng, h_t hint);
extern const void *dnnl_primitive_desc_query_md(h_t pd, int what, int idx);
extern int dnnl_primitive_desc_query(h_t pd, int what, int idx, void *result);
extern size_t dnnl_memory_desc_get_size(const void *md);
extern int dnnl_memory_create(h_t *, const void *md, h_t eng, void *handle);
extern int dnnl_memory_get_data_handle(h_t mem, void **h);
extern int dnnl_primitive_create(h_t *, h_t pd);
extern int dnnl_primitive_execute(h_t p, h_t s, int n, const exec_arg_t *args);
extern int dnnl_stream_wait(h_t s);
extern int dnnl_reorder_primitive_desc_create(h_t *, const void *src, h_t se, const void *dst, h_t de, h_t attr);
#define CK(x) do { int st_ = (x); if (st_) { fprintf(stderr, "%s -> %d\n", #x, st_); return NULL; } } while (0)
static double now() { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static h_t eng, strm;
static void reorder(h_t from, const void *fmd, h_t to, const void *tmd) {
  h_t pd, p; if (dnnl_reorder_primitive_desc_create(&pd, fmd, eng, tmd, eng, NULL)) { fprintf(stderr, "reorder pd\n"); exit(1); }
  dnnl_primitive_create(&p, pd);
  exec_arg_t a[2] = {{1, from}, {17, to}}; dnnl_primitive_execute(p, strm, 2, a); dnnl_stream_wait(strm);
}
typedef struct { h_t prim; h_t src, w, b, dst; const void *dmd; char impl[256]; } conv_t;
/* a conv of C->O channels, k x k, "same" padding, on H x W; user data in nchw/oihw */
static conv_t *make(int alg, int C, int O, int k, int H, int W, float *x, float *wt, float *bias) {
  static char buf[8][MD_BYTES]; char *od = malloc(OD_BYTES);
  int64_t sd[4] = {1, C, H, W}, wd[4] = {O, C, k, k}, bd[1] = {O}, dd[4] = {1, O, H, W};
  int64_t st[2] = {1, 1}, pad[2] = {k / 2, k / 2};
  CK(dnnl_memory_desc_init_by_tag(buf[0], 4, sd, 3, 1));
  CK(dnnl_memory_desc_init_by_tag(buf[1], 4, wd, 3, 1));
  CK(dnnl_memory_desc_init_by_tag(buf[2], 1, bd, 3, 2));
  CK(dnnl_memory_desc_init_by_tag(buf[3], 4, dd, 3, 1));
  CK(dnnl_convolution_forward_desc_init(od, 96, alg, buf[0], buf[1], buf[2], buf[3], st, pad, pad));
  h_t pd; CK(dnnl_primitive_desc_create(&pd, od, NULL, eng, NULL));
  conv_t *c = calloc(1, sizeof(conv_t));
  const char *impl = NULL; dnnl_primitive_desc_query(pd, 8, 0, &impl); snprintf(c->impl, 256, "%s", impl);
  const void *smd = dnnl_primitive_desc_query_md(pd, 129, 0), *wmd = dnnl_primitive_desc_query_md(pd, 131, 0);
  c->dmd = dnnl_primitive_desc_query_md(pd, 133, 0);
  CK(dnnl_memory_create(&c->src, smd, eng, (void *)-1)); CK(dnnl_memory_create(&c->w, wmd, eng, (void *)-1));
  CK(dnnl_memory_create(&c->b, buf[2], eng, (void *)-1)); CK(dnnl_memory_create(&c->dst, c->dmd, eng, (void *)-1));
  h_t ux, uw;
  dnnl_memory_desc_init_by_tag(buf[4], 4, sd, 3, 5); dnnl_memory_desc_init_by_tag(buf[5], 4, wd, 3, 5);
  dnnl_memory_create(&ux, buf[4], eng, x); dnnl_memory_create(&uw, buf[5], eng, wt);
  reorder(ux, buf[4], c->src, smd); reorder(uw, buf[5], c->w, wmd);
  void *bh; dnnl_memory_get_data_handle(c->b, &bh); memcpy(bh, bias, O * sizeof(float));
  CK(dnnl_primitive_create(&c->prim, pd));
  return c;
}
static void run(conv_t *c) {
  exec_arg_t a[4] = {{1, c->src}, {33, c->w}, {41, c->b}, {17, c->dst}};
  dnnl_primitive_execute(c->prim, strm, 4, a); dnnl_stream_wait(strm);
}
static void out_nchw(conv_t *c, int O, int H, int W, float *y) {
  static char m[MD_BYTES]; int64_t dd[4] = {1, O, H, W}; h_t u;
  dnnl_memory_desc_init_by_tag(m, 4, dd, 3, 5); dnnl_memory_create(&u, m, eng, y); reorder(c->dst, c->dmd, u, m);
}
static int cmp(const void *a, const void *b) { double d = *(double *)a - *(double *)b; return d < 0 ? -1 : d > 0; }
static double median_ms(conv_t *c, int n) {
  double t[64]; run(c);
  for (int i = 0; i < n; i++) { double t0 = now(); run(c); t[i] = (now() - t0) * 1e3; }
  qsort(t, n, sizeof(double), cmp); return t[n / 2];
}
static unsigned long long rs = 88172645463325252ULL;
static float rnd() { rs ^= rs << 13; rs ^= rs >> 7; rs ^= rs << 17; return (rs >> 11) * (1.0 / 9007199254740992.0) * 2 - 1; }
int main(int argc, char **argv) {
  int H = atoi(argv[1]), W = atoi(argv[2]), rounds = argc > 3 ? atoi(argv[3]) : 3, reps = argc > 4 ? atoi(argv[4]) : 7;
  if (dnnl_engine_create(&eng, 1, 0) || dnnl_stream_create(&strm, eng, 1)) return 1;
  /* layer 2 of the x3 network: 64 -> 32, 3x3; inputs like tanh outputs in [-1, 1] */
  int C = 64, O = 32, k = 3;
  float *x = malloc(sizeof(float) * C * H * W), *w = malloc(sizeof(float) * O * C * 9), b[32];
  for (long i = 0; i < (long)C * H * W; i++) x[i] = rnd();
  for (int i = 0; i < O * C * 9; i++) w[i] = rnd() * 0.1f;
  for (int i = 0; i < O; i++) b[i] = rnd() * 0.1f;
  conv_t *d = make(1, C, O, k, H, W, x, w, b), *w2 = make(2, C, O, k, H, W, x, w, b);
  if (!d || !w2) return 1;
  printf("direct impl: %s\nwinograd impl: %s\n", d->impl, w2->impl);
  /* layers 1 and 3 for the share of time */
  float *x1 = malloc(sizeof(float) * H * W), *w1 = malloc(sizeof(float) * 64 * 25), *x3 = malloc(sizeof(float) * 32 * H * W), *w3 = malloc(sizeof(float) * 9 * 32 * 9);
  for (long i = 0; i < (long)H * W; i++) x1[i] = (rnd() + 1) / 2;
  for (long i = 0; i < (long)32 * H * W; i++) x3[i] = rnd();
  for (int i = 0; i < 64 * 25; i++) w1[i] = rnd() * 0.2f;
  for (int i = 0; i < 9 * 32 * 9; i++) w3[i] = rnd() * 0.1f;
  conv_t *l1 = make(1, 1, 64, 5, H, W, x1, w1, b), *l3 = make(1, 32, 9, 3, H, W, x3, w3, b);
  printf("layer1 impl: %s\nlayer3 impl: %s\n", l1->impl, l3->impl);
  double gf2 = 2.0 * C * O * 9 * H * W / 1e9;
  for (int r = 0; r < rounds; r++) {
    double td = median_ms(d, reps), tw = median_ms(w2, reps), t1 = median_ms(l1, reps), t3 = median_ms(l3, reps);
    printf("round %d  %dx%d  layer2 direct %.2f ms (%.0f GFLOP/s)  winograd %.2f ms (%.2fx direct)  layer1 %.2f ms  layer3 %.2f ms\n",
           r, W, H, td, gf2 / td * 1e3, tw, tw / td, t1, t3);
  }
  float *yd = malloc(sizeof(float) * O * H * W), *yw = malloc(sizeof(float) * O * H * W);
  run(d); run(w2); out_nchw(d, O, H, W, yd); out_nchw(w2, O, H, W, yw);
  /* a float64 reference on a few rows */
  double md = 0, mw = 0;
  for (int o = 0; o < O; o++) for (int y = 0; y < H; y += 7) for (int xx = 0; xx < W; xx++) {
    double s = b[o];
    for (int c = 0; c < C; c++) for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
      int yy = y + i - 1, xj = xx + j - 1; if (yy < 0 || yy >= H || xj < 0 || xj >= W) continue;
      s += (double)x[((long)c * H + yy) * W + xj] * w[((o * C + c) * 3 + i) * 3 + j];
    }
    long at = ((long)o * H + y) * W + xx;
    md = fmax(md, fabs(yd[at] - s)); mw = fmax(mw, fabs(yw[at] - s));
  }
  printf("max abs error against float64 (pre-activation, every 7th row): direct %.2e, winograd %.2e\n", md, mw);
  return 0;
}
