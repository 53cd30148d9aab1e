import XCTest
@testable import NNCore
import NNTestSupport

final class NumberFormatTests: XCTestCase {
    func testShort() {
        XCTAssertEqual(NumberFormat.short(-1.1118801180469204), "−1.1119")
        XCTAssertEqual(NumberFormat.short(0.31890218468938336), "0.3189")
        XCTAssertEqual(NumberFormat.short(0), "0")
        XCTAssertEqual(NumberFormat.short(-0.0), "0")
        XCTAssertEqual(NumberFormat.short(1), "1")
        XCTAssertEqual(NumberFormat.short(0.5), "0.5000")
        XCTAssertEqual(NumberFormat.short(0.99996), "1.0000")
        XCTAssertEqual(NumberFormat.short(3.2e-7), "3.2e−07")
        XCTAssertEqual(NumberFormat.short(-0.00049078), "−4.908e−04")
        XCTAssertEqual(NumberFormat.short(0.001), "0.0010")
        XCTAssertEqual(NumberFormat.short(-1e308), "−1e+308")
        XCTAssertEqual(NumberFormat.short(.infinity), "Infinity")
        XCTAssertEqual(NumberFormat.short(.nan), "NaN")
    }

    func testTheIssuesWorkedZLine() {
        let schema = TraceSchema(architecture: Architecture())
        let values = StepValues.with(schema, [
            ("forward.x", [0, 1]), ("forward.W", [-1.1118801180469204, 0.31890218468938336]), ("forward.b", [0.2790412922001377]),
            ("forward.z", [-1.1118801180469204 * 0 + 0.31890218468938336 + 0.2790412922001377]),
        ])
        let line = Equations(setup: TrainingSetup()).line(completedBy: schema.entry(.preActivation, layer: 1)!.id, values)
        XCTAssertEqual(line?.text, "z = W·x + b = (−1.1119)(0) + (0.3189)(1) + 0.2790 = 0.5979")
    }

    func testASCIIFallback() {
        XCTAssertEqual(ASCIIFallback.transliterate("∂L/∂ŷ = −2(y − ŷ) · σ′(z)"), "dL/dy_hat = -2(y - y_hat) * sigma'(z)")
    }
}

final class NotebookMistakeTests: XCTestCase {
    /// In notebook mode the correct value of ∂L/∂ŷ appears only once ∂L/∂ŷ itself is computed,
    /// so a lesson asking "what sign will it have?" is not answered on screen beforehand.
    func testTheCorrectValueWaitsForTheLinesOwnValue() {
        let schema = TraceSchema(architecture: Architecture())
        let forward: [(String, [Double])] = [("forward.y", [0]), ("forward.z", [0.2790]), ("forward.y_hat", [0.5693])]
        let equations = Equations(setup: TrainingSetup(mode: .notebook))
        let before = equations.lines(StepValues.with(schema, forward)).first { $0.symbolic.hasPrefix("∂L/∂ŷ") }
        XCTAssertEqual(before?.mistake, "✗ minus sign dropped; correct: −2(y − ŷ)")
        let values = StepValues.with(schema, forward + [("backward.dL_dyhat", [2 * (0 - 0.5693)])])
        let after = equations.lines(values).first { $0.symbolic.hasPrefix("∂L/∂ŷ") }
        // −2(0 − 0.5693) = 1.1386 by hand.
        XCTAssertEqual(after?.mistake, "✗ minus sign dropped; correct: −2(y − ŷ) = 1.1386")
    }
}
