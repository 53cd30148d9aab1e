/// What the notebook draws from numpy's seeded stream, in its order:
/// `np.random.seed(seed)`, `X = randint(0, 2, size=2)`, `W = randn(2)`, `b = randn(1)`.
public struct NotebookDraw: Sendable, Equatable {
    public var X: SIMD2<Double>
    public var W: SIMD2<Double>
    public var b: Double

    public init(seed: UInt32) {
        var rng = NumpyRandomState(seed: seed)
        let x = rng.randint(0, 2, size: 2) ?? [0, 0]  // 0 < 2, so numpy never raises here
        X = SIMD2(Double(x[0]), Double(x[1]))
        let w = rng.randn(2)
        W = SIMD2(w[0], w[1])
        b = rng.gauss()
    }
}
