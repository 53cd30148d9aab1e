import Foundation
import XCTest
@testable import NNCore
import NNTestSupport

/// Every gradient of every activation × loss × depth against finite differences of a forward pass
/// written here from the formulas, with Foundation's exp, tanh and log (not the product's code).
final class GradientTests: XCTestCase {
    /// a = f(z), from the formulas.
    func f(_ name: String, _ z: Double) -> Double {
        switch name {
        case "sigmoid": return 1 / (1 + Foundation.exp(-z))
        case "tanh": return Foundation.tanh(z)
        case "relu": return z > 0 ? z : 0
        case "leaky-relu": return z > 0 ? z : 0.01 * z
        default: return z
        }
    }

    /// The loss of one sample for parameters in draw order (W₁ row-major, b₁, W₂, b₂, …).
    func loss(_ p: [Double], sizes: [Int], activation: String, loss: String, _ sample: Sample) -> Double {
        var a = [sample.x.x, sample.x.y]
        var at = 0
        for l in 1..<sizes.count {
            let n = sizes[l], m = sizes[l - 1]
            let W = Array(p[at..<(at + n * m)]), b = Array(p[(at + n * m)..<(at + n * m + n)])
            at += n * m + n
            a = (0..<n).map { i in
                let z = (0..<m).reduce(0.0) { $0 + W[i * m + $1] * a[$1] } + b[i]
                return l == sizes.count - 1 ? 1 / (1 + Foundation.exp(-z)) : f(activation, z)
            }
        }
        let yHat = a[0]
        if loss == "squared" { return (sample.y - yHat) * (sample.y - yHat) }
        return sample.y == 1 ? -Foundation.log(yHat) : -Foundation.log(1 - yHat)
    }

    /// The analytic gradients the trainer publishes for one step on one sample, in draw order.
    func analytic(_ setup: TrainingSetup) -> [Double] {
        let log = TraceLog.run(setup, steps: 1)
        let single = setup.architecture.isSingleNeuron
        return (1...setup.architecture.layerCount).flatMap { l -> [Double] in
            let n = single ? "" : String(l)
            return (log.value(step: 0, .backward, "dL_dW" + n) ?? []) + (log.value(step: 0, .backward, "dL_db" + n) ?? [])
        }
    }

    func testEveryGradientOfEveryActivationLossAndDepthMatchesFiniteDifferences() {
        var rng = SplitMix64(state: 7)
        let depths: [[Int]] = [[], [3], [4, 4], [2, 3, 2], [2, 2, 2, 2], [16]]
        for hidden in depths {
            for activation in Activation.allCases where !hidden.isEmpty || activation == .sigmoid {
                for lossFunction in Loss.allCases {
                    for trial in 0..<6 {
                        let architecture = Architecture(hidden: hidden)
                        let p = (0..<architecture.parameterCount).map { _ in Double.random(in: -1.5...1.5, using: &rng) }
                        let sample = Sample(x: SIMD2(.random(in: -1.5...1.5, using: &rng), .random(in: -1.5...1.5, using: &rng)),
                                            y: trial % 2 == 0 ? 1 : 0)
                        let setup = TrainingSetup(data: .file(path: "one", samples: [sample]), epochs: 1, architecture: architecture,
                                                  activation: activation, loss: lossFunction, initialParameters: p)
                        let g = analytic(setup)
                        XCTAssertEqual(g.count, p.count)
                        let h = 1e-6
                        for k in p.indices {
                            var plus = p, minus = p
                            plus[k] += h
                            minus[k] -= h
                            let numeric = (loss(plus, sizes: architecture.layerSizes, activation: activation.rawValue, loss: lossFunction.rawValue, sample)
                                - loss(minus, sizes: architecture.layerSizes, activation: activation.rawValue, loss: lossFunction.rawValue, sample)) / (2 * h)
                            XCTAssertEqual(g[k], numeric, accuracy: 1e-6 * max(1, abs(numeric)),
                                           "\(architecture.dashed) \(activation) \(lossFunction) parameter \(k)")
                        }
                    }
                }
            }
        }
    }

