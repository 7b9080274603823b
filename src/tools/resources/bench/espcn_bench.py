"""PyTorch's side of `java -jar ESPCN_-tools.jar bench`: the same ESPCN work, timed in PyTorch.

The network is built as the plugin's EspcnSpec describes it (and as the reference code
yjn870/ESPCN-pytorch defines it): convolutions with 'same' zero padding, the activation between
them, the last one giving scale^2 channels, then a pixel shuffle. Weights are random: only the
time matters. Tasks:

  forward  the network on a random (1, 1, H, W) luma plane, under torch.no_grad()
  forward-best  the same, configured as a careful user would: torch.jit.freeze and
           torch.jit.optimize_for_inference (oneDNN's blocked layout, weights reordered once),
           in tiles of --tile input pixels with the receptive halo, one piece after another;
           with --bf16, channels-last, frozen, under torch.cpu.amp.autocast(bfloat16) instead
  rgb      the reference code's test.py from an RGB image in memory to an RGB uint8 array:
           PIL bicubic enlargement of the RGB image for the chroma, its YCbCr conversion
           (numpy, as the reference's utils.py), Y / 255 through the network, clamp, back to
           RGB, clip, uint8 (PIL needed; torch's bicubic interpolation without it)
  train    training steps of the reference's train.py: batch of LR patches, MSE loss, Adam
           at 1e-3 with the last layer at 0.1x, zero_grad, backward, step

Prints one line to stdout:
    median_ms=M min_ms=A max_ms=B threads=T torch=VERSION
"""
import argparse
import statistics
import time

import numpy as np
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
    return nn.Sequential(*layers)


def rgb_to_ycbcr(img):  # the reference code's utils.convert_rgb_to_ycbcr, numpy branch
    y = 16. + (64.738 * img[..., 0] + 129.057 * img[..., 1] + 25.064 * img[..., 2]) / 256.
    cb = 128. + (-37.945 * img[..., 0] - 74.494 * img[..., 1] + 112.439 * img[..., 2]) / 256.
    cr = 128. + (112.439 * img[..., 0] - 94.154 * img[..., 1] - 18.285 * img[..., 2]) / 256.
    return np.array([y, cb, cr]).transpose([1, 2, 0])


def ycbcr_to_rgb(img):  # utils.convert_ycbcr_to_rgb, numpy branch
    r = 298.082 * img[..., 0] / 256. + 408.583 * img[..., 2] / 256. - 222.921
    g = (298.082 * img[..., 0] / 256. - 100.291 * img[..., 1] / 256.
         - 208.120 * img[..., 2] / 256. + 135.576)
    b = 298.082 * img[..., 0] / 256. + 516.412 * img[..., 1] / 256. - 276.836
    return np.array([r, g, b]).transpose([1, 2, 0])


def make_rgb_task(net, scale, width, height):
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    try:
        from PIL import Image
        image = Image.fromarray(pixels)

        def enlarge():
            return np.array(image.resize((width * scale, height * scale),
                                         resample=Image.BICUBIC)).astype(np.float32)
    except ImportError:
        def enlarge():
            t = torch.from_numpy(pixels).permute(2, 0, 1)[None].float()
            big = nn.functional.interpolate(t, scale_factor=scale, mode="bicubic",
                                            align_corners=False)
            return big[0].permute(1, 2, 0).clamp(0, 255).round().numpy()

    def run():
        bicubic = rgb_to_ycbcr(enlarge())
        y = rgb_to_ycbcr(pixels.astype(np.float32))[..., 0] / 255.
        with torch.no_grad():
            preds = net(torch.from_numpy(y).float()[None, None]).clamp(0.0, 1.0)
        preds = preds.mul(255.0).numpy().squeeze(0).squeeze(0)
        out = np.array([preds, bicubic[..., 1], bicubic[..., 2]]).transpose([1, 2, 0])
        out = np.clip(ycbcr_to_rgb(out), 0.0, 255.0).astype(np.uint8)
        assert out.shape == (height * scale, width * scale, 3), out.shape
    return run


