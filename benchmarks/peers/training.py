#!/usr/bin/env python3
"""Triad's training throughput against PyTorch (CPU, float32), measured in one run.

Two workloads, each at 1 and 2 threads:
  cnn  - the issue's small CNN on Fashion-MNIST (60,000 images), one epoch at batch 64, Adam lr 1e-3, no
         validation split: conv(1->16, 3x3) -> ReLU -> maxpool 2 -> conv(16->32, 3x3) -> ReLU -> maxpool 2 ->
         flatten -> dense 128 -> ReLU -> dense 10 (Triad's built-in `fashion-cnn-small`).
  mlp  - the digits MLP (`digits-mlp`: 64 -> 128 ReLU, dropout 0.1 -> 64 ReLU -> 10), batch 32, Adam lr 1e-3, on the
         1,437 training samples of the 80/20 split; the rate is the median of epochs 2..N (epoch 1 warms up).
Triad runs `triad train ... --precision float32 --json` and reads samples/s from its report (training time only,
as PyTorch's loop is timed); PyTorch runs the same loop in a worker process. Rounds alternate which side runs
first; each side's figure is the median over rounds, and the ratio is Triad / PyTorch.

PyTorch and numpy come from Debian (python3-torch, python3-numpy: /usr/bin/python3). This machine sets
OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for old OpenBLAS builds; they are unset for the PyTorch process only.

Usage (from the repository root):
  python3 benchmarks/peers/training.py [--workloads cnn,mlp] [--threads 1,2] [--rounds 3] [--mlp-epochs 8] [--no-build]
Fashion-MNIST must be installed: sudo apt-get install dataset-fashion-mnist (or TRIAD_FASHION_MNIST_DIR).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TRIAD_DLL = os.path.join(ROOT, "src", "Triad.Cli", "bin", "Release", "net10.0", "triad.dll")
FASHION_DIR = os.environ.get("TRIAD_FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")
TORCH_PYTHON = "/usr/bin/python3"

WORKER = r'''
import gzip, json, struct, sys, time
import numpy as np, torch, torch.nn as nn
workload, threads, fashion, digits, epochs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
torch.set_num_threads(threads)
torch.manual_seed(42)
def idx(path):
    with gzip.open(path) as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, 1, rows, cols)
    return np.frombuffer(data, np.uint8, offset=8)
if workload == "cnn":
    x = torch.tensor(idx(fashion + "/train-images-idx3-ubyte.gz") / 255.0, dtype=torch.float32)
    y = torch.tensor(idx(fashion + "/train-labels-idx1-ubyte.gz").astype(np.int64))
    model = nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(800, 128), nn.ReLU(), nn.Linear(128, 10))
    batch = 64
else:
    with gzip.open(digits, "rt") as f:
        rows = np.loadtxt(f, delimiter=",")
    # The same stratified 80/20 split is not needed for timing; the first 80 % of each class is as many samples.
    keep = np.concatenate([np.flatnonzero(rows[:, 64] == c)[: int(round(0.8 * np.sum(rows[:, 64] == c)))] for c in range(10)])
    x = torch.tensor(rows[keep, :64] / 16.0, dtype=torch.float32)
    y = torch.tensor(rows[keep, 64].astype(np.int64))
    model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Dropout(0.1), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    batch = 32
opt = torch.optim.Adam(model.parameters(), 1e-3)
loss_fn = nn.CrossEntropyLoss()
rates = []
for epoch in range(epochs):
    order = torch.randperm(x.shape[0])
    start = time.perf_counter()
    for i in range(0, x.shape[0], batch):
        b = order[i:i + batch]
        opt.zero_grad()
        loss = loss_fn(model(x[b]), y[b])
        loss.backward()
        opt.step()
    rates.append(x.shape[0] / (time.perf_counter() - start))
print(json.dumps({"rates": rates, "samples": int(x.shape[0])}))
'''


def torch_rate(workload, threads, epochs):
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    env["OMP_NUM_THREADS"] = str(threads)
    out = subprocess.run([TORCH_PYTHON, "-c", WORKER, workload, str(threads), FASHION_DIR,
                          os.path.join(ROOT, "data", "digits.csv.gz"), str(epochs)],
                         env=env, check=True, capture_output=True, text=True).stdout
    rates = json.loads(out.strip().splitlines()[-1])["rates"]
    return rates[0] if workload == "cnn" else statistics.median(rates[1:])


def triad_rate(workload, threads, epochs):
    with tempfile.TemporaryDirectory() as out:
        if workload == "cnn":
            args = ["--data", "fashion-mnist", "--model", "fashion-cnn-small", "--epochs", "1", "--batch-size", "64"]
        else:
            args = ["--data", "digits", "--model", "digits-mlp", "--epochs", str(epochs), "--batch-size", "32", "--patience", "0"]
        cmd = ["dotnet", TRIAD_DLL, "train", *args, "--validation", "0", "--precision", "float32", "--lr", "1e-3",
               "--optimizer", "adam", "--seed", "42", "--threads", str(threads), "--out", out, "--json"]
        report = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    rates = [e["samplesPerSecond"] for e in report["history"]]
    return rates[0] if workload == "cnn" else statistics.median(rates[1:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workloads", default="cnn,mlp")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mlp-epochs", type=int, default=8)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Triad.Cli"), "-c", "Release", "-v", "quiet", "-nologo"], check=True)
    workloads = args.workloads.split(",")
    threads = [int(t) for t in args.threads.split(",")]
    if "cnn" in workloads and not os.path.isdir(FASHION_DIR):
        sys.exit(f"Fashion-MNIST not found in {FASHION_DIR}: sudo apt-get install dataset-fashion-mnist")
    rows = []
    for workload in workloads:
        for t in threads:
            triad, torch = [], []
            for r in range(args.rounds):
                order = [("triad", triad_rate, triad), ("torch", torch_rate, torch)]
                if r % 2 == 1:
                    order.reverse()
                for name, run, sink in order:
                    sink.append(run(workload, t, args.mlp_epochs))
                    print(f"  {workload} threads {t} round {r + 1}: {name} {sink[-1]:,.0f} samples/s", file=sys.stderr, flush=True)
            a, b = statistics.median(triad), statistics.median(torch)
            rows.append((workload, t, a, b, a / b))
    print(f"{'workload':<8} {'threads':>7} {'Triad samples/s':>16} {'PyTorch samples/s':>18} {'ratio':>6}")
    for workload, t, a, b, ratio in rows:
        print(f"{workload:<8} {t:>7} {a:>16,.0f} {b:>18,.0f} {ratio:>6.2f}")


if __name__ == "__main__":
    main()
