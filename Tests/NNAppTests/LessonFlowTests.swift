import Foundation
import XCTest
import NNCore
import NNLessons
import NNRender
@testable import NNApp

final class LessonFlowTests: XCTestCase {
    /// Two stops: a question at step 0's gradient, then the end of epoch 1.
    let text = """
        ---
        id: flow-test
        title: Flow test
        dataset: notebook
        lr: 0.5
        epochs: 5
        ---

        Intro text.

        ## Gradient
        id: grad
        at: epoch 0, sample 0, phase backward, value dL_dW

        The gradient is {{dL_dW}}.

        ### Question
        kind: sign
        ask: What sign will dL/dW[1] have?
        answer: {{dL_dW[1]}}

        ## Epoch end
        id: end
        at: epoch 1, value loss

        Epoch 1 ended with {{epoch.loss}}.
        """

    var stateDirectory: String!

    override func setUpWithError() throws {
        stateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("nn-flow-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: stateDirectory)
    }

    func model(width: Int = 120, height: Int = 40) throws -> TutorModel {
        let (parsed, diagnostics) = LessonParser.parse(text: text, path: "flow.md")
        XCTAssertEqual(diagnostics.map(\.description), [])
        let lesson = try XCTUnwrap(parsed)
        return TutorModel(session: TraceSession(setup: lesson.setup), width: width, height: height, ascii: false, color: false,
                          lesson: LessonState(lesson: lesson), progress: ProgressStore(directory: stateDirectory))
    }

    func press(_ model: inout TutorModel, _ keys: InputKey...) {
        for key in keys { TutorUpdate.update(&model, .key(key)) }
    }

    func screen(_ model: TutorModel) -> String { TutorView.view(model).lines.joined(separator: "\n") }

    func testAQuestionIsAskedBeforeItsValueAndCheckedWhenAnswered() throws {
        var m = try model()
        XCTAssertTrue(screen(m).contains("Intro text."))
        // Step onto the stop: it pauses one event early (index 9), with the question open.
        for _ in 0..<20 { press(&m, .right) }
        XCTAssertEqual(m.cursor, 9)
        XCTAssertEqual(m.lesson?.pendingQuestion(at: m.cursor), 0)
        XCTAssertTrue(screen(m).contains("What sign will dL/dW[1] have?"), screen(m))
        XCTAssertFalse(screen(m).contains("∂L/∂W = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂W = ("), "the gradient is not shown before the answer")
        // An answer that is not a sign is refused and the question stays open.
        press(&m, .character("m"), .character("a"), .character("y"), .enter)
        XCTAssertNil(m.lesson?.feedback[0])
        XCTAssertNotNil(m.notice)
        press(&m, .backspace, .backspace, .backspace)
        // For x = (0, 1), y = 1: dL/dW[1] = −2(1 − ŷ)·ŷ(1 − ŷ) < 0, so "+" is wrong.
        press(&m, .character("+"), .enter)
        // Wrong: said so, and the question stays open for another try; → does not walk past it.
        XCTAssertNil(m.lesson?.feedback[0])
        XCTAssertEqual(m.lesson?.tries[0], 1)
        XCTAssertTrue(screen(m).contains("+ is not it. Try again"), screen(m))
        XCTAssertFalse(screen(m).contains("−0.1624"), "still not revealed")
        press(&m, .right)
        XCTAssertEqual(m.cursor, 9)
        var saved = ProgressStore(directory: stateDirectory).lesson("custom:flow-test")
        XCTAssertEqual(saved.answers["grad"], RecordedAnswer(answer: "+", correct: false, attempts: 1))
        // Esc gives up and reveals; the cursor then moves onto the gradient, and the stop's text shows it.
        press(&m, .escape)
        XCTAssertEqual(m.lesson?.feedback[0]?.isCorrect, false)
        XCTAssertTrue(screen(m).contains("After 1 try: the answer is −."), screen(m))
        press(&m, .right)
        XCTAssertEqual(m.cursor, 10)
        XCTAssertEqual(m.snapshot?.event.name, "dL_dW")
        XCTAssertTrue(screen(m).contains("The gradient is (0, −0.1624)."), screen(m))
        // The answer, the give-up and the position were saved.
        saved = ProgressStore(directory: stateDirectory).lesson("custom:flow-test")
        XCTAssertEqual(saved.answers["grad"], RecordedAnswer(answer: "+", correct: false, skipped: true, attempts: 1, reveal: "−"))
        XCTAssertEqual(saved.stopIndex, 0)
        XCTAssertEqual(saved.eventIndex, 10)
        XCTAssertFalse(saved.completed)
    }

    func testTheRightSignIsCorrectAndEscSkips() throws {
        var m = try model()
        for _ in 0..<9 { press(&m, .right) }
        press(&m, .character("−"), .enter)
        XCTAssertEqual(m.lesson?.feedback[0]?.isCorrect, true)

        // Another learner, from the start: none of the first one's progress.
        try FileManager.default.removeItem(atPath: stateDirectory)
        var skipped = try model()
        for _ in 0..<9 { press(&skipped, .right) }
        press(&skipped, .escape)
        XCTAssertTrue(skipped.lesson?.feedback[0]?.message.contains("−") == true)
        press(&skipped, .right)
        XCTAssertEqual(skipped.cursor, 10)
    }

    /// A teacher's lesson that reuses a built-in id ("loss") keeps its own progress: finishing it
    /// never marks the built-in lesson complete, in the file or in the course menu.
    func testACustomLessonWithABuiltInIdKeepsItsOwnProgress() throws {
        let lesson = try XCTUnwrap(LessonParser.parse(text: text.replacingOccurrences(of: "id: flow-test", with: "id: loss"), path: "mine.md").0)
        XCTAssertFalse(lesson.isBuiltIn)
        XCTAssertEqual(lesson.progressKey, "custom:loss")
        var m = TutorModel(session: TraceSession(setup: lesson.setup), width: 120, height: 40, ascii: false, color: false,
                           lesson: LessonState(lesson: lesson), progress: ProgressStore(directory: stateDirectory))
        press(&m, .character("e"), .escape, .right, .character("]"))
        XCTAssertEqual(m.lesson?.completed, true)
        let saved = ProgressStore(directory: stateDirectory)
        XCTAssertTrue(saved.isCompleted("custom:loss"))
        XCTAssertFalse(saved.isCompleted("loss"))
        XCTAssertEqual(Array(saved.progress.lessons.keys), ["custom:loss"])
        let builtIn = try XCTUnwrap(Course.lesson(named: "loss"))
        XCTAssertEqual(builtIn.progressKey, "loss")
        let course = TutorModel.course(Course.load() + [lesson], width: 120, height: 40, ascii: false, color: false, progress: saved)
        XCTAssertFalse(try XCTUnwrap(course.menu).isComplete(progress: saved))
        XCTAssertEqual(course.menu?.selected, 0, "the course resumes at lesson 1, not past a 'completed' lesson 2")
    }

    func testJumpsAndAutoplayPauseAtStops() throws {
        var m = try model()
        press(&m, .character("e"))
        XCTAssertEqual(m.cursor, 9, "jumping to epoch 1 stops at the question on the way")
        press(&m, .escape, .right)
        press(&m, .character("r"))
        for _ in 0..<200 { TutorUpdate.update(&m, .tick(milliseconds: 1000)) }
        XCTAssertFalse(m.autoplay, "autoplay pauses at the next stop")
        XCTAssertEqual(m.snapshot?.event.phase, .epoch)
        XCTAssertEqual(m.snapshot?.event.epoch, 1)
        XCTAssertTrue(screen(m).contains("Lesson complete"), screen(m))
        XCTAssertTrue(ProgressStore(directory: stateDirectory).isCompleted("custom:flow-test"))
    }

    func testResumesWhereTheLearnerLeftOff() throws {
        var first = try model()
        for _ in 0..<9 { press(&first, .right) }
        press(&first, .character("-"), .enter, .right)
        XCTAssertEqual(first.cursor, 10)
        let again = try model()
        XCTAssertEqual(again.cursor, 10)
        XCTAssertEqual(again.lesson?.feedback[0]?.isCorrect, true)
    }

    /// The reported case: stop 1 answered, then at stop 2 a wrong try, Esc, quit. The saved place
    /// is stop 2's question, where the learner was, and the lesson resumes there.
    func testTheSavedPlaceIsTheStopWhoseQuestionWasAnswered() throws {
        // Step 0 of the notebook: forward x … loss are events 0–6, backward dL_dyhat … dL_db 7–11,
        // update W 12. Stop 'grad' is on dL_dW (10), asked at 9; stop 'step' on update W (12), asked at 11.
        let twoQuestions = """
            ---
            id: two-questions
            title: Two questions
            dataset: notebook
            epochs: 2
            ---

            ## Gradient
            id: grad
            at: epoch 0, sample 0, phase backward, value dL_dW

            The gradient is {{dL_dW}}.

            ### Question
            kind: sign
            ask: What sign will dL/dW[1] have?
            answer: {{dL_dW[1]}}

            ## Step
            id: step
            at: epoch 0, sample 0, phase update, value W

            W is now {{update.W}}.

            ### Question
            kind: direction
            ask: Will W[1] go up or down?
            answer: −{{dL_dW[1]}}
            """
        let lesson = try XCTUnwrap(LessonParser.parse(text: twoQuestions, path: "two.md").0)
        func open() -> TutorModel {
            TutorModel(session: TraceSession(setup: lesson.setup), width: 120, height: 40, ascii: false, color: false,
                       lesson: LessonState(lesson: lesson), progress: ProgressStore(directory: stateDirectory))
        }
        var m = open()
        for _ in 0..<9 { press(&m, .right) }
        XCTAssertEqual(m.lesson?.pendingQuestion(at: m.cursor), 0)
        // dL/dW[1] < 0 for x = (0, 1), y = 1 (see above): "−" is right, and W[1] goes up, so "down" is wrong.
        press(&m, .character("-"), .enter, .right, .right)
        XCTAssertEqual(m.cursor, 11)
        XCTAssertEqual(m.lesson?.pendingQuestion(at: m.cursor), 1)
        var saved = ProgressStore(directory: stateDirectory).lesson("custom:two-questions")
        XCTAssertEqual(saved.stopIndex, 1, "at stop 2's question the learner is at stop 2")
        XCTAssertEqual(saved.eventIndex, 11)
        press(&m, .character("d"), .character("o"), .character("w"), .character("n"), .enter, .escape, .character("q"))
        XCTAssertTrue(m.shouldQuit)
        saved = ProgressStore(directory: stateDirectory).lesson("custom:two-questions")
        XCTAssertEqual(saved.stopIndex, 1)
        XCTAssertEqual(saved.eventIndex, 11)
        XCTAssertEqual(saved.answers["step"], RecordedAnswer(answer: "down", correct: false, skipped: true, attempts: 1, reveal: "up"))

        let again = open()
        XCTAssertEqual(again.cursor, 11, "resumes at stop 2's question, not at stop 1")
        XCTAssertEqual(again.lesson?.feedback[1]?.isCorrect, false)
        XCTAssertNil(again.lesson?.pendingQuestion(at: again.cursor))
    }

    func testLessonPanelAt80x24() throws {
        var m = try model(width: 80, height: 24)
        for _ in 0..<9 { press(&m, .right) }
        let shown = screen(m)
        XCTAssertTrue(shown.contains("What sign will dL/dW[1] have?"), shown)
        // The diagram stays on screen beside the lesson; the keys that answer fit whole.
        XCTAssertTrue(shown.contains("network"), shown)
        XCTAssertTrue(shown.contains("Σ: z"), shown)
        XCTAssertTrue(shown.contains("equations"), shown)
        XCTAssertTrue(shown.contains("Enter check · Esc answer"), shown)
        // Once the question is closed (keys typed at an open one are the answer), v puts the
        // decision boundary in the diagram's place.
        press(&m, .escape, .character("v"))
        XCTAssertTrue(screen(m).contains("boundary"), screen(m))
    }

    func testCourseMenuOpensLessonsAndShowsProgress() throws {
        let lessons = Course.load()
        XCTAssertGreaterThanOrEqual(lessons.count, 8)
        let store = ProgressStore(directory: stateDirectory)
        var m = TutorModel.course(lessons, width: 100, height: 30, ascii: false, color: false, progress: store)
        XCTAssertTrue(screen(m).contains(lessons[0].title), screen(m))
        XCTAssertTrue(screen(m).contains("0 of \(lessons.count) done"), screen(m))
        press(&m, .down, .enter)
        XCTAssertEqual(m.lesson?.lesson.id, lessons[1].id)
        XCTAssertEqual(m.session.setup, lessons[1].setup)
        press(&m, .character("m"))
        XCTAssertEqual(m.menu?.isShowing, true)
        press(&m, .character("3"))
        XCTAssertEqual(m.menu?.selected, 2)
        press(&m, .character("q"))
        XCTAssertTrue(m.shouldQuit)
    }

    func testEveryShippedLessonRunsToItsEndInTheWalkthrough() throws {
        for (i, lesson) in Course.load().enumerated() {
            var m = TutorModel(session: TraceSession(setup: lesson.setup), width: 120, height: 40, ascii: false, color: false,
                               lesson: LessonState(lesson: lesson, number: i + 1), progress: nil)
            var guardCount = 0
            while m.lesson?.completed != true && guardCount < 200 {
                if m.lesson?.pendingQuestion(at: m.cursor) != nil { press(&m, .escape) }
                press(&m, .character("G"))
                guardCount += 1
            }
            XCTAssertEqual(m.lesson?.completed, true, "lesson \(lesson.id) did not reach its last stop")
            XCTAssertTrue(screen(m).contains("lesson complete ✓"), lesson.id)
            // The status bar offers no next stop after the last one.
            XCTAssertFalse(TutorView.keyHint(m).contains("next stop"), "\(lesson.id): \(TutorView.keyHint(m))")
        }
    }

    func testAStopIsReadBeforeTheNextStopsQuestionOnTheSameValue() throws {
        // Lesson 1: "The weighted sum" binds to z (event 4); "The prediction" asks about ŷ (event 5),
        // so its question is asked on event 4 too. The text must show first.
        let lesson = try XCTUnwrap(Course.lesson(named: "1"))
        var m = TutorModel(session: TraceSession(setup: lesson.setup), width: 120, height: 40, ascii: false, color: false,
                           lesson: LessonState(lesson: lesson, number: 1))
        var sawWeightedSum = false
        for _ in 0..<8 where m.lesson?.pendingQuestion(at: m.cursor) == nil || m.cursor < 4 {
            if m.lesson?.pendingQuestion(at: m.cursor) != nil { press(&m, .escape) }
            press(&m, .right)
            if screen(m).contains("The weighted sum") && m.cursor == 4 { sawWeightedSum = true }
        }
        XCTAssertTrue(sawWeightedSum, "stop 3 was never shown")
        XCTAssertEqual(m.cursor, 4)
        XCTAssertEqual(m.lesson?.pendingQuestion(at: 4), 3, "after → the prediction question opens on the same value")
    }
}

/// A lesson whose first question is asked on the very first value still opens on its introduction.
final class LessonIntroductionTests: XCTestCase {
    let text = """
        ---
        id: intro-first
        title: Introduction first
        dataset: notebook
        lr: 0.5
        epochs: 2
        ---

        Read me before anything else.

        ## The target
        id: target
        at: epoch 0, sample 0, phase forward, value y

        The target is {{y}}.

        ### Question
        kind: sign
        ask: What sign does y have?
        answer: {{y}}
        """