def make_best_forward(net, scale, halo, width, height, tile, bf16):
    x = torch.rand(1, 1, height, width)
    out = torch.empty(1, 1, height * scale, width * scale)
    with torch.no_grad():
        if bf16:
            frozen = torch.jit.freeze(torch.jit.script(net.to(memory_format=torch.channels_last)))
        else:
            frozen = torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.script(net)))
    pieces = []
    for y0 in range(0, height, tile):
        for x0 in range(0, width, tile):
            y1, x1 = min(y0 + tile, height), min(x0 + tile, width)
            cy0, cx0 = max(y0 - halo, 0), max(x0 - halo, 0)
            cy1, cx1 = min(y1 + halo, height), min(x1 + halo, width)
            pieces.append((y0, x0, y1, x1, cy0, cx0, cy1, cx1))

    def run():
        with torch.no_grad(), torch.cpu.amp.autocast(enabled=bf16, dtype=torch.bfloat16):
            for y0, x0, y1, x1, cy0, cx0, cy1, cx1 in pieces:
                piece = x[:, :, cy0:cy1, cx0:cx1]
                if bf16:
                    piece = piece.contiguous(memory_format=torch.channels_last)
                y = frozen(piece)
                out[:, :, y0 * scale:y1 * scale, x0 * scale:x1 * scale] = y[
                    :, :, (y0 - cy0) * scale:(y1 - cy0) * scale,
                    (x0 - cx0) * scale:(x1 - cx0) * scale]
    return run


def make_train_task(net, scale, batch, patch):
    last = net[-2]
    first = [p for m in list(net)[:-2] for p in m.parameters()]
    optimizer = torch.optim.Adam([{"params": first}, {"params": last.parameters(), "lr": 1e-4}],
                                 lr=1e-3)
    criterion = nn.MSELoss()
    x = torch.rand(batch, 1, patch, patch)
    y = torch.rand(batch, 1, patch * scale, patch * scale)
    net.train()

    def run():
        loss = criterion(net(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return run


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--task", default="forward", choices=["forward", "forward-best", "rgb", "train"])
    p.add_argument("--tile", type=int, default=192)
    p.add_argument("--bf16", action="store_true")
    p.add_argument("--scale", type=int, required=True)
    p.add_argument("--filters", required=True)
    p.add_argument("--kernels", required=True)
    p.add_argument("--activation", default="tanh")
    p.add_argument("--width", type=int, default=0)
    p.add_argument("--height", type=int, default=0)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--patch", type=int, default=17)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--repeats", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    net = network(a.scale, [int(x) for x in a.filters.split(",")],
                  [int(x) for x in a.kernels.split(",")], a.activation).eval()
    if a.task == "forward":
        x = torch.rand(1, 1, a.height, a.width)

        def run():
            with torch.no_grad():
                y = net(x)
            assert y.shape == (1, 1, a.height * a.scale, a.width * a.scale), y.shape
    elif a.task == "forward-best":
        run = make_best_forward(net, a.scale, sum(int(k) // 2 for k in a.kernels.split(",")),
                                a.width, a.height, a.tile, a.bf16)
    elif a.task == "rgb":
        run = make_rgb_task(net, a.scale, a.width, a.height)
    else:
        run = make_train_task(net, a.scale, a.batch, a.patch)
    times = []
    for i in range(a.warmup + a.repeats):
        start = time.perf_counter()
        run()
        elapsed = (time.perf_counter() - start) * 1000.0
        if i >= a.warmup:
            times.append(elapsed)
    print("median_ms=%.3f min_ms=%.3f max_ms=%.3f threads=%d torch=%s" % (
        statistics.median(times), min(times), max(times), torch.get_num_threads(),
        torch.__version__))


if __name__ == "__main__":
    main()
