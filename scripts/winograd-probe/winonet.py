"""Self-test: python3 winonet.py (random weights, the variants against the direct network).

ESPCN x3 (5-3-3, 64-32, tanh) with layer 2 (and optionally 3) as Winograd F(m x m, 3 x 3),
written with ATen ops only (gather by unfold + small matmuls for the transforms, bmm for the
products), channels-last activations (H, W, C). Saved as TorchScript for libtorch 2.7.1."""
import torch, math, sys
import torch.nn.functional as F
from typing import List

def mats(m):
    if m == 2:
        BT = [[1,0,-1,0],[0,1,1,0],[0,-1,1,0],[0,1,0,-1]]
        G = [[1,0,0],[.5,.5,.5],[.5,-.5,.5],[0,0,1]]
        AT = [[1,1,1,0],[0,1,-1,-1]]
    else:
        BT = [[4,0,-5,0,1,0],[0,-4,-4,1,1,0],[0,4,-4,-1,1,0],[0,-2,-1,2,1,0],[0,2,-1,-2,1,0],[0,4,0,-5,0,1]]
        G = [[1/4,0,0],[-1/6,-1/6,-1/6],[-1/6,1/6,-1/6],[1/24,1/12,1/6],[1/24,-1/12,1/6],[0,0,1]]
        AT = [[1,1,1,1,1,0],[0,1,-1,2,-2,0],[0,1,1,4,4,0],[0,1,-1,8,-8,1]]
    return [torch.tensor(x, dtype=torch.float64) for x in (BT, G, AT)]

def wino_weights(w, m):
    """(O, C, 3, 3) -> U (a*a, C, O), index j*a + i (column-transform index outer)"""
    BT, G, AT = mats(m)
    a = m + 2
    U = torch.einsum('ik,ockl,jl->jioc', G, w.double(), G)  # (a_j, a_i, O, C)
    return U.reshape(a * a, w.shape[0], w.shape[1]).transpose(1, 2).contiguous().float()

class Wino(torch.nn.Module):
    def __init__(self, w1, b1, w2, b2, w3, b3, m: int, wino3: bool):
        super().__init__()
        BT, G, AT = mats(m)
        self.m = m
        self.a = m + 2
        self.BT = BT.float()
        self.AT = AT.float()
        self.w1 = w1.contiguous(memory_format=torch.channels_last)
        self.b1 = b1
        self.U2 = wino_weights(w2, m)
        self.b2 = b2
        self.w3 = w3.contiguous(memory_format=torch.channels_last)
        self.U3 = wino_weights(w3, m)
        self.b3 = b3
        self.wino3 = wino3

    def layer(self, x, U, b):
        # x: (H, W, C) contiguous; U: (a*a, C, O); 3x3 conv with padding 1, then + b
        m = self.m
        a = self.a
        H = x.size(0)
        W = x.size(1)
        C = x.size(2)
        O = U.size(2)
        Th = (H + m - 1) // m
        Tw = (W + m - 1) // m
        xp = F.pad(x, [0, 0, 1, Tw * m + 1 - W, 1, Th * m + 1 - H])   # (Th*m+2, Tw*m+2, C)
        Wp = Tw * m + 2
        r = xp.unfold(0, a, m).permute(3, 0, 1, 2).contiguous()        # (a_i, Th, Wp, C)
        t = torch.matmul(self.BT, r.view(a, Th * Wp * C))               # (a_i', Th*Wp*C)
        c = t.view(a, Th, Wp, C).unfold(2, a, m).permute(4, 0, 1, 2, 3).contiguous()  # (a_j, a_i', Th, Tw, C)
        v = torch.matmul(self.BT, c.view(a, a * Th * Tw * C))           # (a_j', a_i'*Th*Tw*C)
        M = torch.bmm(v.view(a * a, Th * Tw, C), U)                     # (a*a, Th*Tw, O)
        s = torch.matmul(self.AT, M.view(a, a * Th * Tw * O))           # (m_q, a_i'*Th*Tw*O)
        s = s.view(m, a, Th * Tw * O).transpose(0, 1).contiguous()      # (a_i', m_q, ...)
        y = torch.matmul(self.AT, s.view(a, m * Th * Tw * O))           # (m_p, m_q*Th*Tw*O)
        y = y.view(m, m, Th, Tw, O).permute(2, 0, 3, 1, 4).reshape(Th * m, Tw * m, O)
        return (y[:H, :W] + b)

    def forward(self, x):
        # x: (1, 1, H, W) -> (1, 9, H, W) maps (channels-last strides)
        y = torch.tanh(F.conv2d(x.contiguous(memory_format=torch.channels_last), self.w1, self.b1, 1, 2))
        h = y[0].permute(1, 2, 0).contiguous()                          # (H, W, 64)
        h = torch.tanh(self.layer(h, self.U2, self.b2))
        if self.wino3:
            o = self.layer(h.contiguous(), self.U3, self.b3)
            return o.permute(2, 0, 1).unsqueeze(0)
        z = h.permute(2, 0, 1).unsqueeze(0)                             # channels-last view (1, 64, H, W)
        return F.conv2d(z, self.w3, self.b3, 1, 1)

class Direct(torch.nn.Module):
    def __init__(self, w1, b1, w2, b2, w3, b3):
        super().__init__()
        self.w1 = w1.contiguous(memory_format=torch.channels_last)
        self.b1 = b1
        self.w2 = w2.contiguous(memory_format=torch.channels_last)
        self.b2 = b2
        self.w3 = w3.contiguous(memory_format=torch.channels_last)
        self.b3 = b3

    def forward(self, x):
        y = torch.tanh(F.conv2d(x.contiguous(memory_format=torch.channels_last), self.w1, self.b1, 1, 2))
        y = torch.tanh(F.conv2d(y, self.w2, self.b2, 1, 1))
        return F.conv2d(y, self.w3, self.b3, 1, 1)

if __name__ == '__main__':
    torch.manual_seed(0)
    ws = [torch.randn(64, 1, 5, 5) * 0.2, torch.randn(64) * 0.1, torch.randn(32, 64, 3, 3) * 0.05,
          torch.randn(32) * 0.1, torch.randn(9, 32, 3, 3) * 0.05, torch.randn(9) * 0.1]
    x = torch.rand(1, 1, 200, 200)
    with torch.no_grad():
        d = Direct(*ws)
        ref = d(x).double()
        for m in (2, 4):
            for w3 in (False, True):
                net = Wino(*ws, m, w3)
                y = net(x)
                print('F(%d,3) wino3=%s max abs diff vs direct %.2e' % (m, w3, (y - ref).abs().max().item()))
                s = torch.jit.script(net)
                print('scripted diff %.2e' % (s(x) - ref).abs().max().item())