    func testTheIntroductionShowsFirstAndArrowOpensTheQuestion() throws {
        let (parsed, diagnostics) = LessonParser.parse(text: text, path: "intro.md")
        XCTAssertEqual(diagnostics.map(\.description), [])
        let lesson = try XCTUnwrap(parsed)
        var m = TutorModel(session: TraceSession(setup: lesson.setup), width: 100, height: 30, ascii: false, color: false,
                           lesson: LessonState(lesson: lesson))
        func screen() -> String { TutorView.view(m).lines.joined(separator: "\n") }
        // y is the second value (event 1), so its question is asked at event 0, where the lesson starts.
        XCTAssertEqual(m.cursor, 0)
        XCTAssertTrue(screen().contains("Read me before anything else."), screen())
        XCTAssertFalse(screen().contains("What sign does y have?"), screen())
        // Keys typed at the introduction are not an answer.
        TutorUpdate.update(&m, .key(.character("+")))
        XCTAssertNil(m.lesson?.feedback[0])
        // → leaves the introduction for the question, without moving past it.
        TutorUpdate.update(&m, .key(.right))
        XCTAssertEqual(m.cursor, 0)
        XCTAssertTrue(screen().contains("What sign does y have?"), screen())
        // [ goes back to the introduction.
        TutorUpdate.update(&m, .key(.escape))
        TutorUpdate.update(&m, .key(.character("[")))
        XCTAssertTrue(screen().contains("Read me before anything else."), screen())
    }
}

final class FeedbackWordingTests: XCTestCase {
    func testTheAnswerIsNotSaidTwice() {
        XCTAssertEqual(LessonFlow.stated("Right", reveal: "down", why: " Lowering W lowers the loss."),
                       "Right: down. Lowering W lowers the loss.")
        XCTAssertEqual(LessonFlow.stated("Right at try 2", reveal: "down", why: " Down: the gradient is positive."),
                       "Right at try 2. Down: the gradient is positive.")
        XCTAssertEqual(LessonFlow.stated("Right", reveal: "a) yes", why: " Yes. Both units are off."), "Right. Yes. Both units are off.")
        XCTAssertEqual(LessonFlow.stated("Skipped", reveal: "the answer is −", why: ""), "Skipped: the answer is −.")
    }
}
