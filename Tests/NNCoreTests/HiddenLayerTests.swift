import Foundation
import XCTest
@testable import NNCore

final class HiddenLayerTests: XCTestCase {
    func testTheDrawFollowsNumpysOrder() {
        // numpy 2.4.6: np.random.seed(42); randint(0, 2, size=2); randn(2, 2); randn(2); randn(2); randn(1).
        let draw = HiddenLayerDraw(seed: 42, units: 2)
        XCTAssertEqual(draw.X, SIMD2(0, 1))
        XCTAssertEqual(draw.network.W1, [-1.1118801180469204, 0.31890218468938336, 0.2790412922001377, 1.0105152848065264])
        XCTAssertEqual(draw.network.b1, [-0.580878134023515, -0.5251698071781478])
        XCTAssertEqual(draw.network.W2, [-0.5713801657541415, -0.9240828377471049])
        XCTAssertEqual(draw.network.b2, -2.6125490126936013)
    }

    /// The loss written out here, independently of HiddenLayerNetwork.forward.
    func loss(_ W1: [Double], _ b1: [Double], _ W2: [Double], _ b2: Double, _ sample: Sample) -> Double {
        var z2 = b2
        for i in 0..<b1.count {
            let z1 = W1[2 * i] * sample.x.x + W1[2 * i + 1] * sample.x.y + b1[i]
            z2 += W2[i] / (1 + exp(-z1))
        }
        let yHat = 1 / (1 + exp(-z2))
        return (sample.y - yHat) * (sample.y - yHat)
    }

    func testEveryGradientMatchesFiniteDifferencesForOneToEightUnits() throws {
        var rng = SplitMix64(state: 11)
        let h = 1e-5
        for units in 1...HiddenLayerNetwork.maximumUnits {
            for _ in 0..<40 {
                let network = HiddenLayerNetwork(
                    W1: (0..<(2 * units)).map { _ in .random(in: -2...2, using: &rng) },
                    b1: (0..<units).map { _ in .random(in: -2...2, using: &rng) },
                    W2: (0..<units).map { _ in .random(in: -2...2, using: &rng) },
                    b2: .random(in: -2...2, using: &rng))
                let sample = Sample(x: SIMD2(.random(in: -1.5...1.5, using: &rng), .random(in: -1.5...1.5, using: &rng)),
                                    y: .random(in: 0...1, using: &rng))
                let bus = TraceBus()
                let log = EventLog()
                bus.attach(log)
                var trained = network
                trained.learn(from: sample, learningRate: 0.1, bugs: BugSwitches([]), checkGradients: false,
                              trace: StepTracer(bus: bus, step: 0, epoch: 0, sample: 0))
                func central(_ nudge: (inout [Double], inout [Double], inout [Double], inout Double, Double) -> Void) -> Double {
                    var (W1p, b1p, W2p, b2p) = (network.W1, network.b1, network.W2, network.b2)
                    var (W1m, b1m, W2m, b2m) = (network.W1, network.b1, network.W2, network.b2)
                    nudge(&W1p, &b1p, &W2p, &b2p, h)
                    nudge(&W1m, &b1m, &W2m, &b2m, -h)
                    return (loss(W1p, b1p, W2p, b2p, sample) - loss(W1m, b1m, W2m, b2m, sample)) / (2 * h)
                }
                let gW1 = try XCTUnwrap(log.value(step: 0, .backward, .dLossDW1))
                let gb1 = try XCTUnwrap(log.value(step: 0, .backward, .dLossDB1))
                let gW2 = try XCTUnwrap(log.value(step: 0, .backward, .dLossDW2))
                let gb2 = try XCTUnwrap(log.value(step: 0, .backward, .dLossDB2))[0]
                for i in 0..<(2 * units) {
                    XCTAssertEqual(gW1[i], central { W1, _, _, _, d in W1[i] += d }, accuracy: 1e-7, "N=\(units) W1[\(i)]")
                }
                for i in 0..<units {
                    XCTAssertEqual(gb1[i], central { _, b1, _, _, d in b1[i] += d }, accuracy: 1e-7, "N=\(units) b1[\(i)]")
                    XCTAssertEqual(gW2[i], central { _, _, W2, _, d in W2[i] += d }, accuracy: 1e-7, "N=\(units) W2[\(i)]")
                }
                XCTAssertEqual(gb2, central { _, _, _, b2, d in b2 += d }, accuracy: 1e-7, "N=\(units) b2")
            }
        }
    }

