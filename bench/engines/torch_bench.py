"""PyTorch (Debian's python3-torch) on W1-W4, measured as bench/measure.ts does; prints one RESULT line.

Run by bench/run.ts as /usr/bin/python3 bench/engines/torch_bench.py --workload W1 --torch-threads 1, with
OPENBLAS_NUM_THREADS and OPENBLAS_CORETYPE set in the environment (OpenBLAS reads them when it loads).
"""
import argparse
import json
import resource
import statistics
import time

import torch

W1 = dict(layers=[784, 256, 128, 10], batch=128, lr=1e-3, batches=8)
W2 = dict(layers=[2, 8, 8, 1], batch=10, lr=0.1, batches=8)
UNITS = {"W1": "samples/s", "W2": "steps/s", "W3": "GFLOP/s", "W4": "rows/s"}


def data(n, seed):
    """mulberry32 in [-1, 1), the same values as bench/workloads.ts's data() (its state advances by a
    constant, so all n draws are computed at once in int64 arithmetic masked to 32 bits)."""
    m = 0xFFFFFFFF
    s = (seed + torch.arange(1, n + 1, dtype=torch.int64) * 0x6D2B79F5) & m
    t = ((s ^ (s >> 15)) * (s | 1)) & m
    t = t ^ ((t + (((t ^ (t >> 7)) * (t | 61)) & m)) & m)
    return ((((t ^ (t >> 14)) & m).double() / 2147483648) - 1).float()


def fast_data(n, seed):
    """Large operands (W3) need no exact match: a seeded normal draw is as good and much faster."""
    g = torch.Generator().manual_seed(seed)
    return torch.rand(n, generator=g) * 2 - 1


def mlp(layers, act):
    mods = []
    for i in range(len(layers) - 1):
        mods.append(torch.nn.Linear(layers[i], layers[i + 1]))
        if i + 2 < len(layers):
            mods.append(torch.nn.ReLU() if act == "relu" else torch.nn.Tanh())
    return torch.nn.Sequential(*mods)


def rates(fn, work, repeats, target_ms, warmup_ms=600):
    calls, w0 = 0, time.perf_counter()
    while calls < 1 or (time.perf_counter() - w0) * 1000 < warmup_ms:
        fn()
        calls += 1
    per_call = (time.perf_counter() - w0) * 1000 / calls
    n = max(1, round(target_ms / per_call))
    repeats = max(3, min(repeats, int(30_000 // (n * per_call))))
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        out.append(n * work / (time.perf_counter() - t0))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workload", required=True)
    ap.add_argument("--torch-threads", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=9)
    ap.add_argument("--target-ms", type=float, default=400)
    a = ap.parse_args()
    torch.set_num_threads(a.torch_threads)
    torch.manual_seed(0)
    w = a.workload
    if w in ("W1", "W2"):
        cfg = W1 if w == "W1" else W2
        model = mlp(cfg["layers"], "relu" if w == "W1" else "tanh")
        opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"]) if w == "W1" else torch.optim.SGD(model.parameters(), lr=cfg["lr"])
        inf, outf, batch = cfg["layers"][0], cfg["layers"][-1], cfg["batch"]
        xs = [data(batch * inf, (100 if w == "W1" else 300) + i).view(batch, inf) for i in range(cfg["batches"])]
        if w == "W1":
            ys = [((data(batch, 200 + i) + 1) / 2 * 10).floor().clamp(max=9).long() for i in range(cfg["batches"])]
            loss_fn = torch.nn.functional.cross_entropy
        else:
            ys = [data(batch, 400 + i).view(batch, outf) for i in range(cfg["batches"])]
            loss_fn = torch.nn.functional.mse_loss
        step = [0]

        def train_step():
            i = step[0] % cfg["batches"]
            step[0] += 1
            opt.zero_grad(set_to_none=True)
            loss_fn(model(xs[i]), ys[i]).backward()
            opt.step()

        rs = rates(train_step, batch if w == "W1" else 1, a.repeats, a.target_ms)
    elif w == "W3":
        n = 2048
        x, y = fast_data(n * n, 1).view(n, n), fast_data(n * n, 2).view(n, n)
        with torch.no_grad():
            rs = rates(lambda: torch.mm(x, y), 2 * n ** 3 / 1e9, a.repeats, max(a.target_ms, 300))
    else:
        model = mlp(W1["layers"], "relu").eval()
        x = fast_data(1000 * 784, 500).view(1000, 784)
        with torch.no_grad():
            rs = rates(lambda: model(x), 1000, a.repeats, a.target_ms)
    import os
    settings = f"{a.torch_threads} torch thread(s), OpenBLAS {os.environ.get('OPENBLAS_NUM_THREADS', 'default')} thread(s), core {os.environ.get('OPENBLAS_CORETYPE', 'auto')}"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(dict(workload=w, engine="PyTorch", value=statistics.median(rs), unit=UNITS[w], rates=rs, peakRssMB=peak, settings=settings)))


if __name__ == "__main__":
    main()
