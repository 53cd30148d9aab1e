"""The yardstick for nn-tutor-bench's large-network line: a plain numpy per-sample loop.

A 2-16-16-1 network, sigmoid hidden and output units, squared loss, backprop and one SGD
update per sample, over 200 random points, with no tracing at all. The data's values do not
matter for speed. Prints the seconds the training loop took.

    python3 Benchmarks/numpy_loop.py [EPOCHS] [SAMPLES]      (defaults: 1000 200)
"""
import sys
import time

import numpy as np

epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
samples = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rng = np.random.RandomState(0)
X = rng.randn(samples, 2)
Y = (rng.rand(samples) > 0.5).astype(float)
sizes = [2, 16, 16, 1]
W = [rng.randn(sizes[l + 1], sizes[l]) for l in range(3)]
b = [rng.randn(sizes[l + 1]) for l in range(3)]
lr = 0.5


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


start = time.perf_counter()
for epoch in range(epochs):
    for i in range(samples):
        a = [X[i]]
        for l in range(3):
            a.append(sigmoid(np.dot(W[l], a[l]) + b[l]))
        y_hat = a[3]
        loss = (Y[i] - y_hat[0]) ** 2
        delta = -2.0 * (Y[i] - y_hat) * y_hat * (1.0 - y_hat)
        for l in (2, 1, 0):
            dW = np.outer(delta, a[l])
            db = delta
            if l > 0:
                delta = np.dot(W[l].T, delta) * a[l] * (1.0 - a[l])
            W[l] -= lr * dW
            b[l] -= lr * db
print(f"{time.perf_counter() - start:.6f}")
