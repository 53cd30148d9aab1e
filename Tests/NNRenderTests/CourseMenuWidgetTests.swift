import NNRender
import XCTest

final class CourseMenuWidgetTests: XCTestCase {
    func entries(_ count: Int) -> [CourseEntry] {
        (1...count).map { n in
            CourseEntry(number: n, title: "Lesson \(n)", completed: n == 2, detail: "\(n) stops",
                        part: n <= 3 ? "the notebook" : "beyond the notebook")
        }
    }

    func testPartsHeadTheirLessons() {
        // Each lesson row: pointer, mark, the number right-aligned in 2, two spaces, the title;
        // the detail right-aligned after two spaces (40 − 9 = 31 columns for the rest).
        let widget = CourseMenuWidget(title: "course", entries: entries(5), selected: 0, description: "Intro.", footer: "keys", ascii: true)
        let buffer = render(widget, width: 40, height: 16, area: Rect(x: 0, y: 0, width: 40, height: 16))
        XCTAssertEqual(Array(buffer.lines.prefix(11)).map { $0.trimmingCharacters(in: .whitespaces) }, [
            "course", "",
            "the notebook",
            ">[ ] 1  Lesson 1                 1 stops",
            "[x] 2  Lesson 2                 2 stops",
            "[ ] 3  Lesson 3                 3 stops",
            "beyond the notebook",
            "[ ] 4  Lesson 4                 4 stops",
            "[ ] 5  Lesson 5                 5 stops",
            "",
            "Intro.",
        ])
    }

    func testTheListScrollsToTheSelectedLesson() {
        // 12 rows: title, blank, then at most 12 − 1 − 2 − 5 = 4 list rows, leaving room for the
        // introduction. Lesson 5 selected: its part's heading and lessons 4 and 5 are in view.
        let widget = CourseMenuWidget(title: "course", entries: entries(6), selected: 4, description: "Five.", footer: "keys", ascii: true)
        let buffer = render(widget, width: 40, height: 12, area: Rect(x: 0, y: 0, width: 40, height: 12))
        let list = buffer.lines[2..<6].map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertTrue(list.contains(">[ ] 5  Lesson 5                 5 stops"), "\(list)")
        XCTAssertFalse(list.contains { $0.contains("Lesson 1") }, "\(list)")
        XCTAssertTrue(buffer.lines.contains { $0.hasPrefix("Five.") })
    }
}
