# The PyTorch twin of Repro.java (docs/NONFINITE-GRADIENTS.md), for Debian's python3-torch:
#   /usr/bin/python3 repro.py STEPS mkldnn|native
import sys, time, torch, torch.nn.functional as F
steps = int(sys.argv[1]); torch.set_num_threads(1)
torch.backends.mkldnn.enabled = sys.argv[2] == 'mkldnn'
g = torch.Generator().manual_seed(1)
sh = [(64,1,5,5),(32,64,3,3),(9,32,3,3)]
w = [(torch.randn(s, generator=g)*0.05).requires_grad_() for s in sh]
b = [torch.zeros(s[0], requires_grad=True) for s in sh]
bad = differ = 0; t0 = time.time()
for s in range(steps):
    x = torch.rand(16,1,17,17, generator=g); y = torch.rand(16,9,17,17, generator=g)
    first = None
    for rep in range(2):
        h = x
        for i in range(3):
            h = F.conv2d(h, w[i], b[i], padding=sh[i][2]//2)
            if i < 2: h = torch.tanh(h)
        l = ((h - y)**2).mean()
        grads = torch.autograd.grad(l, w + b)
        if not all(torch.isfinite(t).all() for t in grads): bad += 1
        if rep == 0: first = grads
        elif not all(torch.equal(a, c) for a, c in zip(first, grads)): differ += 1
print(f"torch {torch.__version__} {sys.argv[2]} steps={steps} nonfinite={bad} differ={differ} ms/step={(time.time()-t0)*1000/steps:.2f}")
