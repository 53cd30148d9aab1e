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
        // Near a whole number, places up to two past the first one that differs from it, so a value
        // that is not 1 never reads "1.0000": 1 − 0.99996 = 4e−5 differs in the 5th place.
        XCTAssertEqual(NumberFormat.short(0.99996), "0.99996")
        XCTAssertEqual(NumberFormat.short(0.99999774), "0.99999774")  // 2.26e−6: 6th place, then two more
        XCTAssertEqual(NumberFormat.short(2.0000312), "2.0000312")
        XCTAssertEqual(NumberFormat.short(0.99994), "0.9999")  // 6e−5 shows at four places
        XCTAssertEqual(NumberFormat.short(3.2e-7), "3.2e−07")
        XCTAssertEqual(NumberFormat.short(-0.00049078), "−4.908e−04")
        XCTAssertEqual(NumberFormat.short(0.001), "0.0010")
        XCTAssertEqual(NumberFormat.short(-1e308), "−1e+308")
        XCTAssertEqual(NumberFormat.short(.infinity), "Infinity")
        XCTAssertEqual(NumberFormat.short(.nan), "NaN")
    }

    func testASettingKeepsItsDigitsInTheREADMEsFormat() {
        // The digits as typed, never rounded; from 10⁶ up, scientific with a signed two-digit exponent.
        XCTAssertEqual(NumberFormat.parameter(0.5), "0.5")
        XCTAssertEqual(NumberFormat.parameter(0.001), "0.001")
        XCTAssertEqual(NumberFormat.parameter(2), "2")
        XCTAssertEqual(NumberFormat.parameter(999_999), "999999")
        XCTAssertEqual(NumberFormat.parameter(1e6), "1e+06")
        XCTAssertEqual(NumberFormat.parameter(1.5e6), "1.5e+06")
        XCTAssertEqual(NumberFormat.parameter(1_234_567.5), "1.2345675e+06")
        XCTAssertEqual(NumberFormat.parameter(2.5e12), "2.5e+12")
        XCTAssertEqual(NumberFormat.parameter(1e16), "1e+16")
        XCTAssertEqual(NumberFormat.parameter(1e308), "1e+308")
        XCTAssertEqual(NumberFormat.parameter(-3e7), "−3e+07")
        XCTAssertEqual(NumberFormat.parameter(1e-7), "1e−07")
        XCTAssertEqual(NumberFormat.parameter(0.0001), "0.0001")
    }

    func testFittingANarrowCell() {
        // Fits already: unchanged.
        XCTAssertEqual(NumberFormat.fitting(-1.1118801180469204, width: 7), "−1.1119")
        // −4.893e−06 (10 columns) → one decimal of the mantissa, exponent unpadded: −4.9e−6.
        XCTAssertEqual(NumberFormat.fitting(-4.893e-06, width: 7), "−4.9e−6")
        XCTAssertEqual(NumberFormat.fitting(5.656e-04, width: 7), "5.7e−4")
        XCTAssertEqual(NumberFormat.fitting(9.96e-05, width: 7), "1.0e−4")  // rounds into the next decade
        XCTAssertEqual(NumberFormat.fitting(2_345_678, width: 7), "2.3e6")
        // 123.4567 in 6 columns: 3 integer digits and the point leave 2 places.
        XCTAssertEqual(NumberFormat.fitting(-123.4567, width: 7), "−123.46")
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

    func testSmallComponentsShareScientificFormWhileLargerOnesKeepFourDecimals() {
        // A weight keeps its four decimals beside a small gradient-sized component.
        XCTAssertEqual(NumberFormat.vector([-1.1118801180469204, 1.605e-4]), "(−1.1119, 1.605e−04)")
        // Two small ones: both scientific, so the larger does not lose digits to "0.0018".
        XCTAssertEqual(NumberFormat.vector([5.306e-4, 0.0018]), "(5.306e−04, 1.8e−03)")
        // None small: four decimals throughout.
        XCTAssertEqual(NumberFormat.vector([0.0125, -0.5]), "(0.0125, −0.5000)")
    }

    func testPercentToATenth() {
        XCTAssertEqual(NumberFormat.percent(0.875), "87.5%")
        XCTAssertEqual(NumberFormat.percent(1), "100%")
        XCTAssertEqual(NumberFormat.percent(58.0 / 70.0), "82.9%")  // 0.828571… → 828.57 tenths → 829
        XCTAssertEqual(NumberFormat.percent(.nan), "NaN")
    }
}
