import Foundation
import XCTest
import NNCore
import NNLessons
import NNRender
import NNTestSupport
@testable import NNPlain

/// The handout (`--plain --lesson X`): every stop, question and answer on paper, in trace order.
final class HandoutTests: XCTestCase {
    func handout(_ lesson: Lesson, ascii: Bool = false, every: Int? = nil, answers: HandoutAnswers = .inline,
                 context: Int = 0, width: Int = 400) -> String {
        let sink = OutputSink.memory()
        let options = HandoutOptions(width: width, answers: answers, context: context, every: every, ascii: ascii)
        Handout(lesson: lesson, sink: sink, options: options).run()
        return sink.text
    }

    func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Runs of whitespace as one space: a handout wraps lesson text to its width.
    func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The literal pieces of a text between its `{{…}}` references (what must appear verbatim, once
    /// its Markdown is rendered as plain text: code spans in ‘quotes’, no emphasis markers).
    func literalFragments(_ text: String) -> [String] {
        var fragments: [String] = []
        // Table rows are set as aligned columns, not as written (MarkdownTests cover them).
        for line in text.split(separator: "\n") where !line.hasPrefix("|") {
            var rest = Substring(MarkdownText.flatten(String(line)))
            while let open = rest.range(of: "{{") {
                fragments.append(String(rest[..<open.lowerBound]))
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                rest = rest[close.upperBound...]
            }
            fragments.append(String(rest))
        }
        return fragments.map { normalized($0) }.filter { $0.count >= 3 }
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
                XCTAssertTrue(normalized(text).contains(fragment), "\(lesson.id) intro: '\(fragment)'")
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
                let block = normalized(all[start..<end].joined(separator: "\n"))
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
                        XCTAssertTrue(normalized(blockLines[q...].prefix(3).joined(separator: " ")).contains(fragment), "\(lesson.id)/\(stop.id) ask: '\(fragment)'")
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
        let before = try XCTUnwrap(all[..<zLine].last { !$0.isEmpty })
        XCTAssertTrue(before.contains("Stop 3 of 5: The weighted sum (epoch 0, sample 0)"), before)
        let yLine = try XCTUnwrap(all.firstIndex { $0.contains("ŷ = σ(z) = σ(\(four(z))) = \(four(yHat))") })
        let question = try XCTUnwrap(all.firstIndex { $0.contains("Stop 4 of 5: The prediction") })
        XCTAssertLessThan(question, yLine, "the ŷ question is asked before ŷ is printed")
        let answer = try XCTUnwrap(all.firstIndex { $0.hasPrefix("  Answer: \(four(yHat))") })
        XCTAssertGreaterThan(answer, yLine, "the answer follows the revealing line")
        // A number question leaves a blank for the answer and says the tolerance.
        XCTAssertTrue(text.contains("  Your answer (a number, within ± 0.005): ______"))
    }

    /// 50 epochs of OR (4 samples: 200 steps), a stop in step 1 and one on epoch 7's loss (step 31).
    static let twoStops = """
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
        feedback: The samples are those of **or**.
        """

    func testALongLessonPrintsOnlyTheStepsAroundItsStops() throws {
        let (parsed, diagnostics) = LessonParser.parse(text: Self.twoStops, path: "short.md")
        XCTAssertEqual(diagnostics, [])
        let lesson = try XCTUnwrap(parsed)
        let all = lines(handout(lesson))
        let text = all.joined(separator: "\n")
        // Steps are numbered from 0: epoch e, sample s is step 4e + s.
        XCTAssertEqual(all.filter { $0.hasPrefix("  step ") }, ["  step 1 · epoch 0 · sample 1", "  step 31 · epoch 7 · sample 3"], text)
        XCTAssertEqual(all.filter { $0.hasPrefix("… ") }, [
            "… step 0 left out …", "… steps 2 to 30 left out (29 steps) …", "… steps 32 to 199 left out (168 steps) …",
        ])
        XCTAssertTrue(all.contains("handout: steps 1 and 31 of 200 printed (each stop's own step); the others are left out; answers after their questions"), text)
        XCTAssertTrue(text.contains("Options: a) or  b) and  c) xor   Your answer: ______"), text)
        XCTAssertTrue(text.contains("  Answer: a) or"), text)
        // Epoch 7's loss line sums all four samples, though only the last one's step is printed.
        let lossLine = try XCTUnwrap(all.first { $0.hasPrefix("  epoch 7 loss: ") }, text)
        let numbers = lossLine.split(separator: "=").last.map { $0.split(separator: "+").map { Double($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "−", with: "-")) } }
        let terms = try XCTUnwrap(lossLine.components(separatedBy: " = ").dropFirst(2).first).components(separatedBy: " + ")
        XCTAssertEqual(terms.count, 4, lossLine)
        let sum = terms.compactMap { Double($0.replacingOccurrences(of: "−", with: "-")) }.reduce(0, +)
        let total = try XCTUnwrap(numbers?.last ?? nil)
        XCTAssertEqual(sum, total, accuracy: 0.0003, lossLine)
        // The epoch-7 stop opens before the epoch-7 loss line (its question first), its answer after.
        let heading = try XCTUnwrap(all.firstIndex { $0.contains("Stop 2 of 2: Later (end of epoch 7)") }, text)
        let loss = try XCTUnwrap(all.firstIndex(of: lossLine))
        XCTAssertLessThan(heading, loss)
        XCTAssertGreaterThan(try XCTUnwrap(all.firstIndex(of: "  Answer: a) or")), loss)
        XCTAssertEqual(all.filter { $0.hasPrefix("Summary after") }, ["Summary after 50 epochs"])

        // --context 1: a step either side of each stop's.
        let wider = lines(handout(lesson, context: 1))
        XCTAssertEqual(wider.filter { $0.hasPrefix("  step ") }.map { $0.split(separator: " ")[1] }, ["0", "1", "2", "30", "31", "32"])
        XCTAssertEqual(wider.filter { $0.hasPrefix("… ") }, ["… steps 3 to 29 left out (27 steps) …", "… steps 33 to 199 left out (167 steps) …"])
        // --every adds every Nth epoch in full: epochs 0, 20 and 40 are steps 0–3, 80–83 and 160–163.
        let withEvery = lines(handout(lesson, every: 20))
        XCTAssertEqual(withEvery.filter { $0.hasPrefix("Epoch ") }, ["Epoch 0", "Epoch 20", "Epoch 40"])
        XCTAssertEqual(withEvery.filter { $0.hasPrefix("… ") }, [
            "… steps 4 to 30 left out (27 steps) …", "… steps 32 to 79 left out (48 steps) …",
            "… steps 84 to 159 left out (76 steps) …", "… steps 164 to 199 left out (36 steps) …",
        ])
    }

