#!/usr/bin/env python3
"""Triad's GEMM against numpy (OpenBLAS) in GFLOP/s, measured in one run.

For each round and each thread count, `triad bench gemm --json` and a numpy worker process time the same
products the same way (warm-up of 0.3 s and 2 calls, then REPETITIONS repetitions of at least 0.1 s each; best
per-call time), one after the other, in an order that alternates between rounds so neither side always runs
first. Each side's value for a product is the median over rounds of its per-round best; the ratio is
Triad / numpy. Throughput counts 2*m*n*k flops per product.

OpenBLAS reads OPENBLAS_NUM_THREADS when it loads, so each thread count gets its own numpy process. This
machine sets OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for old OpenBLAS builds; they would pin an old kernel, so
they are unset for the numpy process only (`env -u ...`), never for this script or Triad.

Usage (from the repository root):
  python3 benchmarks/peers/gemm.py [--sizes 512,1024,2048] [--threads 1,2] [--precision both] [--rounds 3]
                                   [--cnn] [--no-build]
--cnn adds the products a small CNN trains with (float32 only, as the learning layers use), reported apart.
numpy must be importable by some python3: this one, or Debian's /usr/bin/python3 (python3-numpy). Debian's
numpy links the reference BLAS unless an optimised one is installed: `apt-get install libopenblas0-pthread`
makes it OpenBLAS (update-alternatives). The first line of the output names the BLAS library numpy loaded.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TRIAD_DLL = os.path.join(ROOT, "src", "Triad.Cli", "bin", "Release", "net10.0", "triad.dll")
REPETITIONS = 5
SECONDS_PER_REPETITION = 0.1
WARM_UP_SECONDS = 0.3

# (name, m, n, k, op) with op = "NN", "NT", "TN" or "TT": op(A) is m x k, op(B) is k x n. Batch 64 of 28x28
# images, conv1 3x3 with 16 filters (26x26 out), pool to 13x13, conv2 3x3 with 32 filters (11x11 out), dense
# 800 -> 128, and an MLP layer.
CNN_SHAPES = [
    ("conv1 forward", 43264, 16, 9, "NT"),
    ("conv1 weight grad", 16, 9, 43264, "TN"),
    ("conv2 forward", 7744, 32, 144, "NT"),
    ("conv2 weight grad", 32, 144, 7744, "TN"),
    ("conv2 input grad", 7744, 144, 32, "NN"),
    ("dense forward", 64, 128, 800, "NN"),
    ("dense input grad", 64, 800, 128, "NT"),
    ("dense weight grad", 800, 128, 64, "TN"),
    ("mlp forward", 32, 128, 64, "NN"),
]


def numpy_worker(shapes, precisions):
    """Runs inside the numpy process: times every (precision, shape) and prints JSON lines."""
    import numpy as np

    blas = blas_name()
    rng = np.random.default_rng(1)
    for precision in precisions:
        dtype = np.float32 if precision == "float32" else np.float64
        for m, n, k, op in shapes:
            # Store A and B as Triad does for this op; a transposed view makes numpy pass a transpose flag to
            # BLAS (no copy), as Triad packs the transpose.
            a = (rng.random((k, m) if op[0] == "T" else (m, k)) * 2 - 1).astype(dtype)
            b = (rng.random((n, k) if op[1] == "T" else (k, n)) * 2 - 1).astype(dtype)
            opa = a.T if op[0] == "T" else a
            opb = b.T if op[1] == "T" else b
            c = np.empty((m, n), dtype=dtype)
            call = lambda: np.matmul(opa, opb, out=c)
            best, median = time_calls(call)
            print(json.dumps({"m": m, "n": n, "k": k, "op": op, "precision": precision,
                              "bestSeconds": best, "medianSeconds": median, "blas": blas}), flush=True)


def time_calls(call):
    """Warm-up, then REPETITIONS repetitions of a fixed call count; best and median seconds per call."""
    start = time.perf_counter()
    calls = 0
    while calls < 2 or time.perf_counter() - start < WARM_UP_SECONDS:
        call()
        calls += 1
    t = time.perf_counter()
    call()
    one = max(time.perf_counter() - t, 1e-9)
    count = max(1, int(-(-SECONDS_PER_REPETITION // one)))
    per_call = []
    for _ in range(REPETITIONS):
        t = time.perf_counter()
        for _ in range(count):
            call()
        per_call.append((time.perf_counter() - t) / count)
    return min(per_call), statistics.median(per_call)


def blas_name():
    """Name of the BLAS library numpy loaded, read from this process's memory map."""
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line.lower()}
        return ", ".join(sorted(os.path.basename(lib) + " (" + os.path.dirname(lib) + ")" for lib in libs)) or "unknown"
    except OSError:
        return "unknown"


def python_with_numpy():
    for candidate in (sys.executable, "/usr/bin/python3"):
        if candidate and subprocess.run([candidate, "-c", "import numpy"], capture_output=True).returncode == 0:
            return candidate
    sys.exit("gemm.py: no python3 with numpy found (install Debian's python3-numpy)")


