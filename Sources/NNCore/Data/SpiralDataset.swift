#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GeneratedDataset {
    /// Two spiral arms, reproducing this numpy recipe exactly:
    /// ```python
    /// rng = np.random.RandomState(S)
    /// for c, m in ((0, N // 2), (1, N - N // 2)):
    ///     r = np.arange(m) / m
    ///     t = 3.5 * np.pi * r + c * np.pi
    ///     parts.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))   # label c
    /// idx = np.arange(N); rng.shuffle(idx); X, y = X[idx], y[idx]
    /// X += rng.normal(scale=σ, size=X.shape)
    /// ```
    static func spiral(count n: Int, noise: Double, seed: UInt32) -> [Sample] {
        let n = max(0, n)
        var points: [Sample] = []
        points.reserveCapacity(n)
        for (arm, m) in [(0, n / 2), (1, n - n / 2)] {
            // Python folds `3.5 * np.pi` first, then multiplies by r; c * np.pi is 0 or π exactly.
            let turn = 3.5 * Double.pi
            let offset = Double(arm) * .pi
            for i in 0..<m {
                let r = Double(i) / Double(m)
                let t = turn * r + offset
                points.append(Sample(x: SIMD2(r * sin(t), r * cos(t)), y: Double(arm)))
            }
        }
        var rng = NumpyRandomState(seed: seed)
        points = shuffled(points, rng: &rng)
        return addingNoise(points, noise: noise, rng: &rng)
    }
}