    func testPrintedStepsMergeWindowsAndEpochs() {
        XCTAssertEqual(Handout.printedSteps(stopSteps: [1, 31], context: 0, every: nil, epochs: 50, samplesPerEpoch: 4), [1...1, 31...31])
        XCTAssertEqual(Handout.printedSteps(stopSteps: [0, 3, 199], context: 2, every: nil, epochs: 50, samplesPerEpoch: 4), [0...5, 197...199])
        XCTAssertEqual(Handout.printedSteps(stopSteps: [9], context: 0, every: 2, epochs: 3, samplesPerEpoch: 4), [0...3, 8...11])
        XCTAssertEqual(Handout.printedSteps(stopSteps: [], context: 5, every: nil, epochs: 0, samplesPerEpoch: 4), [])
    }

    func testAnswersNoneInlineAndEnd() throws {
        let lesson = try XCTUnwrap(LessonParser.parse(text: Self.twoStops, path: "short.md").0)
        let none = handout(lesson, answers: .none)
        XCTAssertTrue(none.contains("Options: a) or  b) and  c) xor   Your answer: ______"), none)
        XCTAssertFalse(none.contains("Answer: "), none)
        XCTAssertFalse(none.contains("The samples are those of"), "no feedback either")
        XCTAssertFalse(none.contains("Answer key"))
        XCTAssertTrue(none.contains("; no answers"))

        XCTAssertTrue(none.contains("  (the worked answer is in the teacher's copy)"), none)
        XCTAssertFalse(none.contains("Epoch 7 summed loss"), "no narrative after the question")
        XCTAssertFalse(none.contains("  epoch 7 loss: "), "nor the trace line that shows the value asked about")

        let end = lines(handout(lesson, answers: .end))
        XCTAssertFalse(end.contains("  Answer: a) or"))
        XCTAssertTrue(end.contains("  (the worked answer is in the key at the end, under stop 2)"), end.joined(separator: "\n"))
        // The key comes after the summary, numbered by stop, with what the stop held back (its
        // trace line and narrative), then the lesson's last line.
        let key = try XCTUnwrap(end.firstIndex { $0.hasPrefix("── Answer key ") })
        XCTAssertGreaterThan(key, try XCTUnwrap(end.firstIndex(of: "Summary after 50 epochs")))
        let keyLines = Array(end[(key + 1)...].filter { !$0.isEmpty })
        XCTAssertEqual(Array(keyLines.prefix(2)), ["Stop 2 (Later): a) or", "  The samples are those of or."])
        XCTAssertTrue(keyLines[2].hasPrefix("  epoch 7 loss: L = Σᵢ (yᵢ − ŷᵢ)² = "), keyLines[2])
        XCTAssertTrue(keyLines[3].hasPrefix("  Epoch 7 summed loss "), keyLines[3])
        XCTAssertEqual(keyLines.last, "End of the lesson: Two stops")
    }

