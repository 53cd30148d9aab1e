import Foundation
import XCTest
import NNCore
import NNLessons
@testable import NNPlain

/// The handout (`--plain --lesson X`): every stop, question and answer on paper, in trace order.
final class HandoutTests: XCTestCase {
    func handout(_ lesson: Lesson, ascii: Bool = false, every: Int? = nil) -> String {
        let sink = OutputSink.memory()
        Handout(lesson: lesson, sink: sink, ascii: ascii, every: every).run()
        return sink.text
    }

    func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The literal pieces of a text between its `{{…}}` references, line by line (what must appear verbatim).
    func literalFragments(_ text: String) -> [String] {
        var fragments: [String] = []
        for line in text.split(separator: "\n") {
            var rest = Substring(line)
            while let open = rest.range(of: "{{") {
                fragments.append(String(rest[..<open.lowerBound]))
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                rest = rest[close.upperBound...]
            }
            fragments.append(String(rest))
        }
        return fragments.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count >= 3 }
    }

    /// The index of the first line at or after `start` that contains `text`.
    func index(of text: String, in lines: [String], from start: Int = 0) -> Int? {
        guard start < lines.count else { return nil }
        return lines[start...].firstIndex { $0.contains(text) }
    }

    func testTheCourseIsThere() {
        XCTAssertGreaterThanOrEqual(Course.load().count, 8)
    }

    func testEveryShippedLessonHasEveryStopQuestionAndAnswerInOrder() throws {
        for lesson in Course.load() {
            let text = handout(lesson)
            let all = lines(text)
            XCTAssertEqual(all.first, "Lesson: \(lesson.title)", lesson.id)
            for fragment in literalFragments(lesson.intro) {
                XCTAssertTrue(text.contains(fragment), "\(lesson.id) intro: '\(fragment)'")
            }
            XCTAssertFalse(text.contains("was not reached"), lesson.id)
            var cursor = 0
            for (i, stop) in lesson.stops.enumerated() {
                let heading = "Stop \(i + 1) of \(lesson.stops.count): \(stop.title)"
                guard let start = index(of: heading, in: all, from: cursor) else {
                    XCTFail("\(lesson.id): '\(heading)' missing or out of order")
                    break
                }
                let end = index(of: "Stop \(i + 2) of ", in: all, from: start + 1) ?? all.count
                let block = all[start..<end].joined(separator: "\n")
                for fragment in literalFragments(stop.narrative) {
                    XCTAssertTrue(block.contains(fragment), "\(lesson.id)/\(stop.id) narrative: '\(fragment)'")
                }
                XCTAssertFalse(block.contains("{{"), "\(lesson.id)/\(stop.id): a reference left unrendered")
                XCTAssertFalse(block.contains(NarrativeRenderer.missing), "\(lesson.id)/\(stop.id): a value shown as missing")
                if let question = stop.question {
                    let blockLines = Array(all[start..<end])
                    let q = try XCTUnwrap(blockLines.firstIndex { $0.hasPrefix("  Question: ") }, "\(lesson.id)/\(stop.id)")
                    let a = try XCTUnwrap(blockLines.firstIndex { $0.hasPrefix("  Answer: ") }, "\(lesson.id)/\(stop.id)")
                    XCTAssertLessThan(q, a, "\(lesson.id)/\(stop.id): the answer comes after the question")
                    XCTAssertTrue(blockLines[q + 1..<a].contains(""), "\(lesson.id)/\(stop.id): a blank line between question and answer")
                    for fragment in literalFragments(question.prompt) {
                        XCTAssertTrue(blockLines[q].contains(fragment), "\(lesson.id)/\(stop.id) ask: '\(fragment)'")
                    }
                    if let expected = Self.fixedAnswer(question) {
                        XCTAssertEqual(blockLines[a], "  Answer: " + expected, "\(lesson.id)/\(stop.id)")
                    }
                    for fragment in literalFragments(question.feedback ?? "") + literalFragments(question.hint ?? "") {
                        XCTAssertTrue(block.contains(fragment), "\(lesson.id)/\(stop.id) feedback/hint: '\(fragment)'")
                    }
                }
                cursor = start + 1
            }
            XCTAssertTrue(text.contains("Summary after \(lesson.setup.epochs) epoch"), lesson.id)
            XCTAssertEqual(all.last(where: { !$0.isEmpty }), "End of the lesson: \(lesson.title)", lesson.id)
        }
    }

    /// A fixed answer as the handout must spell it, worked out from the file's answer, not the program's text.
    static func fixedAnswer(_ question: LessonQuestion) -> String? {
        switch question.answer {
        case .sign(let s): return s > 0 ? "+" : (s < 0 ? "−" : "0")
        case .direction(let d): return d > 0 ? "up" : "down"
        case .option(let i): return LessonQuestion.letter(i) + ") " + question.options[i]
        case .number, .live: return nil
        }
    }

    func testASCIIHandoutsArePureASCII() {
        for lesson in Course.load() {
            let text = handout(lesson, ascii: true)
            let bad = text.unicodeScalars.first { !$0.isASCII }
            XCTAssertNil(bad, "\(lesson.id): non-ASCII \(bad.map { String($0) } ?? "")")
            XCTAssertTrue(text.contains("Stop 1 of "), lesson.id)
        }
    }

    /// 4 decimals with a true minus sign, as the lessons show numbers.
    func four(_ v: Double) -> String {
        String(format: "%.4f", v).replacingOccurrences(of: "-", with: "−")
    }

    func testLessonOneNumbersAgreeWithAHandComputation() throws {
        let lesson = try XCTUnwrap(Course.lesson(named: "1"))
        // numpy, seed 42: X = randint(0, 2, size=2), W = randn(2), b = randn(1).
        let x = (0.0, 1.0)
        let W = (-1.1118801180469204, 0.31890218468938336)
        let b = 0.2790412922001377
        let z = W.0 * x.0 + W.1 * x.1 + b
        let yHat = 1 / (1 + exp(-z))
        let loss = (1 - yHat) * (1 - yHat)
        XCTAssertEqual(four(z), "0.5979")
        XCTAssertEqual(four(yHat), "0.6452")

        let all = lines(handout(lesson))
        let text = all.joined(separator: "\n")
        // A pair is shown as [a, b] or (a, b); the numbers are what matter here.
        let pair = "\(four(W.0)), \(four(W.1))"
        XCTAssertTrue(text.contains("W = [\(pair)] and b = \(four(b))") || text.contains("W = (\(pair)) and b = \(four(b))"),
                      all.first { $0.contains("then gave W") } ?? "no W line")
        XCTAssertTrue(text.contains("z = W[0]·x[0] + W[1]·x[1] + b = \(four(W.0))·0 + \(four(W.1))·1 + \(four(b)) = \(four(z))."))
        XCTAssertTrue(text.contains("ŷ = σ(\(four(z))) = \(four(yHat))."))
        XCTAssertTrue(text.contains("  Answer: \(four(yHat)) (± 0.005)"))
        XCTAssertTrue(text.contains("The squared error (y − ŷ)² = \(four(loss))."))

        // Predict, then reveal: a stop's heading (and question) come just before the trace line that
        // computes its value; the answer and the narrative follow it.
        let zLine = try XCTUnwrap(all.firstIndex { $0.hasPrefix("    forward   z = W·x + b = ") && $0.hasSuffix("= \(four(z))") })
        XCTAssertTrue(all[zLine - 1].contains("Stop 3 of 5: The weighted sum (epoch 0, sample 0)"), all[zLine - 1])
        let yLine = try XCTUnwrap(all.firstIndex { $0.contains("ŷ = σ(z) = σ(\(four(z))) = \(four(yHat))") })
        let question = try XCTUnwrap(all.firstIndex { $0.contains("Stop 4 of 5: The prediction") })
        XCTAssertLessThan(question, yLine, "the ŷ question is asked before ŷ is printed")
        let answer = try XCTUnwrap(all.firstIndex { $0.hasPrefix("  Answer: \(four(yHat))") })
        XCTAssertGreaterThan(answer, yLine, "the answer follows the revealing line")
        // A number question leaves a blank for the answer and says the tolerance.
        XCTAssertTrue(text.contains("  Your answer (a number, within ± 0.005): ______"))
    }

    func testALongLessonPrintsOnlyTheEpochsAroundItsStops() throws {
        // A lesson written here: 50 epochs of OR, stops in epochs 0 and 7 only.
        let source = """
            ---
            id: short
            title: Two stops
            dataset: or
            epochs: 50
            ---

            Intro text.

            ## First
            id: first
            at: epoch 0, sample 1, phase forward, value z

            First z is {{z}}.

            ## Later
            id: later
            at: epoch 7, value loss

            Epoch 7 summed loss {{epoch.loss}}.

            ### Question
            kind: choice
            ask: Which dataset is this?
            options: or | and | xor
            answer: or
            """
        let (parsed, diagnostics) = LessonParser.parse(text: source, path: "short.md")
        XCTAssertEqual(diagnostics, [])
        let lesson = try XCTUnwrap(parsed)
        let all = lines(handout(lesson))
        let text = all.joined(separator: "\n")
        let epochHeadings = all.filter { $0.hasPrefix("Epoch ") }
        XCTAssertEqual(epochHeadings, ["Epoch 0", "Epoch 7", "Epoch 49"], text)
        XCTAssertTrue(text.contains("handout: epochs 0, 7 and 49 of 50 printed in full"), text)
        XCTAssertTrue(text.contains("… epochs 1 to 6 left out (6 epochs) …"), text)
        XCTAssertTrue(text.contains("… epochs 8 to 48 left out (41 epochs) …"), text)
        XCTAssertFalse(text.contains("--every 1 prints them all"), "the report's own note is not the handout's")
        XCTAssertTrue(text.contains("Options: a) or  b) and  c) xor   Your answer: ______"), text)
        XCTAssertTrue(text.contains("  Answer: a) or"), text)
        // The epoch-7 stop opens before the epoch-7 loss line (its question first), its answer after.
        let lossLine = try XCTUnwrap(all.firstIndex { $0.hasPrefix("  epoch 7 loss: ") }, text)
        let heading = try XCTUnwrap(all.firstIndex { $0.contains("Stop 2 of 2: Later (end of epoch 7)") }, text)
        XCTAssertLessThan(heading, lossLine)
        XCTAssertGreaterThan(try XCTUnwrap(all.firstIndex(of: "  Answer: a) or")), lossLine)
        // The summary comes once, at the end, after the last epoch.
        XCTAssertEqual(all.filter { $0.hasPrefix("Summary after") }, ["Summary after 50 epochs"])
        let last = try XCTUnwrap(all.firstIndex(of: "Epoch 49"))
        let summary = try XCTUnwrap(all.firstIndex(of: "Summary after 50 epochs"))
        XCTAssertLessThan(last, summary)

        // --every adds every Nth epoch.
        let withEvery = lines(handout(lesson, every: 20)).filter { $0.hasPrefix("Epoch ") }
        XCTAssertEqual(withEvery, ["Epoch 0", "Epoch 7", "Epoch 20", "Epoch 40", "Epoch 49"])
    }

    func testAStopNeverReachedIsSaidSo() throws {
        let source = """
            ---
            id: unreached
            title: Never
            dataset: or
            epochs: 3
            ---

            ## Never
            id: never
            when: epoch loss below 0.000001

            Not shown.
            """
        let lesson = try XCTUnwrap(LessonParser.parse(text: source, path: "u.md").0)
        let text = handout(lesson)
        XCTAssertTrue(text.contains("Stop 'never' (Never) was not reached in this run"), text)
        XCTAssertFalse(text.contains("Not shown."))
        XCTAssertTrue(text.contains("Summary after 3 epochs"))
    }
}
