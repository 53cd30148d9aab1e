import NNCore
import NNRender
import NNTestSupport
import XCTest

final class EquationsWidgetTests: XCTestCase {
    let z = EquationLine(
        phase: .forward, keys: [key("forward.z")], symbolic: "z = W·x + b",
        substituted: "(1)(0) + (2)(1) + 3", result: "5")
    let yHat = EquationLine(
        phase: .forward, keys: [key("forward.y_hat")], symbolic: "ŷ = σ(z)", substituted: "σ(5)", result: "0.9933")
    let gradient = EquationLine(phase: .backward, keys: [key("backward.dL_dyhat")], symbolic: "∂L/∂ŷ = −2(y − ŷ)")

    func testHeadingsWrapHighlightAndDim() {
        // "z = W·x + b = (1)(0) + (2)(1) + 3 = 5" is 37 long: a formula breaks before an "=", so
        // the substituted form starts the second row, indented two.
        let widget = EquationsWidget(lines: [z, yHat, gradient], current: key("forward.y_hat"))
        let buffer = render(widget, width: 32, height: 10, area: Rect(x: 1, y: 1, width: 30, height: 8))
        assertLines(buffer, [
            "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
            "~forward                       ~",
            "~z = W·x + b                   ~",
            "~  = (1)(0) + (2)(1) + 3 = 5   ~",
            "~ŷ = σ(z) = σ(5) = 0.9933      ~",
            "~backward                      ~",
            "~∂L/∂ŷ = −2(y − ŷ)             ~",
            "~                              ~",
            "~                              ~",
            "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
        ])
        // The current line is highlighted across the whole width, and only it.
        for x in 1...30 { XCTAssertEqual(buffer[x, 4].style, .highlight, "column \(x)") }
        XCTAssertEqual(buffer[1, 2].style, .plain)
        XCTAssertEqual(buffer[3, 3].style, .plain)
        // Not computed yet: dim. Headings: bold and underlined.
        XCTAssertEqual(buffer[1, 6].style, .dim)
        XCTAssertTrue(buffer[1, 1].style.bold && buffer[1, 1].style.underline)
    }

    func testUncomputedLineShowsOnlyItsSymbolicForm() {
        // Substituted is known but the result is not: only "z = W·x + b" shows.
        var pending = z
        pending.result = nil
        let buffer = render(EquationsWidget(lines: [pending], current: nil, headings: false), width: 14, height: 1,
                            area: Rect(x: 0, y: 0, width: 14, height: 1))
        assertLines(buffer, ["z = W·x + b   "])
        XCTAssertEqual(buffer[0, 0].style, .dim)
    }

    func testInputsLineDropsItsEmptyResult() {
        let inputs = EquationLine(
            phase: .forward, keys: [key("forward.x"), key("forward.b")],
            symbolic: "x = (0, 1), b = 3", result: "")
        let buffer = render(EquationsWidget(lines: [inputs], current: key("forward.b"), headings: false), width: 20, height: 1,
                            area: Rect(x: 0, y: 0, width: 20, height: 1))
        assertLines(buffer, ["x = (0, 1), b = 3   "])
    }

