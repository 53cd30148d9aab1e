#!/usr/bin/env python3
"""Write Tests/NNTutorCLITests/Fixtures/reference-<name>.args / .jsonl from mlp_reference.py.

Each .args file holds one line: the flags.  Each .jsonl is the reference trace for them.
Re-run after changing the reference; `git diff` then shows what moved.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "NNTutorCLITests", "Fixtures")
REF = os.path.join(HERE, "mlp_reference.py")

LARGE = "1000,-1000,-1000.5,1000,0.25,0.5,2,-1.5,0.5"  # 2-2-1, |W1| ~ 1e3 (cancelling)
LAYERED = "0.5,-0.5,0.25,0.75,0.1,-0.1,1,-1,0.5,0.5,0,0,1.5,-2,0.3"  # 2-2-2-1

SETUPS = [
    # every activation x both losses, depths 1-4
    ("sigmoid-squared-h4x4", "--dataset xor --hidden 4,4 --epochs 2"),
    ("sigmoid-ce-h3", "--dataset xor --hidden 3 --loss cross-entropy --epochs 3"),
    ("tanh-squared-h3", "--dataset xor --hidden 3 --activation tanh --epochs 3"),
    ("tanh-ce-h2x3x2", "--dataset or --hidden 2,3,2 --activation tanh --loss cross-entropy --epochs 2"),
    ("relu-squared-h4x4", "--dataset or --hidden 4,4 --activation relu --seed 1 --epochs 2"),
    ("relu-ce-h2x2x2x2", "--dataset xor --hidden 2,2,2,2 --activation relu --loss cross-entropy --seed 3 --epochs 2"),
    ("leaky-relu-squared-h2x3x2", "--dataset nand --hidden 2,3,2 --activation leaky-relu --epochs 2"),
    ("leaky-relu-ce-h4x4", "--dataset and --hidden 4,4 --activation leaky-relu --loss cross-entropy --lr 0.1 --epochs 2"),
    ("linear-squared-h2x2x2x2", "--dataset and --hidden 2,2,2,2 --activation linear --lr 0.05 --epochs 2"),
    ("linear-ce-h3", "--dataset or --hidden 3 --activation linear --loss cross-entropy --seed 7 --epochs 3"),
    # batches
    ("batch2-sigmoid-h3", "--dataset xor --hidden 3 --batch 2 --epochs 3"),
    ("batch3-tanh-h2x3x2", "--dataset or --hidden 2,3,2 --activation tanh --batch 3 --epochs 3"),
    ("batchfull-relu-ce-h4x4", "--dataset xor --hidden 4,4 --activation relu --loss cross-entropy --batch full --seed 5 --epochs 3"),
    ("batch3-leaky-relu-ce-h2x2x2x2", "--dataset nand --hidden 2,2,2,2 --activation leaky-relu --loss cross-entropy --batch 3 --lr 1 --epochs 2"),
    # notebook mode and each bug, squared loss, deep networks
    ("notebook-sigmoid-h2x3x2", "--dataset xor --hidden 2,3,2 --mode notebook --epochs 2"),
    ("bug-sign-tanh-h4x4", "--dataset xor --hidden 4,4 --activation tanh --bug sign --epochs 2"),
    ("bug-deriv-tanh-h4x4", "--dataset xor --hidden 4,4 --activation tanh --bug deriv-at-yhat --epochs 2"),
    ("bug-deriv-relu-h3x3", "--dataset or --hidden 3,3 --activation relu --bug deriv-at-yhat --seed 2 --epochs 2"),
    ("notebook-leaky-relu-batch2-h2x2x2x2", "--dataset and --hidden 2,2,2,2 --activation leaky-relu --mode notebook --batch 2 --epochs 2"),
    ("bugs-both-linear-h2x3x2", "--dataset nand --hidden 2,3,2 --activation linear --bug sign --bug deriv-at-yhat --lr 0.1 --epochs 2"),
    # --init on a layered network
    ("init-tanh-h2x2", "--dataset xor --hidden 2,2 --activation tanh --init " + LAYERED + " --lr 1 --epochs 3"),
    # gradient checks
    ("check-ce-tanh-h3x3", "--dataset xor --hidden 3,3 --activation tanh --loss cross-entropy --check-gradients --epochs 2"),
    ("check-ce-sigmoid-h2x2x2x2", "--dataset or --hidden 2,2,2,2 --loss cross-entropy --check-gradients --batch 2 --epochs 2"),
    ("check-large-weights-h2", "--dataset xor --hidden 2 --init " + LARGE + " --check-gradients --lr 0.1 --epochs 2"),
    ("check-large-weights-relu-ce-h2", "--dataset and --hidden 2 --activation relu --loss cross-entropy --init " + LARGE + " --check-gradients --lr 0.1 --epochs 2"),
    # single neuron
    ("single-ce", "--dataset and --loss cross-entropy --epochs 3"),
    ("single-batchfull", "--dataset or --batch full --epochs 3"),
    ("single-batch3-ce-check", "--dataset nand --batch 3 --loss cross-entropy --check-gradients --seed 9 --epochs 2"),
    ("single-ce-saturated-check", "--dataset or --loss cross-entropy --init -800,40,0 --check-gradients --epochs 2"),
    # the notebook data set (one sample) with batch 2
    ("notebook-data-batch2-h2", "--dataset notebook --hidden 2 --batch 2 --epochs 3"),
    ("notebook-data-batch2-single", "--dataset notebook --batch 2 --seed 5 --epochs 3"),
]


def main():
    total = 0
    for name, flags in SETUPS:
        p = subprocess.run([sys.executable, REF] + flags.split(), capture_output=True, text=True, check=True)
        with open(os.path.join(FIX, "reference-%s.args" % name), "w") as f:
            f.write(flags + "\n")
        with open(os.path.join(FIX, "reference-%s.jsonl" % name), "w") as f:
            f.write(p.stdout)
        total += len(p.stdout)
        print("%-40s %5d lines" % (name, p.stdout.count("\n")))
    print("total bytes", total)


if __name__ == "__main__":
    main()
