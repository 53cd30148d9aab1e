import NNRender
import XCTest

final class HelpOverlayWidgetTests: XCTestCase {
    let entries: [(keys: String, action: String)] = [("space", "next step"), ("q", "quit")]

    func testCentredBoxOverTheScreen() {
        // Content 1 + 5 + 2 + 9 + 1 = 18 wide, box 20×4, centred in 30×8 at (5, 2).
        let buffer = render(HelpOverlayWidget(entries: entries, title: "help"), width: 30, height: 8,
                            area: Rect(x: 0, y: 0, width: 30, height: 8))
        assertLines(buffer, [
            "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
            "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
            "~~~~~┌─ help ───────────┐~~~~~",
            "~~~~~│ space  next step │~~~~~",
            "~~~~~│ q      quit      │~~~~~",
            "~~~~~└──────────────────┘~~~~~",
            "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
            "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
        ])
        XCTAssertTrue(buffer[7, 3].style.bold)
        XCTAssertFalse(buffer[13, 3].style.bold)
    }

    func testTooManyEntriesEndInAnEllipsisASCII() {
        // 4 rows of 6: inner height 2, so one entry and "...".
        let more = entries + [("?", "help")]
        let buffer = render(HelpOverlayWidget(entries: more, title: "keys", ascii: true), width: 22, height: 4,
                            area: Rect(x: 0, y: 0, width: 22, height: 4))
        assertLines(buffer, [
            "+- keys -----------+~~",
            "| space  next step |~~",
            "| ...              |~~",
            "+------------------+~~",
        ].map { "~" + $0.dropLast() })
    }

    func testNarrowAreaCutsActions() {
        // The box is clipped to the 12 columns; actions are cut with "…".
        let buffer = render(HelpOverlayWidget(entries: entries, title: "help"), width: 12, height: 4,
                            area: Rect(x: 0, y: 0, width: 12, height: 4))
        assertLines(buffer, [
            "┌─ help ───┐",
            "│ space  n…│",
            "│ q      q…│",
            "└──────────┘",
        ])
    }

    func testTinyAreas() {
        assertSafeInTinyAreas(HelpOverlayWidget(entries: entries, title: "help"))
        assertSafeInTinyAreas(HelpOverlayWidget(entries: [], title: ""))
        // 1×1: cleared, too small for a box.
        let one = render(HelpOverlayWidget(entries: entries, title: "help"), width: 3, height: 3,
                         area: Rect(x: 1, y: 1, width: 1, height: 1))
        assertLines(one, ["~~~", "~ ~", "~~~"])
    }
}