def run_numpy(python, threads, shapes, precisions):
    spec = ";".join(f"{m}x{n}x{k}:{op}" for m, n, k, op in shapes)
    command = ["env", "-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE", f"OPENBLAS_NUM_THREADS={threads}",
               python, os.path.abspath(__file__), "--numpy-worker", spec, ",".join(precisions)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def run_triad(threads, shapes, precisions):
    spec = ",".join(f"{m}x{n}x{k}:{op}" for m, n, k, op in shapes)
    precision = precisions[0] if len(precisions) == 1 else "both"
    command = ["dotnet", TRIAD_DLL, "bench", "gemm", "--sizes", "", "--shapes", spec, "--precision", precision,
               "--threads", str(threads), "--repetitions", str(REPETITIONS), "--seconds", str(SECONDS_PER_REPETITION),
               "--json"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rows = json.loads(out)["results"]
    return [{"m": r["m"], "n": r["n"], "k": r["k"], "op": ("T" if r["transposeA"] else "N") + ("T" if r["transposeB"] else "N"),
             "precision": r["precision"], "bestSeconds": r["bestSeconds"]} for r in rows]


def key(row):
    return (row["precision"], row["m"], row["n"], row["k"], row["op"])


def measure(groups, thread_counts, rounds, python):
    """groups: list of (shapes, precisions). Returns {(threads, key): {"triad": [...], "numpy": [...]}} and the BLAS."""
    samples = {}
    blas = "unknown"
    for r in range(rounds):
        for threads in thread_counts:
            for shapes, precisions in groups:
                order = ("triad", "numpy") if (r + threads) % 2 == 0 else ("numpy", "triad")
                for side in order:
                    rows = run_triad(threads, shapes, precisions) if side == "triad" else run_numpy(python, threads, shapes, precisions)
                    for row in rows:
                        blas = row.get("blas", blas)
                        samples.setdefault((threads, key(row)), {"triad": [], "numpy": []})[side].append(row["bestSeconds"])
                print(f"  round {r + 1}/{rounds}, {threads} thread(s), {len(shapes)} shape(s): done", file=sys.stderr, flush=True)
    return samples, blas


def gflops(m, n, k, seconds):
    return 2.0 * m * n * k / seconds / 1e9


def print_table(title, rows):
    print(f"\n{title}")
    header = f"{'product':>22} {'precision':>9} {'threads':>7} {'Triad GFLOP/s':>13} {'numpy GFLOP/s':>13} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for label, precision, threads, triad, numpy_value in rows:
        print(f"{label:>22} {precision:>9} {threads:>7} {triad:13.1f} {numpy_value:13.1f} {triad / numpy_value:6.2f}")


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--numpy-worker":
        shapes = []
        for item in sys.argv[2].split(";"):
            dims, op = item.split(":")
            m, n, k = (int(x) for x in dims.split("x"))
            shapes.append((m, n, k, op))
        numpy_worker(shapes, sys.argv[3].split(","))
        return

    parser = argparse.ArgumentParser(description="Triad GEMM vs numpy (OpenBLAS), GFLOP/s")
    parser.add_argument("--sizes", default="512,1024,2048")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--precision", default="both", choices=["float32", "float64", "both"])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cnn", action="store_true", help="also time the CNN training products (float32)")
    parser.add_argument("--no-build", action="store_true", help="use the existing Release build of triad")
    args = parser.parse_args()

    if not args.no_build or not os.path.exists(TRIAD_DLL):
        subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Triad.Cli"), "-c", "Release", "--nologo", "-v", "q"],
                       check=True, stdout=subprocess.DEVNULL)
    python = python_with_numpy()
    thread_counts = [int(t) for t in args.threads.split(",")]
    precisions = ["float32", "float64"] if args.precision == "both" else [args.precision]
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    square = [(n, n, n, "NN") for n in sizes]
    groups = [(square, precisions)] if square else []
    if args.cnn:
        groups.append(([(m, n, k, op) for _, m, n, k, op in CNN_SHAPES], ["float32"]))

    samples, blas = measure(groups, thread_counts, args.rounds, python)
    print(f"numpy BLAS: {blas}; numpy python: {python}")
    print(f"each value: median over {args.rounds} rounds of the best of {REPETITIONS} repetitions (>= {SECONDS_PER_REPETITION} s each)")

    def row_for(label, precision, m, n, k, op, threads):
        s = samples[(threads, (precision, m, n, k, op))]
        return (label, precision, threads, gflops(m, n, k, statistics.median(s["triad"])), gflops(m, n, k, statistics.median(s["numpy"])))

    if square:
        print_table("square products C = A·B (n×n)",
                    [row_for(f"{n}×{n}×{n}", p, n, n, n, "NN", t) for n in sizes for p in precisions for t in thread_counts])
    if args.cnn:
        print_table("CNN training products, float32 (batch 64)",
                    [row_for(f"{name} {op}", "float32", m, n, k, op, t) for name, m, n, k, op in CNN_SHAPES for t in thread_counts])


if __name__ == "__main__":
    main()
