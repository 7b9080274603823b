# Makes resize-fixture.txt and prints the SSIM/PSNR reference values used by SsimTest and
# ReferenceImplementationTest. Needs numpy, scipy, Pillow and /work/shared/tools/sr_metrics.py.
import os, sys
sys.path.insert(0, '/work/shared/tools')
import numpy as np
from scipy.signal import correlate2d
import sr_metrics as m

def ssim_index(img1, img2):
    # Wang et al. 2004 ssim_index.m, default parameters
    x = np.arange(11) - 5
    g = np.exp(-(x[:, None] ** 2 + x[None, :] ** 2) / (2 * 1.5 ** 2))
    g[g < np.finfo(float).eps * g.max()] = 0
    win = g / g.sum()
    C1 = (0.01 * 255) ** 2; C2 = (0.03 * 255) ** 2
    f = lambda a: correlate2d(a, win, mode='valid')
    mu1 = f(img1); mu2 = f(img2)
    s11 = f(img1 * img1) - mu1 * mu1
    s22 = f(img2 * img2) - mu2 * mu2
    s12 = f(img1 * img2) - mu1 * mu2
    mp = ((2 * mu1 * mu2 + C1) * (2 * s12 + C2)) / ((mu1 ** 2 + mu2 ** 2 + C1) * (s11 + s22 + C2))
    return mp.mean()

def crop(a, b):
    return a[b:-b, b:-b] if b else a

# synthetic example: a(x,y) = (x*37 + y*11) % 256, b(x,y) = (a + 3*((x*y) % 7) - 9) clipped to 0..255, 17 wide 15 high
W, H = 17, 15
yy, xx = np.mgrid[0:H, 0:W]
a = ((xx * 37 + yy * 11) % 256).astype(np.float64)
b = np.clip(a + 3 * ((xx * yy) % 7) - 9, 0, 255)
print('synthetic ssim border0 %.15f' % ssim_index(a, b))
print('synthetic ssim border2 %.15f' % ssim_index(crop(a, 2), crop(b, 2)))

# real image: Set5 butterfly at x3 (and Set14 bridge, grey)
for path in ['/work/shared/data/Set5/butterfly.png', '/work/shared/data/Set14/bridge.png', '/work/shared/data/Set5/woman.png']:
    s = 3
    hr = m.modcrop(m.load(path), s)
    lr = m.to_uint8(m.imresize(hr, 1.0 / s))
    sr = m.to_uint8(m.imresize(lr, s))
    hy, sy = m.rgb2y(hr), m.rgb2y(sr)
    print(path, 'psnr %.10f ssim %.12f' % (m.psnr(sy, hy, s), ssim_index(crop(hy, s), crop(sy, s))))

# resize fixture: 12x12 crop of baby.png, red channel, at (x=200, y=150)
img = m.load('/work/shared/data/Set5/baby.png')
c = img[150:162, 200:212, 0]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'resize-fixture.txt'), 'w') as f:
    f.write('# Set5/baby.png red channel, crop x=200..211, y=150..161, and sr_metrics.imresize of it\n')
    f.write('# (MATLAB-style bicubic), unrounded, by /work/shared/tools/sr_metrics.py\n')
    def block(name, arr, fmt):
        f.write('%s %d %d\n' % (name, arr.shape[1], arr.shape[0]))
        for row in arr:
            f.write(' '.join(fmt % v for v in row) + '\n')
    block('hr', c, '%d')
    for s in (2, 3, 4):
        d = m.imresize(c, 1.0 / s)
        block('down%d' % s, d, '%.10f')
        block('up%d' % s, m.imresize(m.to_uint8(d), s), '%.10f')
    # non-square: 12 wide, 9 high, x3
    ns = img[150:159, 200:212, 0]
    block('hr12x9', ns, '%d')
    block('down3_12x9', m.imresize(ns, 1.0 / 3), '%.10f')
