"""Writes the probe's TorchScript modules (Debian's PyTorch 1.13; libtorch 2.7.1 loads them) and
input tiles into the current folder.

usage: python3 save.py WEIGHTS.npz DATA_DIR
  WEIGHTS.npz  the x3 model's weights (models/espcn-x3/weights.npz)
  DATA_DIR     the shared data (Set14/baboon.png gives the tiles)
"""
import sys
import cv2
import numpy as np
import torch
import torch.nn.functional as F
from winonet import Wino, Direct

KEYS = ['first_part.0.weight', 'first_part.0.bias', 'first_part.2.weight', 'first_part.2.bias',
        'last_part.0.weight', 'last_part.0.bias']


def weights(path):
    z = np.load(path)
    return [torch.from_numpy(z[k]).float() for k in KEYS]


def y_of(path):
    """Y (BT.601, MATLAB rgb2ycbcr) in [0, 1], as the plugin reads it."""
    bgr = cv2.imread(path).astype(np.float64)
    y = (16 + (65.481 * bgr[..., 2] + 128.553 * bgr[..., 1] + 24.966 * bgr[..., 0]) / 255) / 255
    return torch.from_numpy(y).float()[None, None]


class Nnpack(torch.nn.Module):
    """Layer 2 through NNPACK, to see whether libtorch 2.7.1 runs it here."""
    def __init__(self, w, b):
        super().__init__()
        self.w = w
        self.b = b

    def forward(self, x):
        return torch._nnpack_spatial_convolution(x, self.w, self.b, [1, 1], [1, 1])


class L2Direct(torch.nn.Module):
    """Layer 2 alone, conv2d on a channels-last (H, W, 64) input, then tanh."""
    def __init__(self, w, b):
        super().__init__()
        self.w = w.contiguous(memory_format=torch.channels_last)
        self.b = b

    def forward(self, x):
        return torch.tanh(F.conv2d(x.permute(2, 0, 1).unsqueeze(0), self.w, self.b, 1, 1))


class L2Wino(torch.nn.Module):
    """Layer 2 alone as Winograd, (H, W, 64) in, (H, W, 32) out."""
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.tanh(self.net.layer(x, self.net.U2, self.net.b2))


class Stages(torch.nn.Module):
    """Winograd layer 2 stage by stage (as Wino.layer), each stage a method, to time them."""
    def __init__(self, ws, m: int):
        super().__init__()
        net = Wino(*ws, m, False)
        self.m = m
        self.a = m + 2
        self.BT = net.BT
        self.AT = net.AT
        self.U = net.U2
        self.b = net.b2

    @torch.jit.export
    def pad(self, x):
        m = self.m
        H = x.size(0)
        W = x.size(1)
        Th = (H + m - 1) // m
        Tw = (W + m - 1) // m
        return F.pad(x, [0, 0, 1, Tw * m + 1 - W, 1, Th * m + 1 - H])

    @torch.jit.export
    def gather_rows(self, xp):
        return xp.unfold(0, self.a, self.m).permute(3, 0, 1, 2).contiguous()

    @torch.jit.export
    def rows(self, r):
        return torch.matmul(self.BT, r.view(self.a, -1)).view(r.shape)

    @torch.jit.export
    def gather_cols(self, t):
        return t.unfold(2, self.a, self.m).permute(4, 0, 1, 2, 3).contiguous()

    @torch.jit.export
    def cols(self, c):
        return torch.matmul(self.BT, c.view(self.a, -1))

    @torch.jit.export
    def gemm(self, v, tiles: int):
        return torch.bmm(v.view(self.a * self.a, tiles, self.U.size(1)), self.U)

    @torch.jit.export
    def out_q(self, M):
        s = torch.matmul(self.AT, M.view(self.a, -1))
        return s.view(self.m, self.a, -1).transpose(0, 1).contiguous()

    @torch.jit.export
    def out_p(self, s):
        return torch.matmul(self.AT, s.view(self.a, -1))

    @torch.jit.export
    def interleave(self, y, Th: int, Tw: int, H: int, W: int):
        m = self.m
        O = self.U.size(2)
        y = y.view(m, m, Th, Tw, O).permute(2, 0, 3, 1, 4).reshape(Th * m, Tw * m, O)
        return torch.tanh(y[:H, :W] + self.b)

    def forward(self, x):
        return x


if __name__ == '__main__':
    ws = weights(sys.argv[1])
    with torch.no_grad():
        torch.jit.save(torch.jit.script(Direct(*ws)), 'direct.pt')
        for m in (2, 4):
            torch.jit.save(torch.jit.script(Wino(*ws, m, False)), f'wino{m}.pt')
            torch.jit.save(torch.jit.script(Wino(*ws, m, True)), f'wino{m}all.pt')
            torch.jit.save(torch.jit.script(L2Wino(Wino(*ws, m, False))), f'l2wino{m}.pt')
            torch.jit.save(torch.jit.script(Stages(ws, m)), f'stages{m}.pt')
        torch.jit.save(torch.jit.script(L2Direct(ws[2], ws[3])), 'l2direct.pt')
        torch.jit.save(torch.jit.script(Nnpack(ws[2], ws[3])), 'nnpack.pt')
    y = y_of(sys.argv[2] + '/Set14/baboon.png')[0, 0]
    for s in (64, 104, 200):
        y[:s, :s].contiguous().numpy().astype('<f4').tofile(f'tile{s}.f32')
    print('saved the modules and tiles in the current folder')
