import Foundation
import NNCore
import XCTest

@testable import NNLessons

/// `lesson check` warns about numbers typed into what a learner reads at a stop. Every expected
/// line number is counted by hand from the text below.
final class TypedNumberWarningTests: XCTestCase {
    func messages(_ text: String) -> [String] {
        LessonChecker.check(text: text, path: "t.md").map(\.description)
    }

    func warning(_ line: Int, _ number: String, _ stop: String) -> String {
        "t.md:\(line): warning: typed number \(number) in stop '\(stop)': show a value of the run as {{…}} so it always matches what the learner sees"
    }

    let lesson = """
        ---
        id: t
        title: Typed numbers
        dataset: notebook
        lr: 0.5
        epochs: 1
        ---

        The intro may say η = 0.001: it is shown before any value exists.

        ## Sum
        id: sum
        at: epoch 0, sample 0, phase forward, value y_hat

        z = {{z}}, about 0.5979, in epoch 123 of 1000.
        The command `nn-tutor --lr 0.001` and x1 = {{x[0]}} are fine; so is σ(0) = 0.5 and 0.25.

        ```text
        0.5979 inside fenced code is code
        ```

        ### Question
        kind: number
        ask: With z = 0.5979, what is ŷ?
        answer: 0.6452
        tolerance: 0.005
        hint: e^(−{{z}}) is about 0.55.
        feedback: ŷ = {{y_hat}}.

        ## Key points

        - 0.6452 in the key points is a summary, not a stop.
        """

    func testTypedNumbersInStopsAreWarnedWithTheirLines() {
        XCTAssertEqual(messages(lesson), [
            warning(15, "0.5979", "sum"),
            warning(15, "123", "sum"),
            warning(24, "0.5979", "sum"),
            warning(27, "0.55", "sum"),
        ])
    }

    func testAWarningDoesNotStopTheLessonFromParsing() throws {
        let (parsed, diagnostics) = LessonParser.parse(text: lesson, path: "t.md")
        XCTAssertNotNil(parsed)
        XCTAssertEqual(diagnostics, [])
        XCTAssertTrue(LessonChecker.check(text: lesson, path: "t.md").allSatisfy(\.isWarning))
        // The same through the bytes of a file.
        XCTAssertEqual(LessonChecker.check(data: Data(lesson.utf8), path: "t.md").count, 4)
    }

    func testReferencesInsteadOfTypedNumbersCheckClean() {
        let clean = lesson
            .replacingOccurrences(of: "about 0.5979, in epoch 123 of 1000.", with: "in epoch {{epoch}} of 1000.")
            .replacingOccurrences(of: "ask: With z = 0.5979, what is ŷ?", with: "ask: With z = {{z}}, what is ŷ?")
            .replacingOccurrences(of: "is about 0.55.", with: "comes first.")
        XCTAssertEqual(messages(clean), [])
    }

    func testWhatCountsAsATypedNumber() {
        XCTAssertEqual(TypedNumbers.find(in: "0.2790 and −1.25 and 4.908e−04"), ["0.2790", "1.25", "4.908"])
        XCTAssertEqual(TypedNumbers.find(in: "epochs 612 and 2842, but 100, 1000, 10000 and 23 are round or small"), ["612", "2842"])
        XCTAssertEqual(TypedNumbers.find(in: "x1, W2, dL_dW1, b2 and 2-4-4-4-1 are names; 10⁻⁶ is written out"), [])
        XCTAssertEqual(TypedNumbers.find(in: "{{update.W[1]}} and `--lr 0.001` and `123`"), [])
        XCTAssertEqual(TypedNumbers.find(in: "σ(0) = 0.5 and σ′(0) = 0.25 but not 0.75"), ["0.75"])
        XCTAssertEqual(TypedNumbers.find(in: "epoch 23. Then 0.5."), [])
        XCTAssertEqual(TypedNumbers.find(in: "an unclosed {{z and 0.3"), [])
    }
}
