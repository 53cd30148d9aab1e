import XCTest
@testable import NNCore

final class NetworkDrawTests: XCTestCase {
    func testTheDrawFollowsNumpysOrder() {
        // numpy 2.4.6: np.random.seed(42); randint(0, 2, size=2); randn(2, 2); randn(2); randn(1, 2); randn(1).
        let draw = NetworkDraw(seed: 42, architecture: Architecture(hidden: [2]))
        XCTAssertEqual(draw.X, SIMD2(0, 1))
        XCTAssertEqual(draw.parameters, [
            -1.1118801180469204, 0.31890218468938336, 0.2790412922001377, 1.0105152848065264,
            -0.580878134023515, -0.5251698071781478,
            -0.5713801657541415, -0.9240828377471049,
            -2.6125490126936013,
        ])
        // The single neuron: W = randn(2), b = randn(1), as the notebook draws them.
        let single = NetworkDraw(seed: 42, architecture: Architecture())
        XCTAssertEqual(single.parameters, [-1.1118801180469204, 0.31890218468938336, 0.2790412922001377])
    }

    func testLayersHoldTheirActivationAsData() {
        let network = MLP(architecture: Architecture(hidden: [3, 2]), activation: .relu,
                          parameters: NetworkDraw(seed: 1, architecture: Architecture(hidden: [3, 2])).parameters)
        XCTAssertEqual(network.layers.map(\.activation), [.relu, .relu, .sigmoid])
        XCTAssertEqual(network.layers.map(\.weightOffset), [0, 9, 17])
        XCTAssertEqual(network.parameters.count, 3 * 3 + 2 * 4 + 3)
    }
}
