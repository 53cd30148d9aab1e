import Foundation
import NNCore
import XCTest

@testable import NNLessons

/// Rules every shipped lesson keeps, checked over the whole course: no question is asked with its
/// answer already on screen, no number in what a learner reads is typed by hand, no text names a
/// panel that the stop does not put on screen, and the course is grouped and summarised.
final class CourseRulesTests: XCTestCase {
    /// Every shipped lesson, trained as the checker trains it, with its stops' events.
    nonisolated(unsafe) static let runs: [(name: String, lesson: Lesson, recorder: TraceRecorder, positions: [Int?])] = {
        BuiltInCourse.lessons.compactMap { entry in
            guard let lesson = LessonParser.parse(text: entry.text, path: "lessons/" + entry.name).0 else { return nil }
            let (recorder, positions, _) = LessonChecker.run(lesson)
            return (entry.name, lesson, recorder, positions)
        }
    }()

    func testEveryLessonParsesAndReachesEveryStop() {
        XCTAssertEqual(Self.runs.count, BuiltInCourse.lessons.count, "every shipped lesson parses")
        for run in Self.runs {
            XCTAssertFalse(run.positions.contains(nil), "\(run.name): unreached stops")
        }
    }

    // MARK: Predict, then reveal

    /// A question is asked at the event just before its stop (as the walkthrough and the handout
    /// do); its answer must not be on screen then.
    func testNoQuestionIsAskedWithItsAnswerOnScreen() {
        var asked = 0
        for run in Self.runs {
            for (stop, position) in zip(run.lesson.stops, run.positions) {
                guard stop.question != nil, let position else { continue }
                asked += 1
                let atStop = run.recorder.snapshot(at: position)
                let before = run.recorder.snapshot(at: max(0, position - 1))
                XCTAssertFalse(AnswerVisibility.isVisible(stop, asked: before, stopEvent: atStop),
                               "\(run.name) stop '\(stop.id)': the answer is on screen before the question is answered")
            }
        }
        XCTAssertGreaterThan(asked, 40, "the course asks questions")
    }

    /// The three stops the issue named bind before the update they ask about.
    func testUpdateQuestionsBindBeforeTheUpdateIsShown() throws {
        for (name, id) in [("03-chain-rule.md", "update"), ("13-backprop-two-layers.md", "update")] {
            let run = try XCTUnwrap(Self.runs.first { $0.name == name })
            let index = try XCTUnwrap(run.lesson.stops.firstIndex { $0.id == id })
            let stop = run.lesson.stops[index]
            guard case .point(let point) = stop.trigger else { return XCTFail("\(name) \(id) is bound to a point") }
            XCTAssertEqual(point.entry.phase, .update)
            XCTAssertEqual(point.entry.quantity, .weights, "\(name) \(id) binds to the weights' update, the first one published")
        }
        // Lesson 6 no longer asks which corners are and's 1s once every point is right: the boundary
        // panel marks each point's class, so that answer is always on screen. It asks at the start
        // which way b must go, which only training shows.
        let six = try XCTUnwrap(Self.runs.first { $0.name == "06-decision-boundary.md" })
        XCTAssertEqual(six.lesson.stops[0].question?.kind, .direction)
        XCTAssertEqual(six.recorder.event(at: try XCTUnwrap(six.positions[0])).epoch, 0)
        XCTAssertFalse(six.lesson.stops.contains { $0.question?.options.contains("only (1, 1)") == true })
    }

    // MARK: Every number a reference

