import NNRender
import XCTest

final class FrameTests: XCTestCase {
    func testBoxWithTitle() {
        let buffer = render(Frame(title: "loss"), width: 12, height: 5, area: Rect(x: 1, y: 1, width: 10, height: 3))
        assertLines(buffer, [
            "~~~~~~~~~~~~",
            "~┌─ loss ─┐~",
            "~│~~~~~~~~│~",
            "~└────────┘~",
            "~~~~~~~~~~~~",
        ])
        XCTAssertTrue(buffer[4, 1].style.bold)
    }

    func testASCIIAndLongTitle() {
        // Room for the title is width − 6 = 5: "de" and "...". ŷ would be "y_hat" under ASCII.
        let buffer = render(Frame(title: "decision ŷ", ascii: true), width: 11, height: 3, area: Rect(x: 0, y: 0, width: 11, height: 3))
        assertLines(buffer, [
            "+- de... -+",
            "|~~~~~~~~~|",
            "+---------+",
        ])
        let fits = render(Frame(title: "ŷ", ascii: true), width: 11, height: 2, area: Rect(x: 0, y: 0, width: 11, height: 2))
        assertLines(fits, ["+- y_hat -+", "+---------+"])
    }

    func testNarrowFramesShortenTheTitle() {
        let buffer = render(Frame(title: "equations"), width: 8, height: 2, area: Rect(x: 0, y: 0, width: 8, height: 2))
        assertLines(buffer, ["┌─ e… ─┐", "└──────┘"])
        // Under 7 columns the title loses its dashes: width 6 leaves room for 2.
        let narrow = render(Frame(title: "equations"), width: 6, height: 2, area: Rect(x: 0, y: 0, width: 6, height: 2))
        assertLines(narrow, ["┌ e… ┐", "└────┘"])
    }

    func testInner() {
        XCTAssertEqual(Frame.inner(of: Rect(x: 2, y: 3, width: 10, height: 5)), Rect(x: 3, y: 4, width: 8, height: 3))
        XCTAssertTrue(Frame.inner(of: Rect(x: 0, y: 0, width: 2, height: 2)).isEmpty)
        XCTAssertTrue(Frame.inner(of: Rect(x: 0, y: 0, width: 1, height: 1)).isEmpty)
    }

    func testTinyAreas() {
        assertSafeInTinyAreas(Frame(title: "x"))
        let one = render(Frame(title: "x"), width: 3, height: 3, area: Rect(x: 1, y: 1, width: 1, height: 1))
        assertLines(one, ["~~~", "~~~", "~~~"])
        let two = render(Frame(title: "title"), width: 4, height: 4, area: Rect(x: 1, y: 1, width: 2, height: 2))
        assertLines(two, ["~~~~", "~┌┐~", "~└┘~", "~~~~"])
    }
}