    /// The reported case: lesson 3's first question, at 60 columns. The students' copy has the
    /// question and its blank, then a line saying where the worked answer is, then the next stop;
    /// the teacher's key has the answer, then the trace line and the narrative that show it.
    func testTheStudentsCopyOfLessonThreeHoldsBackWhatShowsTheAnswer() throws {
        let lesson = try XCTUnwrap(Course.lesson(named: "3"))
        // The notebook's sample, x = (0, 1), y = 1, seed 42: ŷ = σ(W[1] + b) and ∂L/∂ŷ = −2(1 − ŷ).
        let yHat = 1 / (1 + exp(-(0.31890218468938336 + 0.2790412922001377)))
        let dLdyhat = four(-2 * (1 - yHat))
        XCTAssertEqual(dLdyhat, "−0.7096")
        let none = lines(handout(lesson, answers: .none, width: 60))
        // The stop heads the step printed for it; the question comes before ∂L/∂ŷ's line would.
        let heading = try XCTUnwrap(none.firstIndex { $0.hasPrefix("── Stop 1 of 6: How the loss reacts to ŷ") })
        let question = try XCTUnwrap(none.firstIndex { $0.hasPrefix("  Question: ŷ is below") })
        XCTAssertEqual(none[heading + 2], "Epoch 0")
        XCTAssertEqual(none[question - 2], "              L = (y − ŷ)² = (1 − \(four(yHat)))² = \(four((1 - yHat) * (1 - yHat)))")
        XCTAssertEqual(Array(none[(question - 1)...(question + 5)]), [
            "",
            "  Question: ŷ is below its target 1. What sign does ∂L/∂ŷ",
            "  have?",
            "  Your answer (+, − or 0): ______",
            "  (the worked answer is in the teacher's copy)",
            "",
            "── Stop 2 of 6: How ŷ reacts to z (epoch 0, sample 0) ──────",
        ])
        XCTAssertFalse(none.joined(separator: "\n").contains("∂L/∂ŷ = −2(y − ŷ) = −2(1 − \(four(yHat))) = \(dLdyhat)"))
        XCTAssertFalse(none.contains { $0.contains("Answer key") })

        let end = lines(handout(lesson, answers: .end, width: 60))
        XCTAssertTrue(end.contains("  (the worked answer is in the key at the end, under stop 1)"))
        let key = try XCTUnwrap(end.firstIndex { $0.hasPrefix("── Answer key ") })
        let entry = try XCTUnwrap(end[key...].firstIndex(of: "Stop 1 (How the loss reacts to ŷ): −"))
        let next = try XCTUnwrap(end[entry...].firstIndex { $0.hasPrefix("Stop 2 (") })
        let worked = Array(end[entry..<next])
        let line = try XCTUnwrap(worked.firstIndex(of: "    backward  ∂L/∂ŷ = −2(y − ŷ) = −2(1 − \(four(yHat))) = \(dLdyhat)"), worked.joined(separator: "\n"))
        let narrative = try XCTUnwrap(worked.firstIndex { $0.hasPrefix("  L = (y − ŷ)², so ∂L/∂ŷ = −2(y − ŷ).") })
        XCTAssertLessThan(line, narrative, "the trace line, then the narrative, after the answer")
        XCTAssertEqual(end.filter { $0 == "    backward  ∂L/∂ŷ = −2(y − ŷ) = −2(1 − \(four(yHat))) = \(dLdyhat)" }.count, 1, "only in the key")
    }

