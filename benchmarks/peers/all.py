#!/usr/bin/env python3
"""Every peer comparison of the learning core in one run: GEMM against numpy/OpenBLAS (gemm.py), then the CNN and the
digits MLP against PyTorch (training.py), each at 1 and 2 threads, float32 and float64 for GEMM. Prints both tables.

Usage (from the repository root): python3 benchmarks/peers/all.py [--rounds 3]
"""

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Triad.Cli"), "-c", "Release", "-v", "quiet", "-nologo"], check=True)
    for script, extra in (("gemm.py", ["--sizes", "512,1024,2048", "--threads", "1,2", "--precision", "both"]),
                          ("training.py", ["--workloads", "cnn,mlp", "--threads", "1,2"])):
        print(f"== {script}", flush=True)
        code = subprocess.run([sys.executable, os.path.join(HERE, script), *extra, "--rounds", str(args.rounds), "--no-build"]).returncode
        if code != 0:
            sys.exit(code)


if __name__ == "__main__":
    main()
