import NNCore
import NNTestSupport
import XCTest

@testable import NNLessons

/// Answer checking: words and symbols for signs and directions, options, and numeric tolerance.
final class QuestionTests: XCTestCase {
    /// A snapshot holding dL_dW = [0.25, −0.5] and y_hat = 0.7, built by hand.
    func snapshot() -> TraceSnapshot {
        NNTestSupport.snapshot([("forward.y_hat", [0.7]), ("backward.dL_dW", [0.25, -0.5])])
    }

    let w1 = ValueReference.trace(phase: nil, name: "dL_dW", indexes: [1])

    func testSignAcceptsSymbolsAndWords() {
        let q = LessonQuestion(kind: .sign, prompt: "?", answer: .live(w1, negated: false), feedback: "It was {{dL_dW[1]}}.")
        let s = snapshot()
        for typed in ["-", "−", "–", "negative", " Negative ", "minus", "neg"] {
            XCTAssertEqual(q.check(answer: typed, snapshot: s).outcome, .correct, typed)
        }
        for typed in ["+", "positive", "0", "zero"] {
            XCTAssertEqual(q.check(answer: typed, snapshot: s).outcome, .incorrect, typed)
        }
        XCTAssertEqual(q.check(answer: "maybe", snapshot: s).outcome, .invalid)
        XCTAssertEqual(q.check(answer: "-", snapshot: s).message, "Correct: −. It was −0.5000.")
        XCTAssertEqual(q.check(answer: "+", snapshot: s).message, "Not quite: the answer is −. It was −0.5000.")
        XCTAssertEqual(q.answerText(snapshot: s), "−")
        // A negated live answer flips the sign; a fixed one ignores the trace.
        let flipped = LessonQuestion(kind: .sign, prompt: "?", answer: .live(w1, negated: true))
        XCTAssertEqual(flipped.check(answer: "+", snapshot: s).outcome, .correct)
        let zero = LessonQuestion(kind: .sign, prompt: "?", answer: .sign(0))
        XCTAssertEqual(zero.check(answer: "0", snapshot: nil).outcome, .correct)
        // A live answer with no trace yet is not judged.
        XCTAssertEqual(q.check(answer: "-", snapshot: nil).outcome, .invalid)
    }

    func testDirection() {
        // W moves against its gradient: −dL_dW[0] = −0.25 is down, −dL_dW[1] = 0.5 is up.
        let s = snapshot()
        let q0 = LessonQuestion(kind: .direction, prompt: "?", answer: .live(.trace(phase: nil, name: "dL_dW", indexes: [0]), negated: true))
        let q1 = LessonQuestion(kind: .direction, prompt: "?", answer: .live(w1, negated: true))
        XCTAssertEqual(q0.answerText(snapshot: s), "down")
        XCTAssertEqual(q1.answerText(snapshot: s), "up")
        for typed in ["down", "DOWN", "decrease", "lower", "↓"] {
            XCTAssertEqual(q0.check(answer: typed, snapshot: s).outcome, .correct, typed)
            XCTAssertEqual(q1.check(answer: typed, snapshot: s).outcome, .incorrect, typed)
        }
        XCTAssertEqual(q1.check(answer: "sideways", snapshot: s).outcome, .invalid)
    }

    func testChoiceByLetterOrText() {
        let q = LessonQuestion(kind: .choice, prompt: "?", options: ["or", "and", "xor"], answer: .option(2))
        for typed in ["XOR", "c", "C", "c)", "c) xor", " c) XOR "] {
            XCTAssertEqual(q.check(answer: typed, snapshot: nil).outcome, .correct, typed)
        }
        XCTAssertEqual(q.check(answer: "a", snapshot: nil).outcome, .incorrect)
        XCTAssertEqual(q.check(answer: "and", snapshot: nil).outcome, .incorrect)
        for typed in ["d", "3", "c) and", "x"] {
            XCTAssertEqual(q.check(answer: typed, snapshot: nil).outcome, .invalid, typed)
        }
        XCTAssertEqual(q.answerText(snapshot: nil), "c) xor")
        XCTAssertEqual(q.acceptedAnswersHelp, "a) or  b) and  c) xor")
        // Options that are numbers are never read as positions.
        let n = LessonQuestion(kind: .choice, prompt: "?", options: ["2", "1000"], answer: .option(0))
        XCTAssertEqual(n.check(answer: "2", snapshot: nil).outcome, .correct)
        XCTAssertEqual(n.check(answer: "1", snapshot: nil).outcome, .invalid)
        XCTAssertEqual(n.check(answer: "b", snapshot: nil).outcome, .incorrect)
    }

    func testNumberWithinTolerance() {
        let q = LessonQuestion(kind: .number, prompt: "?", answer: .live(.trace(phase: nil, name: "y_hat", indexes: []), negated: false), tolerance: 0.005)
        let s = snapshot()
        XCTAssertEqual(q.check(answer: "0.7", snapshot: s).outcome, .correct)
        XCTAssertEqual(q.check(answer: "0.695", snapshot: s).outcome, .correct)  // exactly at the edge
        XCTAssertEqual(q.check(answer: "0.704", snapshot: s).outcome, .correct)
        XCTAssertEqual(q.check(answer: "0.706", snapshot: s).outcome, .incorrect)
        XCTAssertEqual(q.check(answer: "0.69", snapshot: s).outcome, .incorrect)
        XCTAssertEqual(q.check(answer: "7e-1", snapshot: s).outcome, .correct)
        for junk in ["", "seven", "nan", "inf", "1e999", "0x1p-1"] {
            XCTAssertEqual(q.check(answer: junk, snapshot: s).outcome, .invalid, junk)
        }
        XCTAssertEqual(q.answerText(snapshot: s), "0.7000 (± 0.005)")
        let negative = LessonQuestion(kind: .number, prompt: "?", answer: .number(-1.5), tolerance: 0)
        XCTAssertEqual(negative.check(answer: "−1.5", snapshot: nil).outcome, .correct)
        XCTAssertEqual(negative.check(answer: "-1.5", snapshot: nil).outcome, .correct)
        XCTAssertEqual(negative.check(answer: "1.5", snapshot: nil).outcome, .incorrect)
    }

    func testParsedQuestionMatchesWrittenAnswer() throws {
        let text = """
            ---
            id: q
            title: Q
            dataset: notebook
            epochs: 1
            ---
            ## S
            id: s
            at: epoch 0, sample 0, phase forward, value y_hat

            ### Question
            kind: number
            ask: What is ŷ?
            answer: {{y_hat}}
            tolerance: 0.001
            hint: σ(0.5979)
            """
        let (parsed, d) = LessonParser.parse(text: text, path: "q.md")
        XCTAssertEqual(d, [])
        let q = try XCTUnwrap(parsed?.stops.first?.question)
        XCTAssertEqual(q.hint, "σ(0.5979)")
        let lesson = try XCTUnwrap(parsed)
        let bus = TraceBus()
        let recorder = TraceRecorder()
        bus.attach(recorder)
        Trainer(setup: lesson.setup, bus: bus).run()
        let at = try XCTUnwrap(StopLocator.locate(lesson: lesson, recorder: recorder)[0])
        // σ(0.59794348) = 1 / (1 + e^−0.59794348) = 0.64518567, worked out independently.
        XCTAssertEqual(q.check(answer: "0.6452", snapshot: recorder.snapshot(at: at)).outcome, .correct)
        XCTAssertEqual(q.check(answer: "0.6441", snapshot: recorder.snapshot(at: at)).outcome, .incorrect)
    }
}