    /// With `--answers none` or `end`, no line between a question's blank and the next heading
    /// shows its answer: the value its live answer names, or the right option. With `inline` the
    /// revealing value is there, which shows the search finds what it looks for.
    func testNothingBetweenAQuestionAndTheNextHeadingGivesItsAnswerAway() throws {
        var questions = 0
        for lesson in Course.load() {
            let placed = Handout(lesson: lesson, sink: .memory()).placeStops().placed
            // The students' copy in both formats; the key and inline in text (the page is the same).
            for (format, answers) in [(HandoutOptions.Format.text, HandoutAnswers.none), (.markdown, .none), (.text, .end), (.text, .inline)] {
                let sink = OutputSink.memory()
                Handout(lesson: lesson, sink: sink, options: HandoutOptions(format: format, width: 80, answers: answers)).run()
                let page = lines(sink.text)
                let headingMark = format == .markdown ? "## " : "── "
                for stop in placed {
                    guard let question = stop.stop.question, let revealed = Self.revealed(question, at: stop.snapshot) else { continue }
                    let name = "\(lesson.id)/\(stop.stop.id) \(format) \(answers)"
                    let heading = try XCTUnwrap(page.firstIndex { $0.hasPrefix(headingMark + "Stop \(stop.index + 1) of ") }, name)
                    let blank = try XCTUnwrap(page[heading...].firstIndex { $0.contains("Your answer") }, name)
                    // To the next heading, or to the run's summary after the last stop.
                    let next = page[(blank + 1)...].firstIndex { $0.hasPrefix(headingMark) || $0.hasPrefix("Summary ") } ?? page.count
                    let shown = page[(blank + 1)..<next].contains { Self.contains($0, revealed) }
                    if answers == .inline {
                        if case .live = question.answer { XCTAssertTrue(shown, "\(name): \(revealed) is revealed inline") }
                    } else {
                        XCTAssertFalse(shown, "\(name): \(revealed) appears before the next heading")
                        questions += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(questions, 100, "the course's questions, in three pages each")
    }

    /// What a question's answer is on the page: the value a live answer names, as the trace and
    /// the lesson text show it, or the right option's text. Fixed signs and directions are words
    /// too common to look for.
    static func revealed(_ question: LessonQuestion, at snapshot: TraceSnapshot) -> String? {
        switch question.answer {
        case .live(let reference, _): return reference.formatted(in: snapshot)
        case .option(let i): return question.options[i]
        case .number(let v): return LessonFormat.number(v)
        case .sign, .direction: return nil
        }
    }

    /// `text` in `line` as a word of its own: not inside a longer word or number (4 is not in 4.8549).
    static func contains(_ line: String, _ text: String) -> Bool {
        let chars = Array(line), word = Array(text)
        guard !word.isEmpty, chars.count >= word.count else { return false }
        func joins(_ i: Int, towards j: Int) -> Bool {
            guard chars.indices.contains(i) else { return false }
            if chars[i].isLetter || chars[i].isNumber { return true }
            // A decimal point between digits continues the number.
            return chars[i] == "." && chars.indices.contains(j) && chars[j].isNumber
        }
        for start in 0...(chars.count - word.count) where Array(chars[start..<(start + word.count)]) == word {
            let end = start + word.count
            if !joins(start - 1, towards: start - 2) && !joins(end, towards: end + 1) { return true }
        }
        return false
    }

    func testEveryLessonsKeyPointsArePrintedAfterTheSummary() {
        for lesson in Course.load() where !lesson.keyPoints.isEmpty {
            let all = lines(handout(lesson, width: 80))
            let heading = all.firstIndex { $0.hasPrefix("── Key points ") }
            XCTAssertNotNil(heading, lesson.id)
            guard let heading, let summary = all.lastIndex(where: { $0.hasPrefix("Summary after") }) else { continue }
            XCTAssertGreaterThan(heading, summary, lesson.id)
            // Each bullet's first words appear, rendered (no Markdown markers left).
            for bullet in lesson.keyPoints.split(separator: "\n") where bullet.hasPrefix("- ") {
                let words = bullet.dropFirst(2).split(separator: " ").prefix(3).joined(separator: " ")
                guard !words.contains("*"), !words.contains("`"), !words.contains("{{") else { continue }
                XCTAssertTrue(all[heading...].contains { $0.contains(words) }, "\(lesson.id): '\(words)'")
            }
        }
    }

    func testEveryShippedLessonFitsTheWidth() {
        for lesson in Course.load() {
            for width in [60, 80] {
                for ascii in [false, true] {
                    let all = lines(handout(lesson, ascii: ascii, answers: .end, width: width))
                    let over = all.filter { $0.count > width }
                    XCTAssertEqual(over, [], "\(lesson.id) at \(width)\(ascii ? " ascii" : "")")
                }
            }
        }
    }

    func testACodeBlockInTheLessonIsKeptWhole() throws {
        let source = """
            ---
            id: wide
            title: A wide table
            epochs: 1
            ---

            ## Table
            id: table
            at: epoch 0, sample 0, phase forward, value z

            Before the table, a paragraph long enough to need wrapping at forty columns of text.

            ```
            | x1 | x2 | y | a column wider than forty columns in all |
            ```
            """
        let lesson = try XCTUnwrap(LessonParser.parse(text: source, path: "w.md").0)
        let all = lines(handout(lesson, width: 40))
        let wide = "  | x1 | x2 | y | a column wider than forty columns in all |"
        XCTAssertTrue(all.contains(wide), all.joined(separator: "\n"))
        XCTAssertEqual(all.filter { $0.count > 40 }, [wide], "the code line is the only one past the width")
    }

    func testMarkdownHandout() throws {
        let lesson = try XCTUnwrap(LessonParser.parse(text: Self.twoStops, path: "short.md").0)
        let sink = OutputSink.memory()
        Handout(lesson: lesson, sink: sink, options: HandoutOptions(format: .markdown, width: 60, answers: .end)).run()
        let all = lines(sink.text)
        XCTAssertEqual(all.first, "# Lesson: Two stops")
        XCTAssertTrue(all.contains("## Stop 1 of 2: First (epoch 0, sample 1)"), sink.text)
        XCTAssertTrue(all.contains("**Question:** Which dataset is this?"), sink.text)
        XCTAssertTrue(all.contains("Options: a) or  b) and  c) xor   Your answer: \\_\\_\\_\\_\\_\\_"), sink.text)
        XCTAssertTrue(all.contains("## Answer key"))
        XCTAssertTrue(all.contains("**Stop 2 (Later):** a) or — The samples are those of **or**."), sink.text)
        // Fences open with ```text and close with ```, in pairs, each with a blank line before it.
        let fences = all.enumerated().filter { $0.element.hasPrefix("```") }
        XCTAssertEqual(fences.count % 2, 0)
        for (n, fence) in fences.enumerated() {
            XCTAssertEqual(fence.element, n % 2 == 0 ? "```text" : "```")
            if n % 2 == 0 { XCTAssertEqual(all[fence.offset - 1], "", "a blank line before line \(fence.offset)") }
        }
        // The trace, the summary's sparkline and the boundary are inside fences; code lines fit the width.
        var inside = false
        for line in all {
            if line.hasPrefix("```") { inside.toggle(); continue }
            if line.hasPrefix("  step ") || line.hasPrefix("  x = (") || line.hasPrefix("Summary after") { XCTAssertTrue(inside, line) }
            if inside { XCTAssertLessThanOrEqual(line.count, 60, line) }
        }
        XCTAssertFalse(inside, "every fence is closed")
    }

    /// A `try:` experiment's table: each value trained to the end, its numbers worked out here by hand.
    func testAnExperimentPrintsEachValuesNumbers() throws {
        let source = """
            ---
            id: rates
            title: Rates
            dataset: or
            init: 0.5, -0.5, 0.1
            epochs: 3
            ---

            ## Step size
            id: rate
            at: epoch 1, value loss
            try: lr 0.1, 0.5, 2

            The summed loss of epoch 1 is {{epoch.loss}}.
            """
        let lesson = try XCTUnwrap(LessonParser.parse(text: source, path: "r.md").0)
        let all = lines(handout(lesson))
        // Plain SGD on OR, samples in order, squared error, corrected mode, from W = (0.5, −0.5), b = 0.1.
        func train(_ lr: Double) -> (epoch1: Double, last: Double, right: Int) {
            let run = handTrainedOR(lr: lr, epochs: 3, w: (0.5, -0.5), b: 0.1)
            return (run.epochLosses[1], run.epochLosses[2], run.right)
        }
        XCTAssertTrue(all.contains("  Try it: this lesson with each value of lr (* is the lesson's own), trained to the end:"), all.joined(separator: "\n"))
        let table = try XCTUnwrap(all.firstIndex { $0.hasPrefix("    lr ") })
        XCTAssertEqual(all[table], "    lr      loss, epoch 1   final loss   classified right")
        for (i, lr) in [0.1, 0.5, 2].enumerated() {
            let r = train(lr)
            let name = ["0.1", "0.5 *", "2"][i]
            let cells = [name.padding(toLength: 5, withPad: " ", startingAt: 0), four(r.epoch1).padding(toLength: 13, withPad: " ", startingAt: 0),
                         four(r.last).padding(toLength: 10, withPad: " ", startingAt: 0), "\(r.right) of 4"]
            XCTAssertEqual(all[table + 1 + i], "    " + cells.joined(separator: "   "))
        }
        XCTAssertTrue(all.contains("  Each loss is an epoch's, summed over the samples: epoch 1's, where this stop is, and the run's last."))
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

/// The answer blank on narrow paper: options that do not fit beside it go on their own line, or one
/// per line, and the blank on the line after them.
final class HandoutAnswerBlankTests: XCTestCase {
    let question = LessonQuestion(kind: .choice, prompt: "Where will the loss be?",
                                  options: ["below a hundredth", "between a hundredth and a half", "above a half"],
                                  answer: .option(0))

    func testOptionsThatFitStayBesideTheBlank() {
        XCTAssertEqual(HandoutStopBlocks.answerBlank(question, room: 200),
                       ["Options: a) below a hundredth  b) between a hundredth and a half  c) above a half   Your answer: ______"])
        XCTAssertEqual(HandoutStopBlocks.answerBlank(question).count, 1, "no room given: one line for Markdown to wrap")
    }

    func testOptionsOnTheirOwnLineThenOnePerLine() {
        // "Options: a) below … c) above a half" is 9 + 20 + 2 + 33 + 2 + 15 = 81 characters.
        XCTAssertEqual(HandoutStopBlocks.answerBlank(question, room: 81),
                       ["Options: a) below a hundredth  b) between a hundredth and a half  c) above a half",
                        "Your answer: ______"])
        XCTAssertEqual(HandoutStopBlocks.answerBlank(question, room: 80), [
            "Options:",
            "  a) below a hundredth",
            "  b) between a hundredth and a half",
            "  c) above a half",
            "Your answer: ______",
        ])
    }
}

/// A long trace line on narrow paper: it wraps under its label, breaking before its "=" signs.
final class HandoutMonoWrapTests: XCTestCase {
    func testAnEpochLossLineBreaksBeforeItsEqualsSigns() {
        let line = "  epoch 999 loss: L = Σᵢ (yᵢ − ŷᵢ)² = 0.4188 + 0.0487 + 0.2497 + 0.1164 = 0.8335"
        XCTAssertEqual(HandoutPage.wrapMono(line, width: 60, ascii: false), [
            "  epoch 999 loss: L = Σᵢ (yᵢ − ŷᵢ)²",
            "                    = 0.4188 + 0.0487 + 0.2497 + 0.1164",
            "                    = 0.8335",
        ])
    }

    func testAStepLabelColumnStaysAndProseIsNotAnEquation() {
        let update = "    update    b ← b − η·∂L/∂b = 0.2792 − 0.001·(−0.2931) = 0.2795"
        XCTAssertEqual(HandoutPage.wrapMono(update, width: 50, ascii: false), [
            "    update    b ← b − η·∂L/∂b",
            "                = 0.2792 − 0.001·(−0.2931)",
            "                = 0.2795",
        ])
        // No " = " after the colon: no label, the line wraps as words.
        let prose = "  mean loss: train 0.1234, test 0.2345; classified right: train 75%, test 50%"
        XCTAssertTrue(HandoutPage.wrapMono(prose, width: 40, ascii: false).allSatisfy { $0.count <= 40 })
    }
}
