#!/usr/bin/env python3
"""nn-tutor independent reference trace (pure Python floats + libm via `math`).

Written from the written spec only (never from the product's Swift sources), so that the
product's traces can be checked against an independent implementation.

WHAT THIS IMPLEMENTS
--------------------
Usage: mlp_reference.py [--dataset or|and|nand|xor|notebook] [--seed S] [--lr ETA]
                        [--epochs E] [--hidden N[,N...]] [--activation A] [--loss L]
                        [--batch 1|K|full] [--init v1,v2,...] [--mode corrected|notebook]
                        [--bug sign] [--bug deriv-at-yhat] [--check-gradients]
Defaults: dataset or, seed 42, lr 0.5, epochs 1000, no hidden layer (single neuron),
activation sigmoid, loss squared, batch 1, mode corrected.  Prints JSON Lines on stdout.

* Draw: numpy legacy generator (RandomState(seed), same stream as np.random.seed).  First
  X = randint(0, 2, size=2) (always), then per layer l = 1..L: W_l = randn(n_l, n_{l-1}),
  b_l = randn(n_l), with n_0 = 2 and n_L = 1.  numpy is used ONLY for these draws.
  --init replaces every parameter, in draw order (W1 row-major, b1, W2, b2, ...).
* Data sets (sample order): or/and/nand/xor on (0,0),(0,1),(1,0),(1,1); notebook = one sample,
  x = the drawn X as floats, y = X[0] OR X[1].
* Forward: z_l[i] = ((W[i][0]*a[0] + W[i][1]*a[1]) + ...) + b[i]; hidden activation
  sigmoid 1.0/(1.0+exp(-z)) | tanh (math.tanh) | relu (z if z > 0 else 0.0) |
  leaky-relu (z if z > 0 else 0.01*z) | linear (z); output is always the sigmoid.
* Loss: squared (y-yhat)*(y-yhat); cross-entropy -log(yhat) (y = 1) / -log(1-yhat) (y = 0).
* Backward: dL/dyhat = -2*(y-yhat) (squared; the `sign` bug: 2*(y-yhat)) or -1/yhat (y = 1) /
  1/(1-yhat) (y = 0) for cross-entropy.  Output dadz = yhat*(1-yhat); delta_L =
  dLdyhat*dadz (squared) or yhat-y (cross-entropy).  Hidden: dL/da_l[j] = sum_i
  W_{l+1}[i][j]*delta_{l+1}[i] (left to right, forward-pass weights), dadz per activation
  (a*(1-a), 1-a*a, relu/leaky step on z, 1), delta_l = dLda*dadz.  dL/dW[i][j] = delta[i]*a[j],
  dL/db = delta.  Bug `deriv-at-yhat` evaluates each layer's derivative formula at a instead of z
  (sigmoid: s = sig(a); s*(1-s), also at the output; tanh: t = tanh(a); 1-t*t; relu/leaky on a).
  --mode notebook = both bugs.  Bugs/notebook mode with cross-entropy are refused (exit 2).
* Batches: K consecutive samples (last may be short; restart each epoch; `full` = whole epoch),
  all traced with the parameters in force at the batch start; mean = ((g1 + g2) + ...)/k, then
  w - lr*mean.  --batch 1: w - lr*g after each sample, no mean records.
* --check-gradients: h = 1e-6*max(1, |theta|), numeric = (L(theta+h) - L(theta-h))/(2*h) with the
  TRUE loss (no bugs), rel_error = |a-n|/max(|a|,|n|) (0 when both are 0); per sample.
* Epoch record: loss = 0.0 + L1 + L2 + ... (in order).
* Every arithmetic step follows IEEE semantics: overflowing exp gives inf, log(0) gives -inf,
  x/0 gives +-inf or NaN (never a Python exception).  Non-finite values are written as null,
  and the record gains "nonfinite": the value's shape with "NaN", "Infinity" or "-Infinity" in
  their places and null where the number is finite.
* Trace names/order/shapes: see the nn-tutor spec (single neuron: x y W b z y_hat loss /
  dL_dyhat dyhat_dz [delta] dz_dW dL_dW dL_db [checks] / [mean_dL_dW mean_dL_db] W b;
  layered: x y W1 b1 .. WL bL z1 a1 .. zL y_hat loss / dL_dyhat, for l = L..1:
  [dL_da<l>] dadz<l> delta<l> dL_dW<l> dL_db<l>, checks for l = 1..L / means for l = L..1,
  then W1 b1 .. WL bL).  Hidden layers publish W as a matrix and per-unit values as vectors;
  the output layer publishes W as a flat vector and its values as scalars.

Design choices where the spec leaves room (see also the report that came with this file):
* With --batch other than 1, every batch end publishes mean_* records, even a batch of one
  sample (e.g. the short last batch of --batch 3, or --batch full on the notebook data set).
* --activation has no effect on the single neuron (its only layer is the sigmoid output).
* max(1, |theta|) and max(|a|, |n|) follow the "x unless y > x" rule for NaN (Python's max).
"""

