import NNRender
import NNTestSupport
import XCTest

/// The character every test buffer starts filled with, so stray or missing cells show in a diff.
let sentinel: Character = "~"

/// Renders `widget` into `area` of a `width`×`height` buffer filled with the sentinel.
func render(_ widget: some Widget, width: Int, height: Int, area: Rect) -> Buffer {
    var buffer = Buffer(width: width, height: height, fill: Cell(sentinel))
    widget.render(into: &buffer, area: area)
    return buffer
}

/// Compares the whole buffer, line by line, so the failure message shows the frame.
func assertLines(_ buffer: Buffer, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(
        buffer.lines, expected,
        "\nactual:\n\(buffer.lines.joined(separator: "\n"))\nexpected:\n\(expected.joined(separator: "\n"))",
        file: file, line: line)
}

/// Every cell outside `area` still holds the sentinel, unstyled.
func assertUntouched(outside area: Rect, of buffer: Buffer, file: StaticString = #filePath, line: UInt = #line) {
    for y in 0..<buffer.height {
        for x in 0..<buffer.width where !area.contains(x: x, y: y) {
            if buffer[x, y] != Cell(sentinel) {
                XCTFail("cell (\(x),\(y)) outside \(area) was written: \(buffer[x, y])", file: file, line: line)
                return
            }
        }
    }
}

/// Zero-size and 1×1 areas: nothing outside is written, and a 0×0 area writes nothing at all.
func assertSafeInTinyAreas(_ widget: some Widget, file: StaticString = #filePath, line: UInt = #line) {
    let empty = render(widget, width: 3, height: 3, area: Rect(x: 1, y: 1, width: 0, height: 0))
    assertLines(empty, ["~~~", "~~~", "~~~"], file: file, line: line)
    let offBuffer = render(widget, width: 3, height: 3, area: Rect(x: 5, y: 5, width: 4, height: 4))
    assertLines(offBuffer, ["~~~", "~~~", "~~~"], file: file, line: line)
    let one = render(widget, width: 3, height: 3, area: Rect(x: 1, y: 1, width: 1, height: 1))
    assertUntouched(outside: Rect(x: 1, y: 1, width: 1, height: 1), of: one, file: file, line: line)
    // Partly outside the buffer: clipped, never trapped.
    let partly = render(widget, width: 3, height: 3, area: Rect(x: 2, y: 2, width: 40, height: 20))
    assertUntouched(outside: Rect(x: 2, y: 2, width: 1, height: 1), of: partly, file: file, line: line)
}
