import NNCore
import NNRender
import XCTest

final class StatusBarWidgetTests: XCTestCase {
    let items = ["epoch 3/100", "sample 2/4", "backward", "step 5 of 13"]

    func testItemsThenHintAtTheRight() {
        // " epoch 3/100 │ sample 2/4 │ backward │ step 5 of 13" is 51; the hint (9) ends one before the
        // right edge, at column 54..62, leaving 3 spaces between.
        let widget = StatusBarWidget(items: items, hint: "? help  q", ascii: false)
        let buffer = render(widget, width: 64, height: 3, area: Rect(x: 0, y: 1, width: 64, height: 1))
        assertLines(buffer, [
            String(repeating: "~", count: 64),
            " epoch 3/100 │ sample 2/4 │ backward │ step 5 of 13   ? help  q ",
            String(repeating: "~", count: 64),
        ])
        XCTAssertTrue(buffer[0, 1].style.reverse)
        XCTAssertTrue(buffer[63, 1].style.reverse)
        XCTAssertTrue(buffer[54, 1].style.bold)
        XCTAssertFalse(buffer[1, 1].style.bold)
    }

    func testDropsLeastImportantItemsWholeAndTheHint() {
        // " epoch 3/100 | sample 2/4" is 25; adding " | backward" would make 36 > 30.
        let widget = StatusBarWidget(items: items, hint: "? help", ascii: true)
        let buffer = render(widget, width: 30, height: 1, area: Rect(x: 0, y: 0, width: 30, height: 1))
        assertLines(buffer, [" epoch 3/100 | sample 2/4     "])
    }

    func testFirstItemTooLongIsCut() {
        let widget = StatusBarWidget(items: items)
        let buffer = render(widget, width: 8, height: 1, area: Rect(x: 0, y: 0, width: 8, height: 1))
        assertLines(buffer, [" epoch …"])
    }

    func testStandardItems() {
        let items = StatusBarWidget.standardItems(
            epoch: 2, epochs: 100, sample: 1, samples: 4, phase: .backward, step: 5, steps: 13,
            learningRate: 0.1, mode: "notebook")
        XCTAssertEqual(items, ["epoch 3/100", "sample 2/4", "backward", "step 5 of 13", "η 0.1", "notebook"])
        XCTAssertEqual(
            StatusBarWidget.standardItems(epoch: 0, epochs: nil, sample: nil, samples: nil, phase: nil,
                                          step: nil, steps: nil, learningRate: nil, mode: nil),
            ["epoch 1"])
        XCTAssertEqual(
            StatusBarWidget.standardItems(epoch: nil, epochs: nil, sample: nil, samples: nil, phase: nil,
                                          step: nil, steps: nil, learningRate: 0.001, mode: nil),
            ["η 0.001"])
        // η becomes "lr" under ASCII.
        let buffer = render(StatusBarWidget(items: ["η 0.1"], ascii: true), width: 8, height: 1, area: Rect(x: 0, y: 0, width: 8, height: 1))
        assertLines(buffer, [" lr 0.1 "])
    }

    func testExtraRowsAreCleared() {
        let buffer = render(StatusBarWidget(items: ["a"]), width: 4, height: 2, area: Rect(x: 0, y: 0, width: 4, height: 2))
        assertLines(buffer, [" a  ", "    "])
        XCTAssertFalse(buffer[0, 1].style.reverse)
    }

    func testTinyAreas() {
        assertSafeInTinyAreas(StatusBarWidget(items: items, hint: "q quit"))
        assertSafeInTinyAreas(StatusBarWidget(items: []))
        let one = render(StatusBarWidget(items: items), width: 3, height: 3, area: Rect(x: 1, y: 1, width: 1, height: 1))
        assertLines(one, ["~~~", "~…~", "~~~"])
    }
}
