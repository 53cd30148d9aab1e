#!/usr/bin/env python3
"""Writes datasets.json: the exact points of scikit-learn's make_moons, make_circles and
make_blobs, and of the numpy spiral recipe, for GeneratedDatasetTests.

Run from this folder with real numpy and scikit-learn installed:
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install numpy scikit-learn
    /tmp/venv/bin/python make_fixtures.py
Python is only needed to regenerate this file; nn-tutor never runs it.

Floats are stored as float.hex so the Swift side can compare bit for bit.
"""
import json
import math
import os
import platform
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_blobs, make_circles, make_moons

SEEDS = [0, 1, 42, 4294967295]
SMALL_SIZES = [2, 3, 7, 100, 101]
NOISES = [0.0, 0.05, 0.3, 1.0]
# Larger sizes cost space, so they get a few (seed, noise) pairs each.
LARGE = [(1000, 0, 0.3), (1000, 4294967295, 0.05), (1001, 7, 0.1)]
# One case at the largest size nn-tutor accepts: shuffle masks up to 2^14 - 1, the widest spiral.
HUGE = [("spiral", 10000, 42, 0.05)]


def spiral(n, noise, seed):
    """The recipe GeneratedDataset.spiral reproduces, verbatim."""
    rng = np.random.RandomState(seed)
    m0 = n // 2
    m1 = n - m0
    parts, ys = [], []
    for c, m in ((0, m0), (1, m1)):
        r = np.arange(m) / m
        t = 3.5 * np.pi * r + c * np.pi
        parts.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
        ys.append(np.full(m, float(c)))
    X = np.vstack(parts)
    y = np.hstack(ys)
    idx = np.arange(n)
    rng.shuffle(idx)
    X, y = X[idx], y[idx]
    X += rng.normal(scale=noise, size=X.shape)
    return X, y


def generate(name, n, noise, seed):
    if name == "moons":
        return make_moons(n_samples=n, noise=noise, random_state=seed)
    if name == "circles":
        return make_circles(n_samples=n, noise=noise, factor=0.5, random_state=seed)
    if name == "blobs":
        return make_blobs(n_samples=n, centers=[[-1, -1], [1, 1]], cluster_std=noise, random_state=seed)
    return spiral(n, noise, seed)


def case(name, n, noise, seed):
    X, y = generate(name, n, float(noise), seed)
    assert X.shape == (n, 2) and X.dtype == np.float64
    return {
        "name": name,
        "n": n,
        "noise": float(noise),
        "seed": seed,
        "X": [[float(a).hex(), float(b).hex()] for a, b in X],
        "y": [int(v) for v in y],
    }


def angles():
    """Every angle the generators pass to cos/sin for the fixture sizes."""
    sizes = sorted(set(SMALL_SIZES + [n for n, _, _ in LARGE] + [10000]))
    for n in sizes:
        for m in (n // 2, n - n // 2):
            yield np.linspace(0, np.pi, m)                      # moons
            yield np.linspace(0, 2 * np.pi, m, endpoint=False)  # circles
            r = np.arange(m) / m
            for c in (0, 1):
                yield 3.5 * np.pi * r + c * np.pi               # spiral


def libm_check():
    """numpy's sin/cos/exp against Python's math module, which calls the platform libm."""
    result = {}
    for fname in ("sin", "cos"):
        total = differ = 0
        for a in angles():
            got = getattr(np, fname)(a)
            want = np.array([getattr(math, fname)(v) for v in a])
            total += a.size
            differ += int((got.view(np.uint64) != want.view(np.uint64)).sum())
        result[fname] = {"values": total, "differ_from_libm": differ}
    v = np.random.RandomState(0).uniform(-30, 30, 100000)
    got = np.exp(v)
    want = np.array([math.exp(x) for x in v])
    result["exp_uniform_-30_30"] = {
        "values": int(v.size),
        "differ_from_libm": int((got != want).sum()),
        "note": "exp is not used by these generators; recorded because nn-tutor's sigmoid uses libm exp",
    }
    return result


def none_vs_zero():
    """sklearn's noise=None skips the normal draws; noise=0.0 draws them and adds +0.0.
    Record whether the two ever give different points for the fixture cases."""
    differ = 0
    for n in SMALL_SIZES + [1000]:
        for seed in SEEDS:
            for make in (lambda **k: make_moons(**k), lambda **k: make_circles(factor=0.5, **k)):
                a, ya = make(n_samples=n, noise=None, random_state=seed)
                b, yb = make(n_samples=n, noise=0.0, random_state=seed)
                differ += int((a.view(np.uint64) != b.view(np.uint64)).sum() + (ya != yb).sum())
    return differ


def main():
    cases = []
    for name in ("moons", "circles", "blobs", "spiral"):
        for seed in SEEDS:
            for noise in NOISES:
                for n in SMALL_SIZES:
                    cases.append(case(name, n, noise, seed))
        for n, seed, noise in LARGE:
            cases.append(case(name, n, noise, seed))
    for name, n, seed, noise in HUGE:
        cases.append(case(name, n, noise, seed))
    out = {
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        # sin/cos/exp kernels depend on the CPU numpy ran on: record the AVX-512 features it found.
        "numpy_avx512_found": sorted(k for k, v in np._core._multiarray_umath.__cpu_features__.items()
                                     if v and k.startswith("AVX512")),
        "note": "X as float.hex pairs in the generated (shuffled) order; y as the integer labels sklearn returns",
        "libm_check": libm_check(),
        "noise_none_vs_zero_differences": none_vs_zero(),
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "datasets.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases, {os.path.getsize(path)} bytes, to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
