import NNCore
import NNLessons
import NNRender

/// The lesson rules of the walkthrough: pausing at stops, asking before revealing, saving progress.
enum LessonFlow {
    /// Starts (or resumes) the model's lesson: finds the stops so far, and returns to the saved
    /// position and answers, if any.
    static func begin(_ model: inout TutorModel) {
        guard var lesson = model.lesson else { return }
        if let progress = model.progress {
            let saved = progress.lesson(lesson.lesson.id)
            for (i, stop) in lesson.lesson.stops.enumerated() {
                if let answer = saved.answers[stop.id] {
                    lesson.feedback[i] = QuestionFeedback(
                        outcome: answer.correct ? .correct : .incorrect,
                        message: "You answered \(answer.answer) last time (\(answer.correct ? "correct" : "not quite")).")
                }
            }
            lesson.completed = saved.completed
            // A saved position far beyond what the lesson trains (a hand-edited file) is not chased.
            if let event = saved.eventIndex, event > 0,
               model.session.record(throughEvent: event, maximumNewSteps: TutorUpdate.trainingBudgetPerKey) {
                model.cursor = event
                model.notice = "welcome back: resuming where you left off (g goes to the start)"
            }
        }
        lesson.locator.advance(recorder: model.session.recorder)
        model.lesson = lesson
    }

    /// Moves the cursor forward to `target` (already recorded), stopping at the first stop on the way.
    static func moveForward(_ model: inout TutorModel, to target: Int) {
        guard var lesson = model.lesson else {
            model.cursor = target
            return
        }
        lesson.locator.advance(recorder: model.session.recorder)
        // On a stop whose text shows while the next stop's question is asked on this same value:
        // moving on opens that question first, without moving.
        if let next = lesson.stopPositions.firstIndex(where: { $0 == model.cursor + 1 }),
           lesson.lesson.stops[next].question != nil, lesson.feedback[next] == nil,
           let waiting = lesson.stopWaiting(at: model.cursor, before: next) {
            lesson.continued.insert(waiting)
            model.lesson = lesson
            model.autoplay = false
            return
        }
        model.lesson = lesson
        guard let pause = lesson.pause(movingFrom: model.cursor, to: target) else {
            model.cursor = target
            return
        }
        if pause.cursor == model.cursor {
            model.notice = "answer the question first: type it and press Enter (Esc skips it)"
        } else if target > model.cursor + 1 {
            model.notice = "stopped at a lesson stop on the way; press the key again to go on"
        }
        model.cursor = pause.cursor
        model.autoplay = false
        model.lesson?.scroll = 0
        model.lesson?.showHint = false
        if lesson.stopPositions[pause.stop] == pause.cursor { reached(&model, stop: pause.stop) }
    }

    /// Records that the learner reached a stop; reaching the last one completes the lesson.
    static func reached(_ model: inout TutorModel, stop: Int) {
        guard let lesson = model.lesson else { return }
        let id = lesson.lesson.id
        // Each of these saves (atomically, merged with the file) as it records.
        model.progress?.recordPosition(lesson: id, stopIndex: stop, eventIndex: model.cursor)
        if stop == lesson.lesson.stops.count - 1 {
            model.lesson?.completed = true
            model.progress?.markCompleted(lesson: id)
        }
    }

    /// Keys while a question waits for its answer. Returns false for keys that are not about the answer.
    static func answerKey(_ model: inout TutorModel, _ key: InputKey, stop: Int) -> Bool {
        guard var lesson = model.lesson, let question = lesson.lesson.stops[stop].question,
              let position = lesson.stopPositions[stop] else { return false }
        switch key {
        case .character(let c):
            if lesson.answerInput.count < 40 { lesson.answerInput.append(c) }
        case .backspace:
            if !lesson.answerInput.isEmpty { lesson.answerInput.removeLast() }
        case .tab:
            lesson.showHint = true
        case .enter:
            // The answer is checked against the value the next step reveals.
            let revealed = model.session.recorder.snapshot(at: position)
            let result = question.check(answer: lesson.answerInput, snapshot: revealed)
            if result.outcome == .invalid {
                model.notice = result.message
            } else {
                lesson.feedback[stop] = QuestionFeedback(
                    outcome: result.outcome, message: "You answered \(lesson.answerInput). " + result.message)
                let id = lesson.lesson.id
                model.progress?.recordAnswer(lesson: id, stop: lesson.lesson.stops[stop].id, answer: lesson.answerInput, correct: result.isCorrect)
                lesson.answerInput = ""
            }
        case .escape:
            let revealed = model.session.recorder.snapshot(at: position)
            let why = question.feedback.map { " " + NarrativeRenderer.render($0, snapshot: revealed) } ?? ""
            lesson.feedback[stop] = QuestionFeedback(
                outcome: .incorrect, message: "Skipped: the answer is \(question.answerText(snapshot: revealed))." + why)
            lesson.answerInput = ""
        default:
            return false
        }
        model.lesson = lesson
        return true
    }

    /// Keys of the course menu.
    static func menuKey(_ model: inout TutorModel, _ key: InputKey) {
        guard var menu = model.menu else { return }
        switch key {
        case .up, .character("k"): menu.move(by: -1)
        case .down, .character("j"): menu.move(by: 1)
        case .home, .character("g"): menu.selected = 0
        case .end, .character("G"): menu.selected = max(0, menu.lessons.count - 1)
        case .character(let c) where c.isASCII && c.isNumber:
            if let n = c.wholeNumberValue, n >= 1, n <= menu.lessons.count { menu.selected = n - 1 }
            if c == "0", menu.lessons.count >= 10 { menu.selected = 9 }
        case .enter, .right, .character(" "), .character("l"):
            model.menu = menu
            open(&model, lesson: menu.selected)
            return
        case .character("q"), .control("d"), .escape:
            model.shouldQuit = true
        case .character("?"):
            model.showHelp = true
        default:
            break
        }
        model.menu = menu
    }

    /// Opens lesson `index` of the course in the walkthrough.
    static func open(_ model: inout TutorModel, lesson index: Int) {
        guard let menu = model.menu, menu.lessons.indices.contains(index) else { return }
        let lesson = menu.lessons[index]
        model.session = TraceSession(setup: lesson.setup)
        model.cursor = 0
        model.autoplay = false
        model.menu?.isShowing = false
        model.menu?.selected = index
        model.lesson = LessonState(lesson: lesson, number: index + 1)
        begin(&model)
    }

    /// Back to the course menu from a lesson (m), marking where the learner is.
    static func showMenu(_ model: inout TutorModel) {
        guard model.menu != nil else {
            model.notice = "no course menu here: run nn-tutor with no flags to open the course"
            return
        }
        model.menu?.isShowing = true
        model.menu?.selectResumable(progress: model.progress)
        if let number = model.lesson?.number { model.menu?.selected = number - 1 }
        model.autoplay = false
    }
}