    func testBatchMeanIsTheMeanOfTwoSamplesWorkedByHand() throws {
        // One neuron, W = (0.5, −0.25), b = 0.125, two samples in one batch, η = 0.5.
        let s1 = Sample(x: SIMD2(1, 0), y: 1), s2 = Sample(x: SIMD2(0, 1), y: 0)
        let setup = TrainingSetup(data: .file(path: "two", samples: [s1, s2]), learningRate: 0.5, epochs: 1,
                                  batch: .full, initialParameters: [0.5, -0.25, 0.125])
        let log = TraceLog.run(setup)
        // By hand: z₁ = 0.5 + 0.125 = 0.625, z₂ = −0.25 + 0.125 = −0.125.
        let yHat1 = 1 / (1 + Foundation.exp(-0.625)), yHat2 = 1 / (1 + Foundation.exp(0.125))
        let d1 = -2 * (1 - yHat1) * (yHat1 * (1 - yHat1)), d2 = -2 * (0 - yHat2) * (yHat2 * (1 - yHat2))
        let g1 = [d1 * 1, d1 * 0, d1], g2 = [d2 * 0, d2 * 1, d2]
        let mean = zip(g1, g2).map { ($0 + $1) / 2 }
        // Both samples use the weights in force at the batch's start.
        XCTAssertEqual(log.value(step: 1, .forward, "W"), [0.5, -0.25])
        XCTAssertNil(log.value(step: 0, .update, "W"), "no update inside a batch")
        let meanW = try XCTUnwrap(log.value(step: 1, .update, "mean_dL_dW"))
        let meanB = try XCTUnwrap(log.value(step: 1, .update, "mean_dL_db"))
        XCTAssertEqual(meanW[0], mean[0], accuracy: 1e-15)
        XCTAssertEqual(meanW[1], mean[1], accuracy: 1e-15)
        XCTAssertEqual(meanB[0], mean[2], accuracy: 1e-15)
        let newW = try XCTUnwrap(log.value(step: 1, .update, "W"))
        XCTAssertEqual(newW[0], 0.5 - 0.5 * mean[0], accuracy: 1e-15)
        XCTAssertEqual(newW[1], -0.25 - 0.5 * mean[1], accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(log.value(step: 1, .update, "b"))[0], 0.125 - 0.5 * mean[2], accuracy: 1e-15)
        // The mean is published before the new parameters, which come after it.
        XCTAssertEqual(log.names(step: 1).suffix(5), ["update mean_dL_dW", "update mean_dL_db", "update W", "update b", "epoch loss"])
    }

    func testMiniBatchesOfThreeOverFourSamplesUpdateAfterSamplesTwoAndThree() {
        let log = TraceLog.run(TrainingSetup(data: .builtin(.or), epochs: 2, batch: .of(3)))
        let updates = log.events.filter { $0.phase == .update && $0.name == "W" }.map { "\($0.epoch):\($0.sample ?? -1)" }
        XCTAssertEqual(updates, ["0:2", "0:3", "1:2", "1:3"])
    }

    func testCrossEntropyDeltaIsYHatMinusYAndTheProductOfItsFactors() throws {
        for hidden in [[], [3]] {
            let log = TraceLog.run(TrainingSetup(data: .builtin(.xor), epochs: 1, architecture: Architecture(hidden: hidden), loss: .crossEntropy))
            for step in 0..<4 {
                let n = hidden.isEmpty ? "" : "2"
                let yHat = try XCTUnwrap(log.value(step: step, .forward, "y_hat"))[0]
                let y = try XCTUnwrap(log.value(step: step, .forward, "y"))[0]
                let dL = try XCTUnwrap(log.value(step: step, .backward, "dL_dyhat"))[0]
                let slope = try XCTUnwrap(log.value(step: step, .backward, hidden.isEmpty ? "dyhat_dz" : "dadz2"))[0]
                let delta = try XCTUnwrap(log.value(step: step, .backward, "delta" + n))[0]
                XCTAssertEqual(delta, yHat - y, "δ is ŷ − y exactly")
                XCTAssertEqual(dL * slope, delta, accuracy: 1e-12 * max(1, abs(delta)), "∂L/∂ŷ · ∂ŷ/∂z cancels into ŷ − y")
                XCTAssertEqual(dL, y == 1 ? -1 / yHat : 1 / (1 - yHat))
            }
        }
    }

