#!/usr/bin/env python3
"""Compare mlp_reference.py against pinned product traces (Fixtures/*.args + *.jsonl).

Usage: compare_fixtures.py [FIXTURE_PREFIX ...]   (default: every single-* and hidden-* fixture,
plus every reference-* fixture, which must match exactly).

Numbers are compared as floats parsed from JSON, bitwise (struct '<d').  Allowed differences
(the pinned single-/hidden- traces predate the current spec):
  * hidden-*: the reference has extra records dadz<l> / dL_da<l> (dropped before aligning);
    an exact zero may differ in sign;
  * *_numeric / *_rel_error records: the old h was a fixed 1e-6, the spec's is 1e-6*max(1,|θ|),
    so these may differ (single-*: always; hidden-*: only elements whose θ has |θ| > 1).
Anything else is printed as a mismatch.
"""

import glob
import json
import math
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "NNTutorCLITests", "Fixtures")
REF = os.path.join(HERE, "mlp_reference.py")


def bits(v):
    if isinstance(v, str):
        return v
    return struct.pack("<d", float(v))


def flat(v):
    if isinstance(v, list):
        out = []
        for e in v:
            out.extend(flat(e))
        return out
    return [v]


def numbers(record):
    """The record's numbers in order; a non-finite one (null in "value") as its kind from "nonfinite"."""
    values = flat(record["value"])
    kinds = flat(record["nonfinite"]) if "nonfinite" in record else [None] * len(values)
    return [k if v is None else v for v, k in zip(values, kinds)]


def shape(v):
    if isinstance(v, list):
        return [len(v)] + (shape(v[0]) if v else [])
    return []


def is_zero(v):
    return not isinstance(v, str) and float(v) == 0.0


def run_ref(args):
    p = subprocess.run([sys.executable, REF] + args, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit("reference failed for %s: %s" % (args, p.stderr))
    return [json.loads(l) for l in p.stdout.splitlines()]


def compare(prefix):
    args = open(os.path.join(FIX, prefix + ".args")).read().split()
    old = [json.loads(l) for l in open(os.path.join(FIX, prefix + ".jsonl"))]
    mine = run_ref(args)
    base = os.path.basename(prefix)
    hidden = base.startswith("hidden-")
    single = base.startswith("single-")
    extra = 0
    if hidden:
        kept = [r for r in mine if not (r["name"].startswith("dadz") or r["name"].startswith("dL_da"))]
        extra = len(mine) - len(kept)
        mine = kept
    stats = {"records": len(old), "extra_dropped": extra, "exact": 0, "zero_sign": 0,
             "numeric_allowed": 0, "mismatch": 0}
    problems = []
    if len(old) != len(mine):
        problems.append("record count: old %d, reference %d" % (len(old), len(mine)))
    # parameters in force per step (for the |θ| > 1 rule)
    params = {}
    for r in mine:
        if r["phase"] == "forward" and (r["name"][:1] in ("W", "b")):
            params[(r["step"], r["name"])] = r["value"]
    for k, (o, m) in enumerate(zip(old, mine)):
        keys_o = {x: o.get(x) for x in ("step", "epoch", "sample", "phase", "name")}
        keys_m = {x: m.get(x) for x in ("step", "epoch", "sample", "phase", "name")}
        if keys_o != keys_m or ("sample" in o) != ("sample" in m):
            problems.append("line %d: header differs: old %s, reference %s" % (k + 1, keys_o, keys_m))
            stats["mismatch"] += 1
            continue
        if shape(o["value"]) != shape(m["value"]):
            problems.append("line %d %s: shape differs %s vs %s" % (k + 1, o["name"], shape(o["value"]), shape(m["value"])))
            stats["mismatch"] += 1
            continue
        fo, fm = numbers(o), numbers(m)
        if all(bits(a) == bits(b) for a, b in zip(fo, fm)):
            stats["exact"] += 1
            continue
        name = o["name"]
        numeric = name.endswith("_numeric") or name.endswith("_rel_error")
        if numeric and single:
            stats["numeric_allowed"] += 1
            continue
        if hidden:
            pname = name.replace("dL_d", "").replace("_numeric", "").replace("_rel_error", "")
            theta = flat(params.get((o["step"], pname), [])) if numeric else []
            ok = True
            only_zero = True
            for e, (a, b) in enumerate(zip(fo, fm)):
                if bits(a) == bits(b):
                    continue
                if is_zero(a) and is_zero(b):
                    continue
                only_zero = False
                if numeric and e < len(theta) and abs(float(theta[e])) > 1:
                    continue
                ok = False
            if ok and only_zero:
                stats["zero_sign"] += 1
                continue
            if ok:
                stats["numeric_allowed"] += 1
                continue
        stats["mismatch"] += 1
        problems.append("line %d step %d %s %s: old %s, reference %s" % (
            k + 1, o["step"], o["phase"], name, json.dumps(o["value"]), json.dumps(m["value"])))
    return stats, problems


def main(argv):
    if argv:
        prefixes = argv
    else:
        prefixes = sorted(p[:-5] for p in glob.glob(os.path.join(FIX, "*.args"))
                          if os.path.basename(p).startswith(("single-", "hidden-")))
        prefixes += sorted(p[:-5] for p in glob.glob(os.path.join(FIX, "reference-*.args")))
    total_bad = 0
    for p in prefixes:
        stats, problems = compare(p)
        print("%-70s %s" % (os.path.basename(p), stats))
        for line in problems[:40]:
            print("    " + line)
        if len(problems) > 40:
            print("    ... %d more" % (len(problems) - 40))
        total_bad += len(problems)
    print("TOTAL problems:", total_bad)
    return 1 if total_bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
