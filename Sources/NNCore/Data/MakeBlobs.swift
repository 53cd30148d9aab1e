extension GeneratedDataset {
    /// `sklearn.datasets.make_blobs(n_samples=n, centers=[[-1, -1], [1, 1]], cluster_std=noise,
    /// random_state=seed)`: the first center takes the odd point. Unlike moons and circles the
    /// normal draws come first (`normal(loc=center, scale=noise, size=(k, 2))` per center) and
    /// the shuffle last; the label is the center's index.
    static func blobs(count n: Int, noise: Double, seed: UInt32) -> [Sample] {
        let n = max(0, n)
        let centers: [SIMD2<Double>] = [SIMD2(-1, -1), SIMD2(1, 1)]
        let perCenter = [n / 2 + n % 2, n / 2]
        var rng = NumpyRandomState(seed: seed)
        var points: [Sample] = []
        points.reserveCapacity(n)
        for (label, center) in centers.enumerated() {
            for _ in 0..<perCenter[label] {
                // C order: a row's x is drawn before its y.
                let x = center.x + noise * rng.gauss()
                let y = center.y + noise * rng.gauss()
                points.append(Sample(x: SIMD2(x, y), y: Double(label)))
            }
        }
        return shuffled(points, rng: &rng)
    }
}
