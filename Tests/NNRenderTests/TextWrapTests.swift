@testable import NNRender
import XCTest

final class TextWrapTests: XCTestCase {
    func testBreaksAtSpaces() {
        XCTAssertEqual(TextWrap.wrap("the quick brown fox jumps", width: 10), ["the quick", "brown fox", "jumps"])
    }

    func testContinuationIndent() {
        XCTAssertEqual(
            TextWrap.wrap("z = W·x + b = (1)(0) + (2)(1) + 3", width: 14, indent: 2),
            ["z = W·x + b =", "  (1)(0) +", "  (2)(1) + 3"])
    }

    func testLongWordIsSplit() {
        XCTAssertEqual(TextWrap.wrap("abcdefghij xy", width: 4), ["abcd", "efgh", "ij", "xy"])
        XCTAssertEqual(TextWrap.wrap("abcdefgh", width: 4, indent: 1), ["abcd", " efg", " h"])
    }

    func testNewlinesAndEmptyText() {
        XCTAssertEqual(TextWrap.wrap("one\n\ntwo three", width: 5), ["one", "", "two", "three"])
        XCTAssertEqual(TextWrap.wrap("", width: 5), [""])
        XCTAssertEqual(TextWrap.wrap("   ", width: 5), [""])
    }

    func testDegenerateWidths() {
        XCTAssertEqual(TextWrap.wrap("text", width: 0), [])
        XCTAssertEqual(TextWrap.wrap("text", width: -3), [])
        XCTAssertEqual(TextWrap.wrap("ab cd", width: 1), ["a", "b", "c", "d"])
        // An indent as wide as the line would leave no room: it is dropped.
        XCTAssertEqual(TextWrap.wrap("ab cd", width: 2, indent: 2), ["ab", "cd"])
    }

    func testEveryLineFits() {
        let text = "∂L/∂W = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂W = (−0.7096)(0.2289)(0, 1) = (0, −0.1624)"
        for width in 1...30 {
            for line in TextWrap.wrap(text, width: width, indent: 2) {
                XCTAssertLessThanOrEqual(line.count, width, "width \(width): \(line)")
            }
        }
    }

    func testAWorkedLineBreaksBeforeItsEqualsSigns() {
        // A row holds whole "= …" pieces. 36 columns: the left side "L = Σᵢ (yᵢ − ŷᵢ)²" (17) and
        // " = 0.0865 + 0.0261 + 0.0298" (27) make 44, too long, so "= 0.0865 + 0.0261 + 0.0298" (26)
        // starts row 2; adding " = 0.1424" (9) would make 35 > 34 (the room after the indent), so it
        // gets row 3. At 37 columns it would fit: 35 ≤ 35.
        XCTAssertEqual(TextWrap.formula("L = Σᵢ (yᵢ − ŷᵢ)² = 0.0865 + 0.0261 + 0.0298 = 0.1424", width: 37).count, 2)
        XCTAssertEqual(TextWrap.formula("L = Σᵢ (yᵢ − ŷᵢ)² = 0.0865 + 0.0261 + 0.0298 = 0.1424", width: 36), [
            "L = Σᵢ (yᵢ − ŷᵢ)²",
            "  = 0.0865 + 0.0261 + 0.0298",
            "  = 0.1424",
        ])
        // Prose with an "=" in it is not an equation: it wraps as words do.
        XCTAssertEqual(TextWrap.formula("hint: At x = (1, 0) unit i's sum is W₁[i][0] + b₁[i]", width: 40),
                       ["hint: At x = (1, 0) unit i's sum is", "  W₁[i][0] + b₁[i]"])
        XCTAssertTrue(TextWrap.isEquationSide("∂L/∂W₁"))
        XCTAssertTrue(TextWrap.isEquationSide("W ← W − η·∂L/∂W"))
        XCTAssertTrue(TextWrap.isEquationSide("a₁"))
        XCTAssertFalse(TextWrap.isEquationSide("hint: At x"))
        // A list of statements is not split at each "=".
        XCTAssertTrue(TextWrap.isListOfAssignments("x = (0, 1), y = 1, W = (−1.1119, 0.3189)"))
        XCTAssertFalse(TextWrap.isListOfAssignments("∂L/∂W = (−0.0289)(0.0142)(1, 1) = (−4.1e−04, −4.1e−04)"))
        XCTAssertFalse(TextWrap.isListOfAssignments("σ(−0.4200, 1.8446) = (0.3965, 0.8635)"))
    }
}
