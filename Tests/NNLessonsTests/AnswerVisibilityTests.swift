import Foundation
import NNCore
import XCTest

@testable import NNLessons

/// When a question's answer can already be read at the moment it is asked (the event before its stop).
final class AnswerVisibilityTests: XCTestCase {
    /// One stop on the notebook's sample, bound at `at`, asking `question`; whether its answer shows.
    func visible(at: String, _ question: String) throws -> Bool {
        let text = """
            ---
            id: v
            title: V
            dataset: notebook
            epochs: 1
            ---

            ## S
            id: s
            at: \(at)

            Text.

            ### Question
            \(question)
            """
        let (parsed, diagnostics) = LessonParser.parse(text: text, path: "v.md")
        XCTAssertEqual(diagnostics.map(\.description), [])
        let lesson = try XCTUnwrap(parsed)
        let (recorder, positions, _) = LessonChecker.run(lesson)
        let position = try XCTUnwrap(positions[0])
        return AnswerVisibility.isVisible(lesson.stops[0], asked: recorder.snapshot(at: position - 1), stopEvent: recorder.snapshot(at: position))
    }

    let sign = "kind: sign\nask: Sign of ∂L/∂ŷ?\nanswer: {{dL_dyhat}}"
    let direction = "kind: direction\nask: Will W[1] go up or down?\nanswer: −{{dL_dW[1]}}"

    func testALiveAnswerShowsOnceItsValueIsPublished() throws {
        XCTAssertFalse(try visible(at: "epoch 0, sample 0, phase backward, value dL_dyhat", sign))
        // Bound one value later, the question is asked when ∂L/∂ŷ is already on screen.
        XCTAssertTrue(try visible(at: "epoch 0, sample 0, phase backward, value dyhat_dz", sign))
    }

    func testADirectionOnAGradientShowsOnceTheUpdateIsPublished() throws {
        // The gradient is what the learner reasons from; the new W is the answer.
        XCTAssertFalse(try visible(at: "epoch 0, sample 0, phase backward, value dL_db", direction))
        XCTAssertFalse(try visible(at: "epoch 0, sample 0, phase update, value W", direction))
        // W's update is published before b's: a stop on b asks with the new W on screen.
        XCTAssertTrue(try visible(at: "epoch 0, sample 0, phase update, value b", direction))
    }

    func testAPromptOrHintThatShowsTheAnswerGivesItAway() throws {
        let at = "epoch 0, sample 0, phase backward, value dL_dyhat"
        XCTAssertTrue(try visible(at: at, "kind: sign\nask: ∂L/∂ŷ = {{dL_dyhat}}. Its sign?\nanswer: {{dL_dyhat}}"))
        XCTAssertTrue(try visible(at: at, "kind: sign\nask: Its sign?\nanswer: {{dL_dyhat}}\nhint: It is {{backward.dL_dyhat}}."))
        // Other values in the prompt are the inputs to reason from.
        XCTAssertFalse(try visible(at: at, "kind: sign\nask: y = {{y}} and ŷ = {{y_hat}}. Sign of ∂L/∂ŷ?\nanswer: {{dL_dyhat}}"))

        let update = "epoch 0, sample 0, phase update, value W"
        XCTAssertFalse(try visible(at: update, "kind: direction\nask: ∂L/∂W[1] = {{dL_dW[1]}}. Up or down?\nanswer: −{{dL_dW[1]}}"))
        XCTAssertTrue(try visible(at: update, "kind: direction\nask: Up or down?\nanswer: −{{dL_dW[1]}}\nhint: W becomes {{update.W}}."))
        // The other weight's new value says nothing about W[1].
        XCTAssertFalse(try visible(at: update, "kind: direction\nask: Up or down?\nanswer: −{{dL_dW[1]}}\nhint: W[0] becomes {{update.W[0]}}."))
    }

    func testAFixedAnswerIsNotJudgedByItsText() throws {
        // The prompt shows the stop's own value, but the answer asked for is another number.
        let at = "epoch 0, value loss"
        XCTAssertFalse(try visible(at: at, "kind: number\nask: The sum is {{epoch.loss}}. What is the mean over 1 sample?\nanswer: 0.1259\ntolerance: 0.001"))
        XCTAssertFalse(try visible(at: at, "kind: choice\nask: Is the loss small?\noptions: yes | no\nanswer: yes"))
    }

    func testQuestionTextIsReadForReferences() {
        XCTAssertEqual(AnswerVisibility.references(in: "a {{y_hat}} b {{update.W[1]}} {{bad name}} {{open"),
                       [.trace(phase: nil, name: "y_hat", indexes: []), .trace(phase: .update, name: "W", indexes: [1])])
    }
}
