import Foundation
import XCTest

/// `--check-gradients --max-rel-error E` as a gate, with the worst error worked out here from the
/// README's arithmetic (an independent single neuron), never read from the program.
final class GradientGateTests: XCTestCase {
    /// numpy's seed-42 draw (README: W = randn(2), b = randn(1)).
    static let start = [-1.1118801180469204, 0.31890218468938336, 0.2790412922001377]
    static let or: [(x: [Double], y: Double)] = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 1)]

    /// The worst relative error of a single neuron's run with squared error and one update per
    /// sample: (parameter, epoch, sample, step, error), the first of equals.
    static func worst(samples: [(x: [Double], y: Double)], epochs: Int, lr: Double, dropsMinusSign: Bool)
        -> (parameter: String, epoch: Int, sample: Int, step: Int, error: Double) {
        var theta = start
        func loss(_ p: [Double], _ s: (x: [Double], y: Double)) -> Double {
            let z = (p[0] * s.x[0] + p[1] * s.x[1]) + p[2]
            let yHat = 1.0 / (1.0 + exp(-z))
            return (s.y - yHat) * (s.y - yHat)
        }
        var worst: (parameter: String, epoch: Int, sample: Int, step: Int, error: Double)?
        var step = 0
        for epoch in 0..<epochs {
            for (i, s) in samples.enumerated() {
                let z = (theta[0] * s.x[0] + theta[1] * s.x[1]) + theta[2]
                let yHat = 1.0 / (1.0 + exp(-z))
                let dLdyHat = dropsMinusSign ? 2 * (s.y - yHat) : -2 * (s.y - yHat)
                let delta = dLdyHat * (yHat * (1 - yHat))
                let analytic = [delta * s.x[0], delta * s.x[1], delta]
                for k in 0..<3 {
                    let h = 1e-6 * max(1, abs(theta[k]))
                    var plus = theta, minus = theta
                    plus[k] = theta[k] + h
                    minus[k] = theta[k] - h
                    let numeric = (loss(plus, s) - loss(minus, s)) / (2 * h)
                    let a = analytic[k]
                    let error = a == 0 && numeric == 0 ? 0 : abs(a - numeric) / max(abs(a), abs(numeric))
                    if worst == nil || error > worst!.error {
                        worst = (["W[0]", "W[1]", "b"][k], epoch, i, step, error)
                    }
                }
                for k in 0..<3 { theta[k] = theta[k] - lr * analytic[k] }
                step += 1
            }
        }
        return worst!
    }

    func message(_ w: (parameter: String, epoch: Int, sample: Int, step: Int, error: Double), limit: String) -> String {
        "nn-tutor: gradient check failed: relative error \(w.error) for \(w.parameter) at epoch \(w.epoch), sample \(w.sample) (step \(w.step)), the worst of the run, is above --max-rel-error \(limit)\n"
    }

    func testTheNotebooksStepFailsAZeroLimitAndPassesAFairOne() throws {
        let worst = Self.worst(samples: [([0, 1], 1)], epochs: 1, lr: 0.5, dropsMinusSign: false)
        XCTAssertGreaterThan(worst.error, 0)
        XCTAssertLessThan(worst.error, 1e-6)
        let strict = try BinaryRunner.shell("\"$NN\" --format jsonl --dataset notebook --epochs 1 --check-gradients --max-rel-error 0")
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(strict.stderr, message(worst, limit: "0"))
        XCTAssertEqual(strict.stdout.split(separator: "\n").count, 1 + 18 + 1, "the whole trace is still written")
        for format in ["jsonl", "csv", "text"] {
            let fair = try BinaryRunner.shell("\"$NN\" --format \(format) --dataset notebook --epochs 1 --check-gradients --max-rel-error 1e-6 > /dev/null")
            XCTAssertEqual(fair.status, 0, format)
            XCTAssertEqual(fair.stderr, "", format)
        }
    }

    func testTheDroppedMinusSignFailsTheGateInEveryFormat() throws {
        // With the sign dropped, the analytic gradient is minus the true one: relative errors near 2.
        let worst = Self.worst(samples: Self.or, epochs: 3, lr: 0.5, dropsMinusSign: true)
        XCTAssertGreaterThan(worst.error, 1.9)
        for format in ["jsonl", "csv", "text"] {
            let result = try BinaryRunner.shell("\"$NN\" --format \(format) --dataset or --bug sign --epochs 3 --check-gradients --max-rel-error 1e-4 > /dev/null")
            XCTAssertEqual(result.status, 1, format)
            XCTAssertEqual(result.stderr, message(worst, limit: "1e-4"), format)
        }
    }

    func testANaNErrorFailsTheGate() throws {
        // By hand: W = (−800, 40), b = 0 on OR with cross-entropy. Sample 0 sets b = −0.25; sample 1
        // saturates to ŷ = 1 exactly (a zero gradient); sample 2, x = (1, 0), gives z = −800.25, ŷ = 0
        // and L = −log 0 = ∞ on both sides of θ, so ∞ − ∞: the numeric gradient and its error are NaN.
        let result = try BinaryRunner.shell("\"$NN\" --format jsonl --dataset or --loss cross-entropy --init -800,40,0 --epochs 2 --check-gradients --max-rel-error 1 > /dev/null")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "nn-tutor: gradient check failed: relative error NaN for W[0] at epoch 0, sample 2 (step 2): the check could not be made there (NaN counts as above --max-rel-error 1)\n")
    }

    func testTheGateNamesTheRunOfACompare() throws {
        let worst = Self.worst(samples: Self.or, epochs: 2, lr: 0.5, dropsMinusSign: true)
        let result = try BinaryRunner.shell("\"$NN\" --format jsonl --dataset or --epochs 2 --check-gradients --compare bug=none,bug=sign --max-rel-error 1e-4 > /dev/null")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, message(worst, limit: "1e-4").replacingOccurrences(of: "failed:", with: "failed in run bug=sign:"))
    }

    func testALessonsTraceIsGatedWhenItsSetupChecksGradients() throws {
        let checks = try BinaryRunner.shell("\"$NN\" --lesson gradient-check --format jsonl --max-rel-error 1e-6 > /dev/null")
        XCTAssertEqual(checks.status, 0, checks.stderr)
        XCTAssertEqual(checks.stderr, "")
        for (flags, message) in [
            ("--lesson forward-pass --format csv", "--max-rel-error gates the gradient check, which is off: this lesson's setup does not check gradients (check_gradients: true)"),
            ("--lesson gradient-check --plain", "--max-rel-error gates a trace, and a lesson's handout is for reading: add --format jsonl or csv"),
        ] {
            let result = try BinaryRunner.shell("\"$NN\" \(flags) --max-rel-error 1e-6")
            XCTAssertEqual(result.status, 64, flags)
            XCTAssertEqual(result.stderr, "nn-tutor: \(message) (see 'nn-tutor --help')\n", flags)
        }
    }

    func testMaxRelErrorWithoutTheCheckIsAUsageError() throws {
        for command in ["--plain --max-rel-error 1e-6", "--format jsonl --max-rel-error 1e-6 --epochs 2"] {
            let result = try BinaryRunner.shell("\"$NN\" \(command)")
            XCTAssertEqual(result.status, 64, command)
            XCTAssertEqual(result.stdout, "")
            XCTAssertEqual(result.stderr, "nn-tutor: --max-rel-error gates the gradient check, which is off: add --check-gradients (see 'nn-tutor --help')\n")
        }
        let bad = try BinaryRunner.shell("\"$NN\" --check-gradients --max-rel-error tiny")
        XCTAssertEqual(bad.status, 64)
        XCTAssertEqual(bad.stderr, "nn-tutor: --max-rel-error must be a number 0 or more, such as 1e-6; got 'tiny' (see 'nn-tutor --help')\n")
    }
}
