import Foundation
import XCTest
@testable import NNCore
import NNTestSupport

/// The first steps checked against the formulas, evaluated here with Foundation's exp.
final class NeuronStepTests: XCTestCase {
    let w0 = -1.1118801180469204, w1 = 0.31890218468938336, b0 = 0.2790412922001377

    func run(_ setup: TrainingSetup, steps: Int) -> TraceLog {
        TraceLog.run(setup, steps: steps)
    }

    func σ(_ t: Double) -> Double { 1 / (1 + Foundation.exp(-t)) }

    func testNotebookDatasetFirstTwoSteps() throws {
        let log = run(TrainingSetup(data: .builtin(.notebook), learningRate: 0.001, epochs: 2), steps: 2)
        // Step 0: x = (0, 1), y = 0 OR 1 = 1.
        var W = (w0, w1), b = b0
        for step in 0..<2 {
            let z = W.0 * 0 + W.1 * 1 + b
            let yHat = σ(z)
            let dLdy = -2 * (1 - yHat)
            let dydz = yHat * (1 - yHat)
            let gW = (dLdy * dydz * 0, dLdy * dydz * 1)
            let gb = dLdy * dydz
            XCTAssertEqual(log.value(step: step, .forward, "x"), [0, 1])
            XCTAssertEqual(log.value(step: step, .forward, "y"), [1])
            XCTAssertEqual(try XCTUnwrap(log.value(step: step, .forward, "z"))[0], z, accuracy: 1e-15)
            XCTAssertEqual(try XCTUnwrap(log.value(step: step, .forward, "y_hat"))[0], yHat, accuracy: 1e-15)
            XCTAssertEqual(try XCTUnwrap(log.value(step: step, .forward, "loss"))[0], (1 - yHat) * (1 - yHat), accuracy: 1e-15)
            XCTAssertEqual(try XCTUnwrap(log.value(step: step, .backward, "dL_dyhat"))[0], dLdy, accuracy: 1e-15)
            XCTAssertEqual(try XCTUnwrap(log.value(step: step, .backward, "dyhat_dz"))[0], dydz, accuracy: 1e-15)
            XCTAssertEqual(log.value(step: step, .backward, "dz_dW"), [0, 1])
            let dW = try XCTUnwrap(log.value(step: step, .backward, "dL_dW"))
            XCTAssertEqual(dW[0], gW.0, accuracy: 1e-15)
            XCTAssertEqual(dW[1], gW.1, accuracy: 1e-15)
            XCTAssertEqual(try XCTUnwrap(log.value(step: step, .backward, "dL_db"))[0], gb, accuracy: 1e-15)
            W = (W.0 - 0.001 * gW.0, W.1 - 0.001 * gW.1)
            b -= 0.001 * gb
            let newW = try XCTUnwrap(log.value(step: step, .update, "W"))
            XCTAssertEqual(newW[0], W.0, accuracy: 1e-15)
            XCTAssertEqual(newW[1], W.1, accuracy: 1e-15)
            XCTAssertEqual(try XCTUnwrap(log.value(step: step, .update, "b"))[0], b, accuracy: 1e-15)
        }
        // The worked example from the issue, rounded as the text view shows it.
        XCTAssertEqual(try XCTUnwrap(log.value(step: 0, .forward, "z"))[0], 0.5979, accuracy: 5e-5)
    }

    func testOrFirstTwoStepsByHand() throws {
        let log = run(TrainingSetup(data: .builtin(.or), learningRate: 0.5, epochs: 1), steps: 2)
        // Step 0: x = (0, 0), y = 0, so z = b and only b moves.
        let yHat0 = σ(b0)
        let g0 = -2 * (0 - yHat0) * yHat0 * (1 - yHat0)
        XCTAssertEqual(try XCTUnwrap(log.value(step: 0, .forward, "z"))[0], b0)
        XCTAssertEqual(log.value(step: 0, .backward, "dL_dW"), [0, 0])
        XCTAssertEqual(try XCTUnwrap(log.value(step: 0, .backward, "dL_db"))[0], g0, accuracy: 1e-15)
        XCTAssertEqual(log.value(step: 0, .update, "W"), [w0, w1])
        let b1 = b0 - 0.5 * g0
        XCTAssertEqual(try XCTUnwrap(log.value(step: 0, .update, "b"))[0], b1, accuracy: 1e-15)
        // Step 1: x = (0, 1), y = 1.
        let z1 = w1 + b1
        let yHat1 = σ(z1)
        let g1 = -2 * (1 - yHat1) * yHat1 * (1 - yHat1)
        XCTAssertEqual(log.value(step: 1, .forward, "x"), [0, 1])
        XCTAssertEqual(try XCTUnwrap(log.value(step: 1, .forward, "z"))[0], z1, accuracy: 1e-15)
        let newW = try XCTUnwrap(log.value(step: 1, .update, "W"))
        XCTAssertEqual(newW[0], w0)
        XCTAssertEqual(newW[1], w1 - 0.5 * g1, accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(log.value(step: 1, .update, "b"))[0], b1 - 0.5 * g1, accuracy: 1e-15)
    }

