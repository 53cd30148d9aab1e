import Foundation
import NNCore
import XCTest

@testable import NNLessons

/// What the notebook part of the course (lessons 2 to 11) says, checked against the trace. Fixed
/// numbers come from numpy's seed-42 draw, W = (−1.1118801180469204, 0.31890218468938336) and
/// b = 0.2790412922001377, worked through by hand; the rest are comparisons between runs.
final class NotebookLessonClaimsTests: XCTestCase {
    let w0 = -1.1118801180469204, w1 = 0.31890218468938336, b0 = 0.2790412922001377

    func testLossMeanQuestionIsTheSumOverFour() throws {
        let run = try ShippedRun("02-loss.md")
        // The four seed-42 losses of the first `or` epoch, each (y − σ(W·x + b))² by hand.
        let xs: [(Double, Double, Double)] = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 1)]
        var weights = (w0, w1, b0)
        var sum = 0.0
        for (x0, x1, y) in xs {
            let yHat = sigmoid(weights.0 * x0 + weights.1 * x1 + weights.2)
            sum += (y - yHat) * (y - yHat)
            let g = -2 * (y - yHat) * yHat * (1 - yHat)
            weights = (weights.0 - 0.5 * g * x0, weights.1 - 0.5 * g * x1, weights.2 - 0.5 * g)
        }
        XCTAssertEqual(try run.value("epoch.loss", at: "epoch-sum"), sum, accuracy: 1e-12)
        XCTAssertEqual(try run.answer("epoch-sum"), "0.3175 (± 0.005)")
        XCTAssertEqual(sum / 4, 0.3175, accuracy: 0.0005)
    }

    func testSmallStepsMoveBInTheFourthDecimalAndLargerRatesLearn() throws {
        let run = try ShippedRun("04-small-steps.md")
        // ∂L/∂b at x = (0, 0), y = 0: 2ŷ · ŷ(1 − ŷ) with ŷ = σ(b).
        let yHat = sigmoid(b0)
        let gradient = 2 * yHat * yHat * (1 - yHat)
        XCTAssertEqual(try run.value("dL_db", at: "first-update"), gradient, accuracy: 1e-12)
        let moved = try run.value("update.b", at: "first-update") - b0
        XCTAssertEqual(moved, -0.001 * gradient, accuracy: 1e-15)
        XCTAssertTrue(abs(moved) < 0.001 && abs(moved) > 0.0001, "a change in the fourth decimal")
        XCTAssertEqual(try run.values("update.W", at: "first-update"), [w0, w1], "W does not move")
        // After 1000 epochs at 0.001 the loss is still above a half.
        XCTAssertGreaterThan(try run.value("epoch.loss", at: "end"), 0.5)
        XCTAssertEqual(try run.answer("epoch-0"), "c) above a half")
        // At 0.5 every point is right within 100 epochs and the loss ends below a hundredth.
        let fast = RunOutcome(try run.variant("lr", "0.5"))
        XCTAssertLessThan(try XCTUnwrap(fast.firstAllRight), 100)
        XCTAssertLessThan(fast.epochLoss.last!, 0.01)
    }

    func testOvershootStallsAtFiftyNotAtFiveOrForever() throws {
        let run = try ShippedRun("05-overshoot.md")
        XCTAssertEqual(try run.event("stuck").epoch, 0)
        XCTAssertGreaterThan(try run.value("epoch.loss", at: "end"), 2.9)
        let forty = RunOutcome(try run.variant("lr", "40"))
        XCTAssertGreaterThan(forty.epochLoss[49], 2.9, "40 stalls the same way")
        XCTAssertLessThan(forty.epochLoss[199], 0.01, "but creeps out before epoch 200")
        let five = RunOutcome(try run.variant("lr", "5")), half = RunOutcome(try run.variant("lr", "0.5"))
        XCTAssertLessThan(five.epochLoss.last!, half.epochLoss.last!, "5 ends lower than 0.5")
        XCTAssertTrue(five.epochLoss.allSatisfy { $0 < 2 }, "no stall at 5")
    }

    func testDecisionBoundaryClaims() throws {
        let run = try ShippedRun("06-decision-boundary.md")
        XCTAssertGreaterThan(try run.value("z", at: "start"), 0, "the origin starts on the 1 side")
        XCTAssertEqual(try run.answer("start"), "down")
        XCTAssertLessThan(try run.value("update.b", at: "separated"), 0, "b went down, below 0")
        let w = try run.values("update.W", at: "separated"), b = try run.value("update.b", at: "separated")
        let z = [b, w[1] + b, w[0] + b, w[0] + w[1] + b]
        XCTAssertTrue(z[0] < 0 && z[1] < 0 && z[2] < 0 && z[3] > 0, "only (1, 1) on the 1 side: \(z)")
        let end = try run.values("update.W", at: "trained"), endB = try run.value("update.b", at: "trained")
        XCTAssertGreaterThan(end[0], w[0], "W[0] keeps growing")
        XCTAssertEqual(try run.answer("separated"), "up")
        XCTAssertEqual(end[0], end[1], accuracy: 0.01 * end[0], "W[0] and W[1] almost equal")
        XCTAssertTrue((1...2).contains(-endB / end[0]), "the line crosses the x[0] axis between 1 and 2")
        for (data, crossing) in [("or", 0.0...1.0), ("nand", 1.0...2.0)] {
            let other = RunOutcome(try run.variant("dataset", data)).network
            let (wo, bo) = (Array(other.weights(1)), other.biases(1).first!)
            XCTAssertTrue(crossing.contains(-bo / wo[0]), "\(data): crossing at \(-bo / wo[0])")
            if data == "nand" { XCTAssertTrue(wo.allSatisfy { $0 < 0 }, "nand: W points to (0, 0)") }
        }
    }

    func testTheMinusSignPutsAllFourOnTheWrongSide() throws {
        let run = try ShippedRun("07-minus-sign.md")
        var last: [Double] = []
        let outcome = RunOutcome(run.lesson.setup) { step in
            if step.epoch == 999, let yHat = step.schema.entry(.output, layer: 1) { last.append(step.scalar(yHat)) }
        }
        XCTAssertTrue(last[0] > 0.99 && last[1...].allSatisfy { $0 < 0.01 }, "all four wrong, at the far end: \(last)")
        XCTAssertTrue(zip(outcome.epochLoss, outcome.epochLoss.dropFirst()).allSatisfy { $0 < $1 }, "every epoch higher")
        XCTAssertGreaterThan(outcome.epochLoss.last!, 3.9, "close to the maximum of 4")
        let fixed = RunOutcome(try run.variant("bugs", "none"))
        XCTAssertLessThan(fixed.epochLoss.last!, 0.01)
        XCTAssertNotNil(fixed.firstAllRight)
    }

    func testSigmaPrimeAtYHatNeverGoesFlat() throws {
        let run = try ShippedRun("08-notebook-derivatives.md")
        // The number question: σ′(z) at z = b, by hand.
        XCTAssertEqual(sigmoid(b0) * (1 - sigmoid(b0)), 0.2452, accuracy: 0.0005)
        let z = try run.value("z", at: "never-flat"), yHat = try run.value("y_hat", at: "never-flat")
        let buggy = try run.value("dyhat_dz", at: "never-flat")
        XCTAssertGreaterThan(z, 5, "far out in the flat tail")
        XCTAssertEqual(buggy, sigmoid(yHat) * (1 - sigmoid(yHat)), accuracy: 1e-15, "the code's σ′(ŷ)")
        let correct = yHat * (1 - yHat)
        XCTAssertTrue(0.001...0.005 ~= correct, "a couple of thousandths: \(correct)")
        XCTAssertTrue(50...200 ~= buggy / correct, "about a hundred times: \(buggy / correct)")
        XCTAssertEqual(try run.answer("never-flat"), "c) about a hundred times bigger")
        // Lower than the correct run's loss in every epoch but a stretch of about ten early ones.
        let buggyRun = RunOutcome(run.lesson.setup), correctRun = RunOutcome(try run.variant("bugs", "none"))
        let behind = zip(buggyRun.epochLoss, correctRun.epochLoss).enumerated().filter { $0.element.0 >= $0.element.1 }.map(\.offset)
        XCTAssertTrue((5...15).contains(behind.count), "\(behind)")
        XCTAssertTrue(behind.allSatisfy { $0 < 50 }, "early on: \(behind)")
        XCTAssertEqual(behind.last! - behind.first! + 1, behind.count, "one stretch")
    }

    func testTheNotebookAsWrittenUnlearnsItsSample() throws {
        let run = try ShippedRun("09-notebook-as-written.md")
        // One step of the notebook's maths by hand: ∂L/∂ŷ = 2(y − ŷ), ∂ŷ/∂z = σ′(ŷ), η = 0.001.
        let yHat = sigmoid(w1 + b0)
        XCTAssertEqual(try run.value("y_hat", at: "forward"), yHat, accuracy: 1e-15)
        XCTAssertEqual(try run.value("dL_dyhat", at: "sign"), 2 * (1 - yHat), accuracy: 1e-15)
        let slope = sigmoid(yHat) * (1 - sigmoid(yHat))
        XCTAssertEqual(try run.value("dyhat_dz", at: "deriv"), slope, accuracy: 1e-15)
        XCTAssertEqual(try run.value("update.W[1]", at: "update"), w1 - 0.001 * 2 * (1 - yHat) * slope, accuracy: 1e-15)
        XCTAssertEqual(try run.answer("update"), "down")
        XCTAssertEqual(try run.answer("sign"), "+")
        // b crosses zero first, then W[1]; ŷ had dropped below 0.5 in between.
        let bEpoch = try run.event("b-sign").epoch, wEpoch = try run.event("wrong").epoch
        XCTAssertLessThan(bEpoch, wEpoch)
        XCTAssertLessThan(try run.value("update.W[1]", at: "wrong"), 0)
        var firstWrong: Int?
        let outcome = RunOutcome(run.lesson.setup) { step in
            if firstWrong == nil, let e = step.schema.entry(.output, layer: 1), step.scalar(e) < 0.5 { firstWrong = step.epoch }
        }
        XCTAssertTrue((bEpoch..<wEpoch).contains(try XCTUnwrap(firstWrong)), "ŷ below 0.5 for a while before W[1] turns")
        XCTAssertTrue(zip(outcome.epochLoss, outcome.epochLoss.dropFirst()).allSatisfy { $0 < $1 }, "rising from the first epoch")
        let corrected = RunOutcome(try run.variant("mode", "corrected"))
        XCTAssertLessThan(corrected.epochLoss.last!, corrected.epochLoss.first!, "corrected, the loss comes down")
    }

    func testXorCyclesThroughTheSameFourStates() throws {
        let run = try ShippedRun("10-xor.md")
        XCTAssertEqual(try run.values("forward.W", at: "cycle-again"), try run.values("forward.W", at: "cycle-start"))
        // The cycle's step s solves s = η · 2σ(s) · σ(s)(1 − σ(s)): a sample with target 0 at z = s
        // (or target 1 at z = −s) moves each parameter it touches by exactly s. Iterate to it.
        var s = 0.1
        for _ in 0..<200 { s = 0.5 * 2 * sigmoid(s) * sigmoid(s) * (1 - sigmoid(s)) }
        XCTAssertEqual(abs(try run.value("z", at: "end")), s, accuracy: 1e-9)
        XCTAssertEqual(0.5 * (try run.value("dL_db", at: "end")), s, accuracy: 1e-9)
        var losses: [Double] = []
        var yHats: [Double] = []
        let outcome = RunOutcome(run.lesson.setup) { step in
            guard step.epoch == 999 else { return }
            losses.append(step.scalar(step.schema.entry(.loss)!))
            yHats.append(step.scalar(step.schema.entry(.output, layer: 1)!))
        }
        for loss in losses { XCTAssertEqual(loss, sigmoid(s) * sigmoid(s), accuracy: 1e-12, "every sample off by σ(s)") }
        XCTAssertTrue(yHats[0] > 0.5 && yHats[1] < 0.5 && yHats[2] < 0.5 && yHats[3] > 0.5, "all four wrong: \(yHats)")
        XCTAssertGreaterThan(outcome.epochLoss.last!, 1)
        XCTAssertNil(outcome.firstAllRight, "no epoch classifies all four")
    }

    func testTheGradientCheckCatchesBothBugs() throws {
        let run = try ShippedRun("11-gradient-check.md")
        XCTAssertLessThan(try run.value("dL_db_rel_error", at: "numeric"), 1e-7)
        XCTAssertLessThan(try run.values("dL_dW_rel_error", at: "relative").max()!, 1e-7)
        func firstRelativeError(_ bug: String) throws -> Double {
            var error: Double?
            _ = RunOutcome(try run.variant("bugs", bug)) { step in
                if step.step == 0, let e = step.schema.entry(.relativeErrorDBias, layer: 1) { error = step.scalar(e) }
            }
            return try XCTUnwrap(error)
        }
        XCTAssertEqual(try firstRelativeError("sign"), 2, accuracy: 1e-6)
        // σ′ at ŷ: off by σ′(ŷ)/σ′(z) at z = b, ŷ = σ(b), by hand.
        let yHat = sigmoid(b0)
        let ratio = sigmoid(yHat) * (1 - sigmoid(yHat)) / (yHat * (1 - yHat))
        let error = try firstRelativeError("deriv-at-yhat")
        XCTAssertEqual(error, 1 - ratio, accuracy: 1e-6)
        XCTAssertTrue(0.01...0.1 ~= error, "a few percent")
        XCTAssertEqual(try run.answer("bugs"), "c) exactly 2")
    }

    func testHiddenLayerPlateauClaims() throws {
        let run = try ShippedRun("12-hidden-layer-xor.md")
        var yHats: [Double] = [], deltas: [Double] = []
        _ = RunOutcome(run.lesson.setup) { step in
            guard step.epoch == 99 else { return }
            yHats.append(step.scalar(step.schema.entry(.output, layer: 2)!))
            deltas.append(step.scalar(step.schema.entry(.delta, layer: 2)!))
        }
        XCTAssertTrue(yHats.allSatisfy { abs($0 - 0.5) < 0.05 }, "within a few hundredths of 0.5: \(yHats)")
        XCTAssertTrue(deltas.allSatisfy { (0.25...0.3).contains(abs($0)) }, "a little over 0.25: \(deltas)")
        XCTAssertEqual(deltas.map { $0 > 0 }, [true, false, false, true], "positive for y = 0, negative for y = 1")
    }
}