    func testXorIsLearnedWithTheDocumentedDefaults() throws {
        // Seed 42, η = 0.5, 1000 epochs, 2 hidden units. An independent Python loop over the same
        // math gives epoch losses 1.8546618948434206 (epoch 0) and 0.011830340371364137 (999):
        //   import numpy as np, math
        //   sig = lambda t: 1 / (1 + math.exp(-t))
        //   np.random.seed(42); np.random.randint(0, 2, size=2)
        //   W1 = np.random.randn(2, 2); b1 = np.random.randn(2); W2 = np.random.randn(2); b2 = np.random.randn(1)[0]
        //   for epoch in range(1000):
        //       total = 0
        //       for x, y in [((0, 0), 0), ((0, 1), 1), ((1, 0), 1), ((1, 1), 0)]:
        //           a1 = [sig(W1[i][0] * x[0] + W1[i][1] * x[1] + b1[i]) for i in range(2)]
        //           yh = sig(W2[0] * a1[0] + W2[1] * a1[1] + b2); total += (y - yh) ** 2
        //           d2 = -2 * (y - yh) * yh * (1 - yh)
        //           d1 = [W2[i] * d2 * a1[i] * (1 - a1[i]) for i in range(2)]
        //           for i in range(2):
        //               W1[i][0] -= 0.5 * d1[i] * x[0]; W1[i][1] -= 0.5 * d1[i] * x[1]; b1[i] -= 0.5 * d1[i]
        //               W2[i] -= 0.5 * d2 * a1[i]
        //           b2 -= 0.5 * d2
        //       print(epoch, repr(total))
        let bus = TraceBus()
        let recorder = TraceRecorder()
        bus.attach(recorder)
        Trainer(setup: TrainingSetup(dataset: .xor, hiddenUnits: 2), bus: bus).run()
        XCTAssertEqual(recorder.epochLosses.count, 1000)
        XCTAssertEqual(recorder.epochLosses[0], 1.8546618948434206, accuracy: 1e-12)
        XCTAssertEqual(recorder.epochLosses[999], 0.011830340371364137, accuracy: 1e-12)
        XCTAssertLessThan(recorder.epochLosses[999], 0.05)
        // And every xor point is on the right side of 0.5.
        let network = try XCTUnwrap(recorder.snapshot(at: recorder.count - 1).network)
        for sample in Dataset(.xor, notebookX: .zero).samples {
            XCTAssertEqual(network.predict(sample.x) > 0.5, sample.y == 1, "\(sample.x)")
        }
    }

    func testOneNeuronCannotLearnXorButTwoHiddenUnitsCan() {
        func lastLoss(_ setup: TrainingSetup) -> Double {
            let bus = TraceBus(), recorder = TraceRecorder()
            bus.attach(recorder)
            Trainer(setup: setup, bus: bus).run()
            return recorder.epochLosses.last ?? .nan
        }
        XCTAssertGreaterThan(lastLoss(TrainingSetup(dataset: .xor)), 0.5)
        for units in 2...8 {
            XCTAssertLessThan(lastLoss(TrainingSetup(dataset: .xor, hiddenUnits: units)), 0.05, "N=\(units)")
        }
    }

    func testEventsOfOneStepInOrder() {
        let bus = TraceBus(), log = EventLog()
        bus.attach(log)
        Trainer(setup: TrainingSetup(dataset: .xor, epochs: 1, hiddenUnits: 3), bus: bus).runStep()
        XCTAssertEqual(log.events.map { "\($0.phase.rawValue) \($0.name.rawValue)" }, [
            "forward x", "forward y", "forward W1", "forward b1", "forward W2", "forward b2", "forward z1", "forward a1",
            "forward z2", "forward y_hat", "forward loss",
            "backward dL_dyhat", "backward delta2", "backward dL_dW2", "backward dL_db2", "backward delta1",
            "backward dL_dW1", "backward dL_db1",
            "update W1", "update b1", "update W2", "update b2",
        ])
        XCTAssertEqual(log.events[2].value.columns, 2)
        XCTAssertEqual(log.events[2].value.count, 6)
    }

    func testGradientCheckCoversEveryParameter() throws {
        let bus = TraceBus(), log = EventLog()
        bus.attach(log)
        Trainer(setup: TrainingSetup(dataset: .xor, epochs: 1, checkGradients: true, hiddenUnits: 4), bus: bus).run()
        for step in 0..<4 {
            for name in [TraceName.dLossDW1RelativeError, .dLossDB1RelativeError, .dLossDW2RelativeError, .dLossDB2RelativeError] {
                let errors = try XCTUnwrap(log.value(step: step, .backward, name), name.rawValue)
                XCTAssertTrue(errors.allSatisfy { $0 < 1e-6 }, "\(name.rawValue): \(errors)")
            }
        }
    }
}