    func testScrollsToKeepTheCurrentLineInView() {
        // At width 30 without headings the rows are: z (2 rows), ŷ (1), and the gradient, whose
        // 44-character text breaks before its second "=": 2 rows. Five rows, three in view; a view
        // under 6 rows has no room for "more lines" notes.
        var computed = gradient
        computed.result = "−0.0134"
        computed.substituted = "−2(1 − 0.9933)"
        let lines = [z, yHat, computed]
        let last = render(EquationsWidget(lines: lines, current: key("backward.dL_dyhat")), width: 30, height: 3,
                          area: Rect(x: 0, y: 0, width: 30, height: 3))
        assertLines(last, [
            "ŷ = σ(z) = σ(5) = 0.9933      ",
            "∂L/∂ŷ = −2(y − ŷ)             ",
            "  = −2(1 − 0.9933) = −0.0134  ",
        ])
        // The first line current: no scrolling.
        let first = render(EquationsWidget(lines: lines, current: key("forward.z")), width: 30, height: 3,
                           area: Rect(x: 0, y: 0, width: 30, height: 3))
        assertLines(first, [
            "z = W·x + b                   ",
            "  = (1)(0) + (2)(1) + 3 = 5   ",
            "ŷ = σ(z) = σ(5) = 0.9933      ",
        ])
        // Scrolling never opens on a continuation row: with the ŷ line current in 2 rows the view
        // would start at z's second row, so it moves on to the ŷ line itself.
        let middle = render(EquationsWidget(lines: lines, current: key("forward.y_hat")), width: 30, height: 2,
                            area: Rect(x: 0, y: 0, width: 30, height: 2))
        assertLines(middle, [
            "ŷ = σ(z) = σ(5) = 0.9933      ",
            "∂L/∂ŷ = −2(y − ŷ)             ",
        ])
        // Taller than the view: its first row shows.
        let one = render(EquationsWidget(lines: lines, current: key("backward.dL_dyhat")), width: 30, height: 1,
                         area: Rect(x: 0, y: 0, width: 30, height: 1))
        assertLines(one, ["∂L/∂ŷ = −2(y − ŷ)             "])
        // Six rows or more: the rows out of view are counted. Ten lines of ŷ, the 8th current:
        // rows 4–7 show (0-based; four rows between the two notes), 4 above and 2 below.
        let many = (0..<10).map { i in
            EquationLine(phase: .forward, keys: [key(i == 7 ? "forward.y_hat" : "forward.z")], symbolic: "line \(i)", result: "")
        }
        let scrolled = render(EquationsWidget(lines: many, current: key("forward.y_hat"), headings: false), width: 30, height: 6,
                              area: Rect(x: 0, y: 0, width: 30, height: 6))
        XCTAssertEqual(scrolled.lines.map { $0.trimmingCharacters(in: .whitespaces) },
                       ["↑ 4 more lines above", "line 4", "line 5", "line 6", "line 7", "↓ 2 more lines below"])
    }

    func testMistakesAreMarkedWithTheirCorrectForm() {
        var buggy = gradient
        buggy.mistake = "✗ minus sign dropped; correct: −2(y − ŷ) = −0.0134"
        let widget = EquationsWidget(lines: [buggy], current: key("backward.dL_dyhat"), color: true, headings: false)
        let buffer = render(widget, width: 30, height: 5, area: Rect(x: 0, y: 0, width: 30, height: 5))
        // The mistake wraps to 28 columns with a further indent, then shifts 2 right; it is prose,
        // so it breaks as words do, never inside the correct formula.
        assertLines(buffer, [
            "∂L/∂ŷ = −2(y − ŷ)             ",
            "  ✗ minus sign dropped;       ",
            "    correct:                  ",
            "    −2(y − ŷ) = −0.0134       ",
            "                              ",
        ])
        XCTAssertEqual(buffer[0, 0].style, Style(foreground: .yellow, bold: true, reverse: true))
        XCTAssertEqual(buffer[2, 1].style, Style(foreground: .red, bold: true))
        // Not the current line, with room: the mistake is still spelled out (every differing line is marked).
        let roomy = render(EquationsWidget(lines: [buggy], current: nil, headings: false), width: 30, height: 5,
                           area: Rect(x: 0, y: 0, width: 30, height: 5))
        XCTAssertEqual(roomy.line(1), "  ✗ minus sign dropped;       ")
        // Not the current line and no room: only a ✗ mark after the equation.
        let elsewhere = render(EquationsWidget(lines: [buggy], current: nil, headings: false), width: 20, height: 2,
                               area: Rect(x: 0, y: 0, width: 20, height: 2))
        assertLines(elsewhere, ["∂L/∂ŷ = −2(y − ŷ) ✗ ", "                    "])
    }

    func testASCII() {
        let widget = EquationsWidget(lines: [yHat, gradient], current: nil, ascii: true)
        let buffer = render(widget, width: 36, height: 4, area: Rect(x: 0, y: 0, width: 36, height: 4))
        assertLines(buffer, [
            "forward                             ",
            "y_hat = sigma(z) = sigma(5) = 0.9933",
            "backward                            ",
            "dL/dy_hat = -2(y - y_hat)           ",
        ])
    }

    func testTinyAreas() {
        let widget = EquationsWidget(lines: [z, yHat, gradient], current: key("forward.z"))
        assertSafeInTinyAreas(widget)
        assertSafeInTinyAreas(EquationsWidget(lines: [], current: nil))
        // 1×1: the current line's first character, highlighted.
        let one = render(widget, width: 3, height: 3, area: Rect(x: 1, y: 1, width: 1, height: 1))
        assertLines(one, ["~~~", "~z~", "~~~"])
        XCTAssertEqual(one[1, 1].style, .highlight)
    }
}
