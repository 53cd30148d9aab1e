import NNRender
import XCTest

/// The lesson panel's footer: the keys always readable, even in a narrow panel with more text.
final class LessonPanelWidgetTests: XCTestCase {
    func footer(_ widget: LessonPanelWidget, width: Int, height: Int) -> String {
        let buffer = render(widget, width: width, height: height, area: Rect(x: 0, y: 0, width: width, height: height))
        return String((0..<width).map { buffer[$0, height - 1].character }).trimmingCharacters(in: .whitespaces)
    }

    let long = Array(repeating: "Words that fill the panel and more.", count: 12).joined(separator: " ")

    func testAWidePanelSaysHowToScroll() {
        let widget = LessonPanelWidget(heading: "Stop 1", body: long, footer: "Enter check · Esc answer")
        XCTAssertEqual(footer(widget, width: 60, height: 6), "↓ more: PgDn  Enter check · Esc answer")
    }

    func testANarrowPanelKeepsTheKeysWholeAndTheArrow() {
        // "↓ more: PgDn  Enter check · Esc answer" is 38 columns: at 31 the hint shrinks to its arrow.
        let widget = LessonPanelWidget(heading: "Stop 1", body: long, footer: "Enter check · Esc answer")
        XCTAssertEqual(footer(widget, width: 31, height: 6), "↓ Enter check · Esc answer")
        // Scrolled into the middle: both arrows; the middle key goes before the first and last.
        let middle = LessonPanelWidget(heading: "Stop 1", body: long, footer: "t try lr · ] next stop · m course", scroll: 3)
        XCTAssertEqual(footer(middle, width: 24, height: 6), "↑↓ t try lr · m course")
    }
}
