/// What the seeded stream gives, in the notebook's order: `np.random.seed(seed)`,
/// `X = randint(0, 2, size=2)`, then for each layer l = 1 … L `W_l = randn(n_l, n_{l−1})` (row i
/// holds unit i's weights) and `b_l = randn(n_l)`. For the single neuron that is `W = randn(2)`,
/// `b = randn(1)`.
public struct NetworkDraw: Sendable, Equatable {
    /// The notebook's input, drawn even when another data set is used, so the weights always
    /// come from the same positions of the stream.
    public var X: SIMD2<Double>
    /// Every parameter in draw order.
    public var parameters: [Double]

    public init(seed: UInt32, architecture: Architecture) {
        var rng = NumpyRandomState(seed: seed)
        let x = rng.randint(0, 2, size: 2) ?? [0, 0]  // 0 < 2, so numpy never raises here
        X = SIMD2(Double(x[0]), Double(x[1]))
        parameters = rng.randn(architecture.parameterCount)
    }
}
