"""Runs exported bioimage.io packages in PyTorch, as bioimage.io's own test does.

usage: reproduce.py PACKAGE_FOLDER...          checks each unpacked package
       reproduce.py --run PACKAGE_FOLDER IN.npy OUT.npy   runs its TorchScript on IN.npy

For each package: the TorchScript (torch.jit.load) and the pytorch_state_dict weights with the
architecture's source, with the declared pre- and postprocessing, must reproduce the test output
within rtol 1e-3 / atol 1e-3 at the test size, on two crops of other sizes (away from the crop's
cut edges, by the declared halo) and with batch 2. Prints one line per check; exits 1 on a
mismatch.
"""
import importlib.util
import os
import sys

import numpy as np
import torch
import yaml

RTOL = ATOL = 1e-3


def steps(x, procs):
    for p in procs or []:
        kw = p.get("kwargs", {})
        if p["id"] == "ensure_dtype":
            x = x.to(getattr(torch, kw["dtype"]))
        elif p["id"] == "scale_linear":
            x = x * kw.get("gain", 1.0) + kw.get("offset", 0.0)
        elif p["id"] == "clip":
            x = x.clamp(kw.get("min"), kw.get("max"))
        else:
            raise SystemExit("unsupported step " + p["id"])
    return x


class Package:
    def __init__(self, folder):
        self.folder = folder
        with open(os.path.join(folder, "rdf.yaml")) as f:
            self.rdf = yaml.safe_load(f)
        self.input = self.rdf["inputs"][0]
        self.output = self.rdf["outputs"][0]
        self.halo = max(a.get("halo", 0) for a in self.output["axes"])
        self.scale = self.rdf["config"]["espcn"]["scale"]
        w = self.rdf["weights"]
        self.script = torch.jit.load(self.path(w["torchscript"]["source"])).eval()
        sd = w["pytorch_state_dict"]
        arch = sd["architecture"]
        spec = importlib.util.spec_from_file_location("arch", self.path(arch["source"]))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        self.eager = getattr(module, arch["callable"])(**arch["kwargs"])
        self.eager.load_state_dict(torch.load(self.path(sd["source"])))
        self.eager.eval()

    def path(self, name):
        return os.path.join(self.folder, name)

    def run(self, net, x):
        with torch.no_grad():
            x = steps(torch.from_numpy(np.ascontiguousarray(x)), self.input.get("preprocessing"))
            return steps(net(x), self.output.get("postprocessing")).numpy()


def compare(label, got, want):
    if got.shape != want.shape:
        raise SystemExit("FAIL %s: shape %s, expected %s" % (label, got.shape, want.shape))
    bad = ~np.isclose(got, want, rtol=RTOL, atol=ATOL)
    print("%s: max |difference| %.3g, %d of %d outside tolerance"
          % (label, np.abs(got - want).max(), bad.sum(), bad.size))
    if bad.sum() > got.size * 1e-6:
        raise SystemExit("FAIL " + label)


def check(folder):
    p = Package(folder)
    x = np.load(p.path(p.input["test_tensor"]["source"]))
    y = np.load(p.path(p.output["test_tensor"]["source"]))
    name = p.rdf["name"]
    r, halo = p.scale, p.halo
    h, w = x.shape[2], x.shape[3]
    for kind, net in (("torchscript", p.script), ("pytorch_state_dict", p.eager)):
        compare("%s %s test size %dx%d" % (name, kind, w, h), p.run(net, x), y)
        # a top-left crop: its right and bottom edges are cuts
        h1, w1 = h - 7, w - 5
        out = p.run(net, x[:, :, :h1, :w1])
        if out.shape != (1, y.shape[1], h1 * r, w1 * r):
            raise SystemExit("FAIL %s: output %s for a %dx%d input" % (name, out.shape, w1, h1))
        compare("%s %s size %dx%d" % (name, kind, w1, h1), out[:, :, :h1 * r - halo, :w1 * r - halo],
                y[:, :, :h1 * r - halo, :w1 * r - halo])
        # an inner crop: every edge is a cut
        oy, ox, h2, w2 = 5, 9, h // 2 + 3, w // 2 + 1
        out = p.run(net, x[:, :, oy:oy + h2, ox:ox + w2])
        compare("%s %s size %dx%d" % (name, kind, w2, h2), out[:, :, halo:h2 * r - halo, halo:w2 * r - halo],
                y[:, :, oy * r + halo:(oy + h2) * r - halo, ox * r + halo:(ox + w2) * r - halo])
        out = p.run(net, np.concatenate([x, x], 0))
        compare("%s %s batch 2" % (name, kind), out, np.concatenate([y, y], 0))


def main(args):
    if args[0] == "--run":
        p = Package(args[1])
        np.save(args[3], p.run(p.script, np.load(args[2])))
        return
    print("torch", torch.__version__)
    for folder in args:
        check(folder)
    print("OK")


if __name__ == "__main__":
    main(sys.argv[1:])
