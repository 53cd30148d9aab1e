import XCTest
@testable import NNCore

/// A small deterministic generator for test inputs (not the numpy stream under test).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

final class GradientTests: XCTestCase {
    /// Central differences written out here, independent of GradientCheck.
    func numeric(_ neuron: Neuron, _ sample: Sample, _ parameter: Int) -> Double {
        let h = 1e-5
        func loss(_ n: Neuron) -> Double {
            let yHat = 1 / (1 + exp(-(n.W.x * sample.x.x + n.W.y * sample.x.y + n.b)))
            return (sample.y - yHat) * (sample.y - yHat)
        }
        var plus = neuron, minus = neuron
        switch parameter {
        case 0: plus.W.x += h; minus.W.x -= h
        case 1: plus.W.y += h; minus.W.y -= h
        default: plus.b += h; minus.b -= h
        }
        return (loss(plus) - loss(minus)) / (2 * h)
    }

    func testAnalyticGradientsMatchFiniteDifferencesEverywhere() {
        var rng = SplitMix64(state: 7)
        for _ in 0..<2000 {
            let neuron = Neuron(W: SIMD2(.random(in: -3...3, using: &rng), .random(in: -3...3, using: &rng)),
                                b: .random(in: -3...3, using: &rng))
            let sample = Sample(x: SIMD2(.random(in: -2...2, using: &rng), .random(in: -2...2, using: &rng)),
                                y: .random(in: 0...1, using: &rng))
            let bus = TraceBus()
            let log = EventLog()
            bus.attach(log)
            var trained = neuron
            trained.learn(from: sample, learningRate: 0.1, bugs: BugSwitches([]), checkGradients: false,
                          trace: StepTracer(bus: bus, step: 0, epoch: 0, sample: 0))
            let dW = log.value(step: 0, .backward, .dLossDW) ?? []
            let db = log.value(step: 0, .backward, .dLossDB)?.first ?? .nan
            XCTAssertEqual(dW[0], numeric(neuron, sample, 0), accuracy: 1e-7)
            XCTAssertEqual(dW[1], numeric(neuron, sample, 1), accuracy: 1e-7)
            XCTAssertEqual(db, numeric(neuron, sample, 2), accuracy: 1e-7)
        }
    }

    func testGradientCheckPublishesNumericEstimatesAndRelativeErrors() throws {
        let bus = TraceBus()
        let log = EventLog()
        bus.attach(log)
        let trainer = Trainer(setup: TrainingSetup(dataset: .or, checkGradients: true), bus: bus)
        for _ in 0..<4 { trainer.runStep() }
        for step in 0..<4 {
            let analytic = try XCTUnwrap(log.value(step: step, .backward, .dLossDW))
            let numeric = try XCTUnwrap(log.value(step: step, .backward, .dLossDWNumeric))
            let rel = try XCTUnwrap(log.value(step: step, .backward, .dLossDWRelativeError))
            for i in 0..<2 {
                XCTAssertEqual(analytic[i], numeric[i], accuracy: 1e-8)
                XCTAssertLessThan(rel[i], 1e-6)
            }
            XCTAssertLessThan(try XCTUnwrap(log.value(step: step, .backward, .dLossDBRelativeError))[0], 1e-6)
        }
    }

    func testGradientCheckExposesTheNotebooksSignBug() throws {
        let bus = TraceBus()
        let log = EventLog()
        bus.attach(log)
        let trainer = Trainer(setup: TrainingSetup(dataset: .or, mode: .notebook, checkGradients: true), bus: bus)
        trainer.runStep()
        let analytic = try XCTUnwrap(log.value(step: 0, .backward, .dLossDB))[0]
        let numeric = try XCTUnwrap(log.value(step: 0, .backward, .dLossDBNumeric))[0]
        XCTAssertLessThan(analytic * numeric, 0, "the dropped minus sign flips the gradient")
        XCTAssertGreaterThan(try XCTUnwrap(log.value(step: 0, .backward, .dLossDBRelativeError))[0], 1)
    }

    func testRelativeError() {
        XCTAssertEqual(GradientCheck.relativeError(0, 0), 0)
        XCTAssertEqual(GradientCheck.relativeError(1, 0.5), 0.5)
        XCTAssertEqual(GradientCheck.relativeError(-1, 1), 2)
    }

    func epochLosses(_ setup: TrainingSetup) -> [Double] {
        let bus = TraceBus()
        let recorder = TraceRecorder()
        bus.attach(recorder)
        Trainer(setup: setup, bus: bus).run()
        return recorder.epochLosses
    }

    func testCorrectedModeLowersTheLossAndNotebookModeRaisesIt() throws {
        let corrected = epochLosses(TrainingSetup(dataset: .or, epochs: 200))
        let notebook = epochLosses(TrainingSetup(dataset: .or, epochs: 200, mode: .notebook))
        XCTAssertLessThan(try XCTUnwrap(corrected.last), try XCTUnwrap(corrected.first) / 10)
        XCTAssertGreaterThan(try XCTUnwrap(notebook.last), try XCTUnwrap(notebook.first))
        let signOnly = epochLosses(TrainingSetup(dataset: .or, epochs: 200, extraBugs: [.sign]))
        XCTAssertGreaterThan(try XCTUnwrap(signOnly.last), try XCTUnwrap(signOnly.first))
    }

    func testDivergenceDoesNotTrap() {
        let losses = epochLosses(TrainingSetup(dataset: .or, learningRate: 1e308, epochs: 50,
                                               initialWeights: Neuron(W: SIMD2(1e308, -1e308), b: 0)))
        XCTAssertEqual(losses.count, 50)
    }
}