    func testGradientCheckPublishesNumericEstimatesAndRelativeErrors() throws {
        let log = TraceLog.run(TrainingSetup(data: .builtin(.xor), epochs: 1, architecture: Architecture(hidden: [3, 2]),
                                             activation: .tanh, checkGradients: true))
        for step in 0..<4 {
            for l in 1...3 {
                let rel = try XCTUnwrap(log.value(step: step, .backward, "dL_dW\(l)_rel_error"))
                XCTAssertTrue(rel.allSatisfy { $0 < 1e-6 }, "layer \(l): \(rel)")
                let relB = try XCTUnwrap(log.value(step: step, .backward, "dL_db\(l)_rel_error"))
                XCTAssertTrue(relB.allSatisfy { $0 < 1e-6 })
            }
        }
    }

    func testGradientCheckStepScalesWithTheParameter() throws {
        // W[0] = 10¹⁰ against x[0] = 10⁻¹⁰: a fixed h = 10⁻⁶ is below W[0]'s spacing, and the check
        // would call an exact gradient wrong; h = 10⁻⁶·|θ| keeps it meaningful.
        let sample = Sample(x: SIMD2(1e-10, 1), y: 1)
        let log = TraceLog.run(TrainingSetup(data: .file(path: "big", samples: [sample]), epochs: 1,
                                             initialParameters: [1e10, 0.5, 0], checkGradients: true))
        let rel = try XCTUnwrap(log.value(step: 0, .backward, "dL_dW_rel_error"))
        XCTAssertLessThan(rel[0], 1e-5)
        XCTAssertEqual(GradientCheck.step(for: 1e10), 1e4)
        XCTAssertEqual(GradientCheck.step(for: 0.3), 1e-6)
    }

    func testGradientCheckExposesTheNotebooksSignBug() throws {
        let log = TraceLog.run(TrainingSetup(data: .builtin(.or), mode: .notebook, checkGradients: true), steps: 1)
        let analytic = try XCTUnwrap(log.value(step: 0, .backward, "dL_db"))[0]
        let numeric = try XCTUnwrap(log.value(step: 0, .backward, "dL_db_numeric"))[0]
        XCTAssertLessThan(analytic * numeric, 0, "the dropped minus sign flips the gradient")
        XCTAssertGreaterThan(try XCTUnwrap(log.value(step: 0, .backward, "dL_db_rel_error"))[0], 1)
    }

    func testRelativeError() {
        XCTAssertEqual(GradientCheck.relativeError(0, 0), 0)
        XCTAssertEqual(GradientCheck.relativeError(1, 0.5), 0.5)
        XCTAssertEqual(GradientCheck.relativeError(-1, 1), 2)
        XCTAssertTrue(GradientCheck.relativeError(0, .nan).isNaN, "an infinite loss is not agreement")
    }

    func epochLosses(_ setup: TrainingSetup) -> [Double] {
        let bus = TraceBus()
        let recorder = TraceRecorder()
        bus.attach(recorder)
        Trainer(setup: setup, bus: bus).run()
        return Array(recorder.epochLosses)
    }

    func testCorrectedModeLowersTheLossAndNotebookModeRaisesIt() throws {
        let corrected = epochLosses(TrainingSetup(data: .builtin(.or), epochs: 200))
        let notebook = epochLosses(TrainingSetup(data: .builtin(.or), epochs: 200, mode: .notebook))
        XCTAssertLessThan(try XCTUnwrap(corrected.last), try XCTUnwrap(corrected.first) / 10)
        XCTAssertGreaterThan(try XCTUnwrap(notebook.last), try XCTUnwrap(notebook.first))
        let signOnly = epochLosses(TrainingSetup(data: .builtin(.or), epochs: 200, extraBugs: [.sign]))
        XCTAssertGreaterThan(try XCTUnwrap(signOnly.last), try XCTUnwrap(signOnly.first))
    }

    func testDivergenceDoesNotTrap() {
        let losses = epochLosses(TrainingSetup(data: .builtin(.or), learningRate: 1e308, epochs: 50,
                                               initialParameters: [1e308, -1e308, 0]))
        XCTAssertEqual(losses.count, 50)
    }
}
