"""ESPCN (Shi et al., CVPR 2016, doi:10.1109/CVPR.2016.207) as exported by ESPCN for Fiji.

The parameter names are those of the reference PyTorch code (first_part.N, last_part.0), so
that `ESPCN(**kwargs).load_state_dict(torch.load("weights.pt"))` takes this package's weights.

ESPCN: a (batch, 1, y, x) luma or grey plane in [0, 1] in, (batch, 1, y*r, x*r) out.
ESPCNRGB: a (batch, 3, y, x) RGB image on 0-255 in, RGB on 0-255 out: BT.601 Y (MATLAB's
rgb2ycbcr) / 255 through ESPCN, Cb and Cr by MATLAB's bicubic upscaling, back to RGB.
"""
import torch
from torch import nn
import torch.nn.functional as F

_ACTIVATIONS = {"tanh": nn.Tanh, "relu": nn.ReLU, "gelu": nn.GELU}


class ESPCN(nn.Module):
    def __init__(self, scale_factor=3, num_channels=1, filters=(64, 32), kernels=(5, 3, 3),
                 activation="tanh"):
        super().__init__()
        layers = []
        inputs = num_channels
        for width, k in zip(filters, kernels):
            layers += [nn.Conv2d(inputs, width, kernel_size=k, padding=k // 2),
                       _ACTIVATIONS[activation]()]
            inputs = width
        self.first_part = nn.Sequential(*layers)
        k = kernels[-1]
        self.last_part = nn.Sequential(
            nn.Conv2d(inputs, num_channels * scale_factor ** 2, kernel_size=k, padding=k // 2),
            nn.PixelShuffle(scale_factor))

    def forward(self, x):
        return self.last_part(self.first_part(x))


class ESPCNRGB(ESPCN):
    """ESPCN on the luma of an RGB image; the colour conversion and chroma bicubic are buffers."""

    def __init__(self, scale_factor=3, **kwargs):
        super().__init__(scale_factor=scale_factor, **kwargs)
        self.scale_factor = scale_factor
        self.register_buffer("to_ycc_w", torch.zeros(3, 3, 1, 1))
        self.register_buffer("to_ycc_b", torch.zeros(3))
        self.register_buffer("chroma_w", torch.zeros(2 * scale_factor ** 2, 1, 5, 5))
        self.register_buffer("to_rgb_w", torch.zeros(3, 3, 1, 1))
        self.register_buffer("to_rgb_b", torch.zeros(3))

    def forward(self, x):
        ycc = F.conv2d(x, self.to_ycc_w, self.to_ycc_b)
        sr = super().forward(ycc[:, 0:1] / 255.0) * 255.0
        c = ycc[:, 1:3]
        # MATLAB's imresize mirrors the edge pixel: symmetric padding by 2
        c = torch.cat([c[:, :, 0:2].flip(2), c, c[:, :, -2:].flip(2)], 2)
        c = torch.cat([c[:, :, :, 0:2].flip(3), c, c[:, :, :, -2:].flip(3)], 3)
        c = F.pixel_shuffle(F.conv2d(c, self.chroma_w, groups=2), self.scale_factor)
        return torch.clamp(F.conv2d(torch.cat([sr, c], 1), self.to_rgb_w, self.to_rgb_b), 0, 255)
