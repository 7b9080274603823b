"""OpenCV's side of `java -jar ESPCN_-tools.jar bench --sections files`: the same folder of PNG frames
super-resolved by OpenCV, and OpenCV's PNG codecs on the same files.

The network is the plugin's model (its weights exported as the reference code's npz, loaded
into the reference architecture with PyTorch), exported to ONNX at the frames' size and run by
cv2.dnn (readNetFromONNX). cv2.dnn_superres would need a TensorFlow .pb of ESPCN, which is not
at hand offline; the pipeline below takes the steps dnn_superres takes for ESPCN
(DnnSuperResImpl::preprocess_YCrCb and reconstruct_YCrCb), each one OpenCV call:

  imread -> BGR2YCrCb -> Y as float / 255 -> the network -> * 255, saturated to uint8 ->
  the YCrCb image enlarged with INTER_CUBIC, its Y replaced -> YCrCb2BGR -> imwrite

Grey frames (8- or 16-bit, PNG or TIFF; --extension) are read with IMREAD_UNCHANGED and go
through the network whole: value / 255 or / 65535 -> the network -> * the same, rounded,
saturated to the frame's type -> imwrite of the same kind.

Timed per frame (median, min, max over rounds x frames):
  decode    cv2.imdecode of each input file's bytes
  encode    cv2.imencode('.png') of each 1080p result the plugin wrote (OpenCV's default:
            level 1, Sub filter, Z_RLE)
  encode6   the same at libpng's default: level 6, Z_FILTERED, adaptive filters (what libpng
            1.6 does when no level or strategy is set; OpenCV's level 6 asks for
            Z_DEFAULT_STRATEGY unless IMWRITE_PNG_STRATEGY_FILTERED is given as well)
  forward   net.forward of a frame's Y plane
  pipeline  the whole pipeline above, file to file

With --sizes MODE=DIR (repeated), also, for the PNG files the plugin wrote in each DIR (its
results in that mode): libpng's default of exactly those pixels (libpng_MODE_bytes,
libpng_MODE_ms, as encode6) and level 6 with Z_DEFAULT_STRATEGY (level6_MODE_bytes), bytes as
the mean per file, beside the plugin's own (ours_MODE_bytes), so that the encoders are
compared on the same pixels in every mode.

With --pipeline-only, only the pipeline is timed (--onnx: a network --export-onnx wrote,
instead of exporting one). With --export-onnx PATH, the network is exported for the inputs'
size and nothing is timed. With --process (--onnx, --output), every input goes through the
pipeline into --output, from a start as a user's script has it (cv2 and numpy imported, the
network read; torch is not imported) to the last file, untimed: the caller times the process.

With --stack FILE (a multi-page 8-bit TIFF), instead: per slice, the whole stack read by
imreadmulti, each slice through the grey pipeline, the stack written by imwritemulti (stack),
and net.forward alone per slice (stack_forward).

Prints one line: key=value pairs (ms per frame; bytes: median file size).
"""
import argparse
import glob
import os
import statistics
import tempfile
import time

import cv2
import numpy as np