import math
import sys

INF = float("inf")
NAN = float("nan")


# ---------------------------------------------------------------- IEEE helpers
def fdiv(a, b):
    """IEEE-754 division (Python raises on /0; IEEE gives +-inf or NaN)."""
    if b == 0.0:
        if a == 0.0 or math.isnan(a):
            return NAN
        neg = (math.copysign(1.0, a) < 0) != (math.copysign(1.0, b) < 0)
        return -INF if neg else INF
    return a / b


def fexp(x):
    try:
        return math.exp(x)
    except OverflowError:
        return INF


def flog(x):
    if x == 0.0:
        return -INF
    if x < 0.0:
        return NAN
    return math.log(x)


def fmax(x, y):
    # y if y > x else x  (NaN-compatible with Python's max(x, y))
    return y if y > x else x


def sigmoid(z):
    return fdiv(1.0, 1.0 + fexp(-z))


# ---------------------------------------------------------------- activations
def act_forward(name, z):
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        return math.tanh(z)
    if name == "relu":
        return z if z > 0 else 0.0
    if name == "leaky-relu":
        return z if z > 0 else 0.01 * z
    if name == "linear":
        return z
    raise ValueError(name)


def act_deriv(name, z, a):
    """Correct derivative of activation `name`, at z (a = f(z))."""
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return 1.0 if z > 0 else 0.0
    if name == "leaky-relu":
        return 1.0 if z > 0 else 0.01
    if name == "linear":
        return 1.0
    raise ValueError(name)


def act_deriv_at_a(name, a):
    """The notebook's mistake: the derivative formula evaluated at the output a."""
    if name == "sigmoid":
        s = sigmoid(a)
        return s * (1.0 - s)
    if name == "tanh":
        t = math.tanh(a)
        return 1.0 - t * t
    if name == "relu":
        return 1.0 if a > 0 else 0.0
    if name == "leaky-relu":
        return 1.0 if a > 0 else 0.01
    if name == "linear":
        return 1.0
    raise ValueError(name)


# ---------------------------------------------------------------- output
def fmt_num(v):
    v = float(v)
    if math.isnan(v) or v in (INF, -INF):
        return "null"
    return repr(v)


def fmt_kind(v):
    v = float(v)
    if math.isnan(v):
        return '"NaN"'
    if v == INF:
        return '"Infinity"'
    if v == -INF:
        return '"-Infinity"'
    return "null"


def fmt_value(v, fmt=fmt_num):
    if isinstance(v, list):
        return "[" + ", ".join(fmt_value(e, fmt) for e in v) + "]"
    return fmt(v)


def all_finite(v):
    if isinstance(v, list):
        return all(all_finite(e) for e in v)
    return math.isfinite(float(v))


class Emitter:
    def __init__(self, out):
        self.out = out

    def rec(self, step, epoch, sample, phase, name, value):
        if sample is None:
            head = '{"step": %d, "epoch": %d, "phase": "%s"' % (step, epoch, phase)
        else:
            head = '{"step": %d, "epoch": %d, "sample": %d, "phase": "%s"' % (
                step, epoch, sample, phase)
        tail = "" if all_finite(value) else ', "nonfinite": %s' % fmt_value(value, fmt_kind)
        self.out.write(head + ', "name": "%s", "value": %s%s}\n' % (name, fmt_value(value), tail))


# ---------------------------------------------------------------- options
class Options:
    def __init__(self):
        self.dataset = "or"
        self.seed = 42
        self.lr = 0.5
        self.epochs = 1000
        self.hidden = []
        self.activation = "sigmoid"
        self.loss = "squared"
        self.batch = 1  # int or "full"
        self.init = None
        self.mode = "corrected"
        self.bugs = set()
        self.check_gradients = False


def die(msg):
    sys.stderr.write("mlp_reference: " + msg + "\n")
    sys.exit(2)


