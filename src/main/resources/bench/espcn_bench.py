"""Times the ESPCN forward pass in PyTorch, for `java -jar ESPCN_.jar bench`.

The network is built as the plugin's EspcnSpec describes it (and as the reference code
yjn870/ESPCN-pytorch defines it): convolutions with 'same' zero padding, the activation between
them, the last one giving scale^2 channels, then a pixel shuffle. Weights are random: only the
time matters. Prints one line to stdout:
    median_ms=M min_ms=A max_ms=B threads=T torch=VERSION
"""
import argparse
import statistics
import time

import torch
from torch import nn


def network(scale, filters, kernels, activation):
    act = {"tanh": nn.Tanh, "relu": nn.ReLU, "gelu": nn.GELU}[activation]
    layers, channels = [], 1
    for f, k in zip(filters, kernels):
        layers += [nn.Conv2d(channels, f, kernel_size=k, padding=k // 2), act()]
        channels = f
    layers += [nn.Conv2d(channels, scale * scale, kernel_size=kernels[-1],
                         padding=kernels[-1] // 2), nn.PixelShuffle(scale)]
    return nn.Sequential(*layers).eval()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--scale", type=int, required=True)
    p.add_argument("--filters", required=True)
    p.add_argument("--kernels", required=True)
    p.add_argument("--activation", default="tanh")
    p.add_argument("--width", type=int, required=True)
    p.add_argument("--height", type=int, required=True)
    p.add_argument("--repeats", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    a = p.parse_args()
    torch.manual_seed(0)
    net = network(a.scale, [int(x) for x in a.filters.split(",")],
                  [int(x) for x in a.kernels.split(",")], a.activation)
    x = torch.rand(1, 1, a.height, a.width)
    times = []
    with torch.no_grad():
        for i in range(a.warmup + a.repeats):
            start = time.perf_counter()
            y = net(x)
            elapsed = (time.perf_counter() - start) * 1000.0
            if i >= a.warmup:
                times.append(elapsed)
    assert y.shape == (1, 1, a.height * a.scale, a.width * a.scale), y.shape
    print("median_ms=%.3f min_ms=%.3f max_ms=%.3f threads=%d torch=%s" % (
        statistics.median(times), min(times), max(times), torch.get_num_threads(),
        torch.__version__))


if __name__ == "__main__":
    main()