def network(npz, scale, filters, kernels):
    import torch  # only here: the --process run starts as a user's script would, without it
    from torch import nn
    z = np.load(npz)
    layers, channels = [], 1
    for f, k in zip(filters, kernels):
        layers += [nn.Conv2d(channels, f, k, padding=k // 2), nn.Tanh()]
        channels = f
    layers += [nn.Conv2d(channels, scale * scale, kernels[-1], padding=kernels[-1] // 2),
               nn.PixelShuffle(scale)]
    net = nn.Sequential(*layers)
    convs = [m for m in net if isinstance(m, nn.Conv2d)]
    names = ([f"first_part.{2 * i}" for i in range(len(filters))] + ["last_part.0"])
    with torch.no_grad():
        for conv, name in zip(convs, names):
            conv.weight.copy_(torch.from_numpy(z[name + ".weight"]))
            conv.bias.copy_(torch.from_numpy(z[name + ".bias"]))
    return net


def export_onnx(a, path, w, h):
    """The plugin's network as ONNX for cv2.dnn, at a fixed input size (see above)."""
    import torch
    net_t = network(a.weights, a.scale, [int(v) for v in a.filters.split(",")],
                    [int(v) for v in a.kernels.split(",")])
    torch.onnx.export(net_t, torch.zeros(1, 1, h, w), path, opset_version=11)


def upsampler(net, s, grey, top):
    """The pipeline's middle: an image in, the super-resolved image out."""
    def upsample_grey(img):
        net.setInput((img.astype(np.float32) / top)[None, None])
        sr = net.forward()[0, 0]
        return np.clip(sr * top + 0.5, 0, top).astype(img.dtype)

    def upsample(img):
        if grey:
            return upsample_grey(img)
        ycrcb = cv2.cvtColor(img, cv2.COLOR_BGR2YCrCb)
        y = ycrcb[..., 0].astype(np.float32) / 255.0
        net.setInput(y[None, None])
        sr = net.forward()[0, 0]
        big = cv2.resize(ycrcb, (img.shape[1] * s, img.shape[0] * s),
                         interpolation=cv2.INTER_CUBIC)
        big[..., 0] = np.clip(sr * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return cv2.cvtColor(big, cv2.COLOR_YCrCb2BGR)
    return upsample


def process(a):
    """--process: every input file through the pipeline into --output, as a user's script
    would do it from start-up (cv2 and numpy imported, the ONNX network read) to the last
    file; the caller times the whole process."""
    ext = "." + a.extension
    inputs = sorted(glob.glob(os.path.join(a.inputs, "*" + ext)))
    first = cv2.imread(inputs[0], cv2.IMREAD_UNCHANGED)
    grey = first.ndim == 2
    flags = cv2.IMREAD_UNCHANGED if grey else cv2.IMREAD_COLOR
    upsample = upsampler(cv2.dnn.readNetFromONNX(a.onnx), a.scale, grey,
                         float(np.iinfo(first.dtype).max))
    for f in inputs:
        cv2.imwrite(os.path.join(a.output, os.path.basename(f)), upsample(cv2.imread(f, flags)))
    print(f"opencv={cv2.__version__} threads={cv2.getNumThreads()} files={len(inputs)}")


def stack(a):
    ok, slices = cv2.imreadmulti(a.stack, flags=cv2.IMREAD_UNCHANGED)
    h, w = slices[0].shape[:2]
    top = float(np.iinfo(slices[0].dtype).max)
    times = {"stack": [], "stack_forward": []}
    with tempfile.TemporaryDirectory() as tmp:
        onnx = os.path.join(tmp, "espcn.onnx")
        export_onnx(a, onnx, w, h)
        net = cv2.dnn.readNetFromONNX(onnx)
        out = os.path.join(tmp, "out.tif")
        for r in range(a.warmup + a.rounds):
            t = time.perf_counter()
            ok, pages = cv2.imreadmulti(a.stack, flags=cv2.IMREAD_UNCHANGED)
            results = []
            for page in pages:
                net.setInput((page.astype(np.float32) / top)[None, None])
                sr = net.forward()[0, 0]
                results.append(np.clip(sr * top + 0.5, 0, top).astype(page.dtype))
            cv2.imwritemulti(out, results)
            whole = (time.perf_counter() - t) / len(pages)
            t = time.perf_counter()
            for page in pages:
                net.setInput((page.astype(np.float32) / top)[None, None])
                net.forward()
            alone = (time.perf_counter() - t) / len(pages)
            if r >= a.warmup:
                times["stack"].append(whole)
                times["stack_forward"].append(alone)
    fields = [f"opencv={cv2.__version__}", f"threads={cv2.getNumThreads()}",
              f"slices={len(slices)}"]
    for k, v in times.items():
        m, lo, hi = summary([x * 1000 for x in v])
        fields += [f"{k}_ms={m:.2f}", f"{k}_min={lo:.2f}", f"{k}_max={hi:.2f}"]
    print(" ".join(fields))


# libpng 1.6's own default (PNG_Z_DEFAULT_COMPRESSION -1, that is zlib's 6, and
# PNG_Z_DEFAULT_STRATEGY 1, Z_FILTERED, with the five filters chosen per row): OpenCV switches
# to Z_DEFAULT_STRATEGY when a level is given, so the strategy is given too
LIBPNG_DEFAULT = [cv2.IMWRITE_PNG_COMPRESSION, 6, cv2.IMWRITE_PNG_STRATEGY,
                  cv2.IMWRITE_PNG_STRATEGY_FILTERED]
LEVEL6_DEFAULT_STRATEGY = [cv2.IMWRITE_PNG_COMPRESSION, 6, cv2.IMWRITE_PNG_STRATEGY,
                           cv2.IMWRITE_PNG_STRATEGY_DEFAULT]


def sizes_of(specs, rounds):
    """libpng's default and level 6 with the default strategy of the PNGs in each MODE=DIR."""
    fields = []
    for spec in specs:
        mode, folder = spec.split("=", 1)
        files = sorted(glob.glob(os.path.join(folder, "*.png")))
        if not files:
            continue
        images = [cv2.imread(f, cv2.IMREAD_UNCHANGED) for f in files]
        ours = statistics.mean(os.path.getsize(f) for f in files)
        times, libpng, level6 = [], [], []
        for r in range(rounds):
            for img in images:
                t = time.perf_counter()
                ok, b = cv2.imencode(".png", img, LIBPNG_DEFAULT)
                times.append(time.perf_counter() - t)
                if r == 0:
                    libpng.append(len(b))
                    level6.append(len(cv2.imencode(".png", img, LEVEL6_DEFAULT_STRATEGY)[1]))
        m, lo, hi = summary([x * 1000 for x in times])
        fields += [f"ours_{mode}_bytes={ours:.0f}", f"libpng_{mode}_bytes={statistics.mean(libpng):.0f}",
                   f"level6_{mode}_bytes={statistics.mean(level6):.0f}", f"libpng_{mode}_ms={m:.2f}",
                   f"libpng_{mode}_min={lo:.2f}", f"libpng_{mode}_max={hi:.2f}"]
    return fields


def summary(values):
    return statistics.median(values), min(values), max(values)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--inputs", required=True)
    p.add_argument("--results")
    p.add_argument("--weights")
    p.add_argument("--scale", type=int, required=True)
    p.add_argument("--filters")
    p.add_argument("--kernels")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--extension", default="png")
    p.add_argument("--stack")
    p.add_argument("--sizes", action="append", default=[])
    p.add_argument("--pipeline-only", action="store_true")
    p.add_argument("--export-onnx")
    p.add_argument("--process", action="store_true")
    p.add_argument("--onnx")
    p.add_argument("--output")
    a = p.parse_args()
    if a.stack:
        return stack(a)
    if a.process:
        return process(a)
    ext = "." + a.extension
    inputs = sorted(glob.glob(os.path.join(a.inputs, "*" + ext)))
    first = cv2.imread(inputs[0], cv2.IMREAD_UNCHANGED)
    h, w = first.shape[:2]
    if a.export_onnx:
        export_onnx(a, a.export_onnx, w, h)
        print(f"onnx={a.export_onnx} width={w} height={h}")
        return
    results = sorted(glob.glob(os.path.join(a.results, "*" + ext))) if a.results else []
    grey = first.ndim == 2
    flags = cv2.IMREAD_UNCHANGED if grey else cv2.IMREAD_COLOR
    top = float(np.iinfo(first.dtype).max)
    with tempfile.TemporaryDirectory() as tmp:
        onnx = a.onnx or os.path.join(tmp, "espcn.onnx")
        if not a.onnx:
            export_onnx(a, onnx, w, h)
        net = cv2.dnn.readNetFromONNX(onnx)
        upsample = upsampler(net, a.scale, grey, top)

        data = [np.fromfile(f, np.uint8) for f in inputs]
        outs = [cv2.imread(f, flags) for f in results] if not a.pipeline_only else []
        times = {k: [] for k in ("decode", "encode", "encode6", "forward", "pipeline")}
        sizes = {"encode": [], "encode6": [], "pipeline": []}
        six = LIBPNG_DEFAULT
        for r in range(a.warmup + a.rounds):
            timed = r >= a.warmup
            for d in data if not a.pipeline_only else []:
                t = time.perf_counter()
                cv2.imdecode(d, flags)
                if timed:
                    times["decode"].append(time.perf_counter() - t)
            for o in outs if not a.pipeline_only else []:
                t = time.perf_counter()
                ok, b = cv2.imencode(ext, o)
                if timed:
                    times["encode"].append(time.perf_counter() - t)
                    sizes["encode"].append(len(b))
                if ext != ".png":
                    continue
                t = time.perf_counter()
                ok, b = cv2.imencode(".png", o, six)
                if timed:
                    times["encode6"].append(time.perf_counter() - t)
                    sizes["encode6"].append(len(b))
            for f in inputs if not a.pipeline_only else []:
                img = cv2.imread(f, flags)
                y = img if grey else cv2.cvtColor(img, cv2.COLOR_BGR2YCrCb)[..., 0]
                blob = (y.astype(np.float32) / top)[None, None]
                t = time.perf_counter()
                net.setInput(blob)
                net.forward()
                if timed:
                    times["forward"].append(time.perf_counter() - t)
            for f in inputs:
                out = os.path.join(tmp, os.path.basename(f))
                t = time.perf_counter()
                cv2.imwrite(out, upsample(cv2.imread(f, flags)))
                if timed:
                    times["pipeline"].append(time.perf_counter() - t)
                    sizes["pipeline"].append(os.path.getsize(out))
    fields = [f"opencv={cv2.__version__}", f"threads={cv2.getNumThreads()}"]
    for k, v in times.items():
        if not v:
            continue
        m, lo, hi = summary([x * 1000 for x in v])
        fields += [f"{k}_ms={m:.2f}", f"{k}_min={lo:.2f}", f"{k}_max={hi:.2f}"]
    for k, v in sizes.items():
        if v:
            fields.append(f"{k}_bytes={int(statistics.median(v))}")
    if ext == ".png":
        fields += sizes_of(a.sizes, max(1, min(a.rounds, 2)))
    print(" ".join(fields))


if __name__ == "__main__":
    main()