def parse_args(argv):
    o = Options()
    i = 0

    def take():
        nonlocal i
        if i + 1 >= len(argv):
            die("missing value for " + argv[i])
        i += 1
        return argv[i]

    while i < len(argv):
        a = argv[i]
        if a == "--dataset":
            o.dataset = take()
            if o.dataset not in ("or", "and", "nand", "xor", "notebook"):
                die("unknown dataset " + o.dataset)
        elif a == "--seed":
            o.seed = int(take())
        elif a == "--lr":
            o.lr = float(take())
        elif a == "--epochs":
            o.epochs = int(take())
        elif a == "--hidden":
            o.hidden = [int(s) for s in take().split(",")]
            if any(n < 1 for n in o.hidden):
                die("hidden widths must be >= 1")
        elif a == "--activation":
            o.activation = take()
            if o.activation not in ("sigmoid", "tanh", "relu", "leaky-relu", "linear"):
                die("unknown activation " + o.activation)
        elif a == "--loss":
            o.loss = take()
            if o.loss not in ("squared", "cross-entropy"):
                die("unknown loss " + o.loss)
        elif a == "--batch":
            v = take()
            if v == "full":
                o.batch = "full"
            else:
                o.batch = int(v)
                if o.batch < 1:
                    die("batch must be >= 1")
        elif a == "--init":
            o.init = [float(s) for s in take().split(",")]
        elif a == "--mode":
            o.mode = take()
            if o.mode not in ("corrected", "notebook"):
                die("unknown mode " + o.mode)
        elif a == "--bug":
            b = take()
            if b not in ("sign", "deriv-at-yhat"):
                die("unknown bug " + b)
            o.bugs.add(b)
        elif a == "--check-gradients":
            o.check_gradients = True
        else:
            die("unknown flag " + a)
        i += 1
    if o.mode == "notebook":
        o.bugs |= {"sign", "deriv-at-yhat"}
    if o.loss == "cross-entropy" and o.bugs:
        die("notebook mode and --bug need --loss squared")
    return o


# ---------------------------------------------------------------- network
def draw(o, sizes):
    """Returns (X, Ws, bs); Ws[l] is a list of rows, bs[l] a list (l = 0..L-1)."""
    import numpy as np
    rs = np.random.RandomState(o.seed)
    X = rs.randint(0, 2, size=2)
    Ws, bs = [], []
    for l in range(1, len(sizes)):
        W = rs.randn(sizes[l], sizes[l - 1])
        b = rs.randn(sizes[l])
        Ws.append([[float(W[i][j]) for j in range(sizes[l - 1])] for i in range(sizes[l])])
        bs.append([float(b[i]) for i in range(sizes[l])])
    X = [int(X[0]), int(X[1])]
    if o.init is not None:
        need = sum(sizes[l] * sizes[l - 1] + sizes[l] for l in range(1, len(sizes)))
        if len(o.init) != need:
            die("--init needs %d values, got %d" % (need, len(o.init)))
        it = iter(o.init)  # draw order: W1 (row-major), b1, W2, b2, ...
        Ws, bs = [], []
        for l in range(1, len(sizes)):
            Ws.append([[next(it) for _ in range(sizes[l - 1])] for _ in range(sizes[l])])
            bs.append([next(it) for _ in range(sizes[l])])
    return X, Ws, bs


