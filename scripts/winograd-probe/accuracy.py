"""The Winograd variants against the direct network on real images: Set5 and Set14, the Y of each
whole image as the input (in [0, 1]), the x3 output pixel-shuffled. Debian's PyTorch 1.13, fp32.

usage: python3 accuracy.py WEIGHTS.npz DATA_DIR
"""
import glob
import sys
import torch
import torch.nn.functional as F
from winonet import Wino, Direct
from save import weights, y_of

ws = weights(sys.argv[1])
torch.set_num_threads(1)
files = sorted(glob.glob(sys.argv[2] + '/Set5/*.png')) + sorted(glob.glob(sys.argv[2] + '/Set14/*.png'))
nets = {'direct (conv2d)': Direct(*ws)}
for m in (2, 4):
    nets[f'F({m}x{m},3x3), layer 2'] = Wino(*ws, m, False)
    nets[f'F({m}x{m},3x3), layers 2 and 3'] = Wino(*ws, m, True)
ref64net = Direct(*[w.double() for w in ws])
with torch.no_grad():
    stats = {n: [0.0, 0, 0, 0.0, 0] for n in nets}
    for f in files:
        x = y_of(f)
        ref64 = F.pixel_shuffle(ref64net(x.double()), 3)
        r8 = torch.round(torch.clamp(ref64, 0, 1) * 255)
        out = {n: F.pixel_shuffle(net(x), 3) for n, net in nets.items()}
        d8 = torch.round(torch.clamp(out['direct (conv2d)'], 0, 1) * 255)
        for n, o in out.items():
            s = stats[n]
            s[0] = max(s[0], (o - out['direct (conv2d)']).abs().max().item())
            o8 = torch.round(torch.clamp(o, 0, 1) * 255)
            s[1] += int((o8 != d8).sum())
            s[2] += o8.numel()
            s[3] = max(s[3], (o.double() - ref64).abs().max().item())
            s[4] += int((o8 != r8).sum())
print(f'{len(files)} images (Set5 and Set14), {stats["direct (conv2d)"][2]} output pixels')
print('| network | max abs diff vs direct fp32 | 8-bit pixels changed vs direct fp32 | max abs error vs float64 | 8-bit pixels changed vs float64 |')
print('| --- | --: | --: | --: | --: |')
for n, s in stats.items():
    print(f'| {n} | {s[0]:.2e} | {s[1]} | {s[3]:.2e} | {s[4]} |')