    /// Numbers a learner reads in a stop's text, its question, feedback and hint that were typed:
    /// with a decimal point, or three or more significant digits. Skipped: `{{…}}` values, code
    /// spans (commands such as `--lr 0.001`), and digits right after a letter (x1, W2).
    static func typedNumbers(_ text: String) -> [String] {
        let stripped = text
            .replacingOccurrences(of: #"\{\{[^}]*\}\}"#, with: " ", options: .regularExpression)
            .replacingOccurrences(of: #"`[^`]*`"#, with: " ", options: .regularExpression)
        let regex = try! NSRegularExpression(pattern: #"(?<![\p{L}\d_.])\d+(?:\.\d+)?"#)
        let ns = stripped as NSString
        return regex.matches(in: stripped, range: NSRange(location: 0, length: ns.length)).compactMap { match in
            let token = ns.substring(with: match.range)
            if token.contains(".") { return allowed.contains(token) ? nil : token }
            let significant = token.drop { $0 == "0" }.reversed().drop { $0 == "0" }
            return significant.count >= 3 ? token : nil
        }
    }

    /// Constants of the sigmoid, stated as facts of σ rather than results of a run: σ(0) = 0.5
    /// (also the classification threshold) and the largest slope σ′(0) = 0.25. Learning rates are
    /// written as η, 10⁻³ or in code spans.
    static let allowed: Set<String> = ["0.5", "0.25"]

    func testTypedNumbersAreFoundLikeTheChecker() {
        XCTAssertEqual(Self.typedNumbers("b went from 0.2790 to {{update.b}}, epoch 612, x1 = 0.3, σ(0) = 0.5"), ["0.2790", "612", "0.3"])
        XCTAssertEqual(Self.typedNumbers("After 1000 epochs, `--lr 0.001`, 4 · 0.25 = 1, 10⁻⁶, W2 2-4-4-4-1."), [])
    }

    func testEveryNumberALearnerReadsInAStopIsAReference() {
        for run in Self.runs {
            for stop in run.lesson.stops {
                var texts = [("narrative", stop.narrative)]
                var inFence = false
                texts[0].1 = stop.narrative.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
                    if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle(); return false }
                    return !inFence
                }.joined(separator: "\n")
                if let q = stop.question {
                    texts += [("ask", q.prompt), ("feedback", q.feedback ?? ""), ("hint", q.hint ?? "")]
                }
                for (part, text) in texts {
                    XCTAssertEqual(Self.typedNumbers(text), [], "\(run.name) stop '\(stop.id)' \(part)")
                }
            }
        }
    }

    // MARK: Panels and parts

    /// At narrow sizes one panel sits beside the lesson: the diagram, unless the stop asks for the
    /// boundary or the loss. Text that sends the learner to a panel must be at a stop that shows it.
    func testTextNamesOnlyPanelsThatAreOnScreen() {
        for run in Self.runs {
            for stop in run.lesson.stops {
                let text = [stop.narrative, stop.question?.prompt ?? "", stop.question?.hint ?? ""].joined(separator: " ").lowercased()
                if text.contains("boundary panel") {
                    XCTAssertEqual(stop.panel, .boundary, "\(run.name) '\(stop.id)' names the boundary panel")
                }
                if text.contains("loss panel") {
                    XCTAssertEqual(stop.panel, .loss, "\(run.name) '\(stop.id)' names the loss panel")
                }
                if text.contains("diagram") {
                    XCTAssertTrue(stop.panel == nil || stop.panel == .diagram, "\(run.name) '\(stop.id)' names the diagram")
                }
            }
        }
    }

    func testLessonsAreGroupedAndTheNewOnesSummarised() {
        for run in Self.runs {
            let number = Int(run.name.prefix(2)) ?? 0
            XCTAssertEqual(run.lesson.part, number <= 11 ? "the notebook" : "beyond the notebook", run.name)
            if number >= 14 {
                XCTAssertFalse(run.lesson.keyPoints.isEmpty, "\(run.name) has key points")
                XCTAssertTrue(run.lesson.stops.contains { $0.experiment != nil }, "\(run.name) offers an experiment")
                XCTAssertTrue(run.lesson.stops.contains { $0.question != nil }, "\(run.name) asks a question")
            }
        }
    }

    /// Every experiment's values are settings the lesson can run with, and each differs from the
    /// lesson's own in that setting or is the lesson's own value (to go back).
    func testEveryExperimentRunsWithEachOfItsValues() throws {
        for run in Self.runs {
            for stop in run.lesson.stops {
                guard let experiment = stop.experiment else { continue }
                XCTAssertGreaterThanOrEqual(experiment.values.count, 2, "\(run.name) '\(stop.id)'")
                for value in experiment.values {
                    let variant = try experiment.variant(of: run.lesson.setup, value: value).get()
                    XCTAssertNotEqual(variant.epochs, 0)
                }
            }
        }
    }

    /// Text meant for lesson authors is not shown to learners: setup keys as written in a file.
    func testNoAuthorSyntaxInLearnerText() {
        let authorOnly = ["(bugs:", "`bugs:", "`hidden:", "mode corrected +", "`mode:", "`lr:", "`init:"]
        for run in Self.runs {
            let texts = [run.lesson.intro] + run.lesson.stops.flatMap { [$0.narrative, $0.question?.prompt ?? "", $0.question?.feedback ?? ""] }
            for text in texts {
                for phrase in authorOnly {
                    XCTAssertFalse(text.contains(phrase), "\(run.name): '\(phrase)' in learner text")
                }
            }
        }
    }
}