def dataset(o, X):
    pts = [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
    if o.dataset == "notebook":
        return [([float(X[0]), float(X[1])], 1.0 if (X[0] or X[1]) else 0.0)]
    f = {"or": lambda a, b: a or b, "and": lambda a, b: a and b,
         "nand": lambda a, b: not (a and b), "xor": lambda a, b: a != b}[o.dataset]
    return [([p[0], p[1]], 1.0 if f(p[0] == 1.0, p[1] == 1.0) else 0.0) for p in pts]


def forward(Ws, bs, x, act):
    """Returns (zs, as_) with as_[0] = x; the last a is yhat."""
    L = len(Ws)
    a = x
    zs, as_ = [], [x]
    for l in range(L):
        W, b = Ws[l], bs[l]
        z = []
        for i in range(len(W)):
            row = W[i]
            s = row[0] * a[0]
            for j in range(1, len(row)):
                s = s + row[j] * a[j]
            s = s + b[i]
            z.append(s)
        if l == L - 1:
            a = [sigmoid(z[0])]
        else:
            a = [act_forward(act, zi) for zi in z]
        zs.append(z)
        as_.append(a)
    return zs, as_


def loss_of(kind, y, yhat):
    if kind == "squared":
        return (y - yhat) * (y - yhat)
    if y == 1.0:
        return -flog(yhat)
    return -flog(1.0 - yhat)


def true_loss(Ws, bs, x, y, o):
    _, as_ = forward(Ws, bs, x, o.activation)
    return loss_of(o.loss, y, as_[-1][0])


def backward(Ws, zs, as_, y, o):
    """Returns dict with dLdyhat, per-layer lists dLda (None for output), dadz, delta, dW, db."""
    L = len(Ws)
    yhat = as_[-1][0]
    bug_deriv = "deriv-at-yhat" in o.bugs
    if o.loss == "squared":
        dLdyhat = 2.0 * (y - yhat) if "sign" in o.bugs else -2.0 * (y - yhat)
    else:
        dLdyhat = fdiv(-1.0, yhat) if y == 1.0 else fdiv(1.0, 1.0 - yhat)
    dLda = [None] * L
    dadz = [None] * L
    delta = [None] * L
    dW = [None] * L
    db = [None] * L
    # output layer (index L-1)
    if bug_deriv:
        s = sigmoid(yhat)
        d_out = s * (1.0 - s)
    else:
        d_out = yhat * (1.0 - yhat)
    dadz[L - 1] = [d_out]
    if o.loss == "squared":
        delta[L - 1] = [dLdyhat * d_out]
    else:
        delta[L - 1] = [yhat - y]
    for l in range(L - 1, -1, -1):
        if l < L - 1:
            Wn, dn = Ws[l + 1], delta[l + 1]
            n = len(Ws[l])
            g = []
            for j in range(n):
                s = Wn[0][j] * dn[0]
                for i in range(1, len(Wn)):
                    s = s + Wn[i][j] * dn[i]
                g.append(s)
            dLda[l] = g
            a_l, z_l = as_[l + 1], zs[l]
            if bug_deriv:
                dadz[l] = [act_deriv_at_a(o.activation, a_l[j]) for j in range(n)]
            else:
                dadz[l] = [act_deriv(o.activation, z_l[j], a_l[j]) for j in range(n)]
            delta[l] = [g[j] * dadz[l][j] for j in range(n)]
        aprev = as_[l]
        dW[l] = [[delta[l][i] * aprev[j] for j in range(len(aprev))] for i in range(len(delta[l]))]
        db[l] = list(delta[l])
    return {"dLdyhat": dLdyhat, "dLda": dLda, "dadz": dadz, "delta": delta, "dW": dW, "db": db}


def numeric_grads(Ws, bs, x, y, o):
    """Central differences of the TRUE loss, per parameter."""
    nW, nb = [], []
    for l in range(len(Ws)):
        rowsW = []
        for i in range(len(Ws[l])):
            row = []
            for j in range(len(Ws[l][i])):
                th = Ws[l][i][j]
                h = 1e-6 * fmax(1.0, abs(th))
                Ws[l][i][j] = th + h
                lp = true_loss(Ws, bs, x, y, o)
                Ws[l][i][j] = th - h
                lm = true_loss(Ws, bs, x, y, o)
                Ws[l][i][j] = th
                row.append(fdiv(lp - lm, 2.0 * h))
            rowsW.append(row)
        nW.append(rowsW)
        vb = []
        for i in range(len(bs[l])):
            th = bs[l][i]
            h = 1e-6 * fmax(1.0, abs(th))
            bs[l][i] = th + h
            lp = true_loss(Ws, bs, x, y, o)
            bs[l][i] = th - h
            lm = true_loss(Ws, bs, x, y, o)
            bs[l][i] = th
            vb.append(fdiv(lp - lm, 2.0 * h))
        nb.append(vb)
    return nW, nb


def rel_error(a, n):
    if a == 0.0 and n == 0.0:
        return 0.0
    return fdiv(abs(a - n), fmax(abs(a), abs(n)))


def copy_params(Ws, bs):
    return [[list(r) for r in W] for W in Ws], [list(b) for b in bs]


# ---------------------------------------------------------------- trace
def run(o, out):
    sizes = [2] + o.hidden + [1]
    L = len(sizes) - 1
    single = (L == 1)
    X, Ws, bs = draw(o, sizes)
    data = dataset(o, X)
    n = len(data)
    K = n if o.batch == "full" else o.batch
    em = Emitter(out)

    def pub_W(l, W):  # l is 0-based layer index
        return W[0] if l == L - 1 else W

    def pub_v(l, v):
        return v[0] if l == L - 1 else v

    def nm(base, l):
        return base if single else "%s%d" % (base, l + 1)

    step = 0
    for epoch in range(o.epochs):
        esum = 0.0
        start = 0
        while start < n:
            batch = list(range(start, min(start + K, n)))
            Wb, bb = copy_params(Ws, bs)  # parameters in force for this batch
            grads = []
            for idx in batch:
                x, y = data[idx]
                R = lambda phase, name, value: em.rec(step, epoch, idx, phase, name, value)
                zs, as_ = forward(Wb, bb, x, o.activation)
                yhat = as_[-1][0]
                loss = loss_of(o.loss, y, yhat)
                R("forward", "x", x)
                R("forward", "y", y)
                if single:
                    R("forward", "W", Wb[0][0])
                    R("forward", "b", bb[0][0])
                    R("forward", "z", zs[0][0])
                else:
                    for l in range(L):
                        R("forward", nm("W", l), pub_W(l, Wb[l]))
                        R("forward", nm("b", l), pub_v(l, bb[l]))
                    for l in range(L):
                        R("forward", nm("z", l), pub_v(l, zs[l]))
                        if l < L - 1:
                            R("forward", nm("a", l), as_[l + 1])
                R("forward", "y_hat", yhat)
                R("forward", "loss", loss)
                g = backward(Wb, zs, as_, y, o)
                R("backward", "dL_dyhat", g["dLdyhat"])
                if single:
                    R("backward", "dyhat_dz", g["dadz"][0][0])
                    if o.loss == "cross-entropy":
                        R("backward", "delta", g["delta"][0][0])
                    R("backward", "dz_dW", x)
                    R("backward", "dL_dW", g["dW"][0][0])
                    R("backward", "dL_db", g["db"][0][0])
                else:
                    for l in range(L - 1, -1, -1):
                        if l < L - 1:
                            R("backward", nm("dL_da", l), g["dLda"][l])
                        R("backward", nm("dadz", l), pub_v(l, g["dadz"][l]))
                        R("backward", nm("delta", l), pub_v(l, g["delta"][l]))
                        R("backward", nm("dL_dW", l), pub_W(l, g["dW"][l]))
                        R("backward", nm("dL_db", l), pub_v(l, g["db"][l]))
                if o.check_gradients:
                    nW, nb = numeric_grads(Wb, bb, x, y, o)
                    for l in range(L):
                        eW = [[rel_error(g["dW"][l][i][j], nW[l][i][j])
                               for j in range(len(nW[l][i]))] for i in range(len(nW[l]))]
                        eb = [rel_error(g["db"][l][i], nb[l][i]) for i in range(len(nb[l]))]
                        R("backward", nm("dL_dW", l) + "_numeric", pub_W(l, nW[l]))
                        R("backward", nm("dL_dW", l) + "_rel_error", pub_W(l, eW))
                        R("backward", nm("dL_db", l) + "_numeric", pub_v(l, nb[l]))
                        R("backward", nm("dL_db", l) + "_rel_error", pub_v(l, eb))
                esum += loss
                grads.append((g["dW"], g["db"]))
                if idx != batch[-1]:
                    step += 1
            # update, at the batch's last sample
            idx = batch[-1]
            R = lambda phase, name, value: em.rec(step, epoch, idx, phase, name, value)
            if o.batch == 1:
                mW, mb = grads[0]
            else:
                k = float(len(grads))
                mW, mb = [], []
                for l in range(L):
                    accW = [list(r) for r in grads[0][0][l]]
                    accb = list(grads[0][1][l])
                    for gW, gb in grads[1:]:
                        accW = [[accW[i][j] + gW[l][i][j] for j in range(len(accW[i]))]
                                for i in range(len(accW))]
                        accb = [accb[i] + gb[l][i] for i in range(len(accb))]
                    mW.append([[fdiv(v, k) for v in r] for r in accW])
                    mb.append([fdiv(v, k) for v in accb])
                for l in range(L - 1, -1, -1):
                    R("update", "mean_" + nm("dL_dW", l), pub_W(l, mW[l]))
                    R("update", "mean_" + nm("dL_db", l), pub_v(l, mb[l]))
            Ws = [[[Wb[l][i][j] - o.lr * mW[l][i][j] for j in range(len(Wb[l][i]))]
                   for i in range(len(Wb[l]))] for l in range(L)]
            bs = [[bb[l][i] - o.lr * mb[l][i] for i in range(len(bb[l]))] for l in range(L)]
            if single:
                R("update", "W", Ws[0][0])
                R("update", "b", bs[0][0])
            else:
                for l in range(L):
                    R("update", nm("W", l), pub_W(l, Ws[l]))
                    R("update", nm("b", l), pub_v(l, bs[l]))
            start += K
            if start >= n:
                em.rec(step, epoch, None, "epoch", "loss", esum)
            step += 1


def main(argv):
    o = parse_args(argv)
    run(o, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
