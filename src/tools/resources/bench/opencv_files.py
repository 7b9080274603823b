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
  encode6   the same at libpng's default: level 6, default strategy, adaptive filters
  forward   net.forward of a frame's Y plane
  pipeline  the whole pipeline above, file to file

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
import torch
from torch import nn


def network(npz, scale, filters, kernels):
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


def stack(a):
    ok, slices = cv2.imreadmulti(a.stack, flags=cv2.IMREAD_UNCHANGED)
    h, w = slices[0].shape[:2]
    top = float(np.iinfo(slices[0].dtype).max)
    net_t = network(a.weights, a.scale, [int(v) for v in a.filters.split(",")],
                    [int(v) for v in a.kernels.split(",")])
    times = {"stack": [], "stack_forward": []}
    with tempfile.TemporaryDirectory() as tmp:
        onnx = os.path.join(tmp, "espcn.onnx")
        torch.onnx.export(net_t, torch.zeros(1, 1, h, w), onnx, opset_version=11)
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


def summary(values):
    return statistics.median(values), min(values), max(values)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--inputs", required=True)
    p.add_argument("--results", required=True)
    p.add_argument("--weights", required=True)
    p.add_argument("--scale", type=int, required=True)
    p.add_argument("--filters", required=True)
    p.add_argument("--kernels", required=True)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--extension", default="png")
    p.add_argument("--stack")
    a = p.parse_args()
    if a.stack:
        return stack(a)
    ext = "." + a.extension
    inputs = sorted(glob.glob(os.path.join(a.inputs, "*" + ext)))
    results = sorted(glob.glob(os.path.join(a.results, "*" + ext)))
    first = cv2.imread(inputs[0], cv2.IMREAD_UNCHANGED)
    h, w = first.shape[:2]
    grey = first.ndim == 2
    flags = cv2.IMREAD_UNCHANGED if grey else cv2.IMREAD_COLOR
    top = float(np.iinfo(first.dtype).max)
    net_t = network(a.weights, a.scale, [int(v) for v in a.filters.split(",")],
                    [int(v) for v in a.kernels.split(",")])
    with tempfile.TemporaryDirectory() as tmp:
        onnx = os.path.join(tmp, "espcn.onnx")
        torch.onnx.export(net_t, torch.zeros(1, 1, h, w), onnx, opset_version=11)
        net = cv2.dnn.readNetFromONNX(onnx)
        s = a.scale

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

        data = [np.fromfile(f, np.uint8) for f in inputs]
        outs = [cv2.imread(f, flags) for f in results]
        times = {k: [] for k in ("decode", "encode", "encode6", "forward", "pipeline")}
        sizes = {"encode": [], "encode6": [], "pipeline": []}
        six = [cv2.IMWRITE_PNG_COMPRESSION, 6, cv2.IMWRITE_PNG_STRATEGY,
               cv2.IMWRITE_PNG_STRATEGY_DEFAULT]
        for r in range(a.warmup + a.rounds):
            timed = r >= a.warmup
            for d in data:
                t = time.perf_counter()
                cv2.imdecode(d, flags)
                if timed:
                    times["decode"].append(time.perf_counter() - t)
            for o in outs:
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
            for f in inputs:
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
    print(" ".join(fields))


if __name__ == "__main__":
    main()