    func testHandWorkedNumbersAtFourDecimals() throws {
        // By hand: σ(0.2790) = 1/(1 + e^−0.2790) ≈ 0.5693; loss ≈ 0.3241.
        let log = run(TrainingSetup(data: .builtin(.or)), steps: 1)
        XCTAssertEqual(try XCTUnwrap(log.value(step: 0, .forward, "y_hat"))[0], 0.5693, accuracy: 5e-5)
        XCTAssertEqual(try XCTUnwrap(log.value(step: 0, .forward, "loss"))[0], 0.3241, accuracy: 5e-5)
    }

    func testEventOrderAndPhasesMatchTheSpec() {
        let log = run(TrainingSetup(data: .builtin(.or), epochs: 1), steps: 4)
        let firstStep = log.names(step: 0)
        XCTAssertEqual(firstStep, [
            "forward x", "forward y", "forward W", "forward b", "forward z", "forward y_hat", "forward loss",
            "backward dL_dyhat", "backward dyhat_dz", "backward dz_dW", "backward dL_dW", "backward dL_db",
            "update W", "update b",
        ])
        let epochRecords = log.events.filter { $0.phase == .epoch }
        XCTAssertEqual(epochRecords.count, 1)
        XCTAssertNil(epochRecords[0].sample)
        let losses = log.events.filter { $0.phase == .forward && $0.name == "loss" }.map(\.first)
        XCTAssertEqual(epochRecords[0].first, losses.reduce(0, +), accuracy: 1e-15)
    }

    func testNotebookModeUsesTheNotebooksFormulas() throws {
        let log = run(TrainingSetup(data: .builtin(.or), mode: .notebook), steps: 1)
        let yHat = σ(b0)
        XCTAssertEqual(try XCTUnwrap(log.value(step: 0, .backward, "dL_dyhat"))[0], 2 * (0 - yHat), accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(log.value(step: 0, .backward, "dyhat_dz"))[0], σ(yHat) * (1 - σ(yHat)), accuracy: 1e-15)
    }

    func testSingleBugsSwitchOnAlone() throws {
        let yHat = σ(b0)
        let sign = run(TrainingSetup(data: .builtin(.or), extraBugs: [.sign]), steps: 1)
        XCTAssertEqual(try XCTUnwrap(sign.value(step: 0, .backward, "dL_dyhat"))[0], 2 * (0 - yHat), accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(sign.value(step: 0, .backward, "dyhat_dz"))[0], yHat * (1 - yHat), accuracy: 1e-15)
        let deriv = run(TrainingSetup(data: .builtin(.or), extraBugs: [.derivAtYHat]), steps: 1)
        XCTAssertEqual(try XCTUnwrap(deriv.value(step: 0, .backward, "dL_dyhat"))[0], -2 * (0 - yHat), accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(deriv.value(step: 0, .backward, "dyhat_dz"))[0], σ(yHat) * (1 - σ(yHat)), accuracy: 1e-15)
    }

    func testExplicitInitReplacesTheDrawButNotTheData() {
        let log = run(TrainingSetup(data: .builtin(.notebook), initialParameters: [0.5, -0.25, 0.125]), steps: 1)
        XCTAssertEqual(log.value(step: 0, .forward, "W"), [0.5, -0.25])
        XCTAssertEqual(log.value(step: 0, .forward, "b"), [0.125])
        XCTAssertEqual(log.value(step: 0, .forward, "x"), [0, 1])  // still the seeded X
    }

    func testDatasetsAreTheTruthTables() {
        let x = SIMD2<Double>(0, 1)
        XCTAssertEqual(Dataset.samples(.or, notebookX: x).map(\.y), [0, 1, 1, 1])
        XCTAssertEqual(Dataset.samples(.and, notebookX: x).map(\.y), [0, 0, 0, 1])
        XCTAssertEqual(Dataset.samples(.nand, notebookX: x).map(\.y), [1, 1, 1, 0])
        XCTAssertEqual(Dataset.samples(.xor, notebookX: x).map(\.y), [0, 1, 1, 0])
        XCTAssertEqual(Dataset.samples(.or, notebookX: x).map(\.x), [SIMD2(0, 0), SIMD2(0, 1), SIMD2(1, 0), SIMD2(1, 1)])
        XCTAssertEqual(Dataset.samples(.notebook, notebookX: SIMD2(0, 0)), [Sample(x: SIMD2(0, 0), y: 0)])
    }
}
