import NNCore
import NNLessons
import NNRender

/// The lesson rules of the walkthrough: pausing at stops, asking before revealing, retrying,
/// moving from stop to stop, and saving progress.
enum LessonFlow {
    /// Starts (or resumes) the model's lesson: finds the stops so far, and returns to the saved
    /// position and answers, if any.
    static func begin(_ model: inout TutorModel) {
        guard var lesson = model.lesson else { return }
        if let progress = model.progress {
            let saved = progress.lesson(lesson.lesson.progressKey)
            for (i, stop) in lesson.lesson.stops.enumerated() {
                guard let answer = saved.answers[stop.id] else { continue }
                let reveal = answer.reveal.map { " The answer is \($0)." } ?? ""
                if answer.wasSkipped {
                    lesson.feedback[i] = QuestionFeedback(outcome: .incorrect, message: "You skipped this one last time." + reveal)
                    lesson.skipped.insert(i)
                } else if answer.correct {
                    lesson.feedback[i] = QuestionFeedback(outcome: .correct, message: "You answered \(answer.answer) last time, which is right." + reveal)
                    lesson.tries[i] = max(0, (answer.attempts ?? 1) - 1)
                } else {
                    // Still open: a wrong answer can be tried again.
                    lesson.tries[i] = answer.attempts ?? 1
                    lesson.lastTry[i] = "Last time you answered \(answer.answer), which is not it. Try again."
                }
            }
            lesson.completed = saved.completed
            // A saved position far beyond what the lesson trains (a hand-edited file) is not chased.
            if let event = saved.eventIndex, event > 0,
               model.session.record(throughEvent: event, maximumNewSteps: TutorUpdate.trainingBudgetPerKey) {
                model.cursor = event
                lesson.showingIntroduction = false
                model.notice = "welcome back: resuming where you left off ([ and ] move between stops, g to the start)"
            }
        }
        lesson.locator.advance(recorder: model.session.recorder)
        model.lesson = lesson
        followStopPanel(&model)
    }

    /// Moves the cursor forward to `target` (already recorded), stopping at the first stop on the way.
    /// `announcing`: say so when a stop on the way ends the move early (not for ], which goes to a stop).
    static func moveForward(_ model: inout TutorModel, to target: Int, announcing: Bool = true) {
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
            arrivedAtQuestion(&model)
            followStopPanel(&model)
            return
        }
        let moves = pause.cursor != model.cursor
        if pause.cursor == model.cursor {
            model.notice = "answer the question first: type it and press Enter (Esc shows the answer)"
        } else if target > model.cursor + 1, announcing {
            let asks = lesson.lesson.stops[pause.stop].question != nil && lesson.feedback[pause.stop] == nil
            model.notice = asks ? "stopped at a question on the way: answer it (Esc shows the answer), then go on"
                : "stopped at a lesson stop on the way; press the key again to go on"
        }
        model.cursor = pause.cursor
        model.autoplay = false
        model.lesson?.scroll = 0
        model.lesson?.showHint = false
        if lesson.stopPositions[pause.stop] == pause.cursor {
            reached(&model, stop: pause.stop)
        } else if moves {
            arrivedAtQuestion(&model)
        }
        followStopPanel(&model)
    }

    /// A question is asked one event before its stop's value: arriving there is arriving at that
    /// stop, which is saved as the learner's place.
    static func arrivedAtQuestion(_ model: inout TutorModel) {
        guard let stop = model.lesson?.pendingQuestion(at: model.cursor) else { return }
        savePosition(&model, stop: stop)
    }

    /// A narrow screen shows beside the lesson the panel the current stop asks for.
    static func followStopPanel(_ model: inout TutorModel) {
        guard let lesson = model.lesson else { return }
        let index = lesson.stopShowing(at: model.cursor) ?? lesson.questionAsked(at: model.cursor)
        model.lowerPanel = index.flatMap { lesson.lesson.stops[$0].panel } ?? .diagram
    }

    /// `]`: on to the next stop, training as far as needed (within the key's budget).
    static func nextStop(_ model: inout TutorModel) {
        guard var lesson = model.lesson else { return }
        var budget = TutorUpdate.trainingBudgetPerKey
        let session = model.session
        func upcoming(_ lesson: LessonState) -> Int? {
            // The first stop after the cursor; a question asked one event early counts from there.
            lesson.stopPositions.compactMap { $0 }.first { $0 > model.cursor && !(lesson.pendingQuestion(at: model.cursor) != nil && $0 == model.cursor + 1) }
        }
        while upcoming(lesson) == nil && !lesson.locator.isComplete && !session.isComplete && budget > 0 {
            let slice = min(budget, 256)
            session.trainer.run(steps: slice)
            budget -= slice
            lesson.locator.advance(recorder: session.recorder)
        }
        model.lesson = lesson
        guard let target = upcoming(lesson) else {
            model.notice = lesson.locator.isComplete || session.isComplete
                ? "no stop after this one: the lesson ends here (m for the course menu)"
                : "the next stop is far ahead: trained up to epoch \(session.trainer.epoch); press ] again to go on"
            return
        }
        moveForward(&model, to: target, announcing: false)
    }

    /// `[`: back to the previous stop's value.
    static func previousStop(_ model: inout TutorModel) {
        guard let lesson = model.lesson, !lesson.showingIntroduction else {
            model.notice = "at the lesson's introduction"
            return
        }
        let current = lesson.stopShowing(at: model.cursor)
        let earlier = lesson.stopPositions.prefix(current.map { lesson.stopPositions[$0] == model.cursor ? $0 : $0 + 1 } ?? 0)
        guard let target = earlier.compactMap({ $0 }).last(where: { $0 < model.cursor }) else {
            model.cursor = 0
            model.lesson?.showingIntroduction = true
            model.lesson?.scroll = 0
            model.notice = "at the lesson's introduction"
            followStopPanel(&model)
            return
        }
        model.cursor = target
        model.lesson?.scroll = 0
        followStopPanel(&model)
    }

    /// A key that moves on leaves the introduction. Returns true when that is all it does: when
    /// the first stop's question waits on the value already on screen, → and ] open it there.
    static func leaveIntroduction(_ model: inout TutorModel, _ key: InputKey) -> Bool {
        guard model.lesson?.showingIntroduction == true else { return false }
        let moves: [InputKey] = [.right, .character(" "), .character("l"), .character("]"), .character("n"), .character("e"),
                                 .character("G"), .end, .character(":"), .character("r")]
        guard moves.contains(key) else { return false }
        model.lesson?.showingIntroduction = false
        model.lesson?.scroll = 0
        let stepping: [InputKey] = [.right, .character(" "), .character("l"), .character("]")]
        return stepping.contains(key) && (model.lesson?.pendingQuestion(at: model.cursor) != nil
            || model.lesson?.stopShowing(at: model.cursor) != nil)
    }

    /// Saves the cursor as the learner's place, at `stop`: where the lesson resumes.
    static func savePosition(_ model: inout TutorModel, stop: Int) {
        guard let lesson = model.lesson else { return }
        // Saves atomically, merged with the file.
        model.progress?.recordPosition(lesson: lesson.lesson.progressKey, stopIndex: stop, eventIndex: model.cursor)
    }

    /// Records that the learner reached a stop; reaching the last one completes the lesson.
    static func reached(_ model: inout TutorModel, stop: Int) {
        guard let lesson = model.lesson else { return }
        let id = lesson.lesson.progressKey
        savePosition(&model, stop: stop)
        if stop == lesson.lesson.stops.count - 1 {
            model.lesson?.completed = true
            model.progress?.markCompleted(lesson: id)
        }
    }

    /// Keys while a question waits for its answer. Returns false for keys that are not about the answer.
    /// An answer, right or wrong, and giving up save this stop as the learner's place: the question
    /// may have been asked without a move onto it (on the previous stop's value).
    static func answerKey(_ model: inout TutorModel, _ key: InputKey, stop: Int) -> Bool {
        guard var lesson = model.lesson, let question = lesson.lesson.stops[stop].question,
              let position = lesson.stopPositions[stop] else { return false }
        let id = lesson.lesson.progressKey, stopID = lesson.lesson.stops[stop].id
        switch key {
        case .character("q") where lesson.answerInput.isEmpty:
            // No answer is the letter q: quit, as everywhere else.
            model.shouldQuit = true
            return true
        case .character("["), .character("]"):
            return false  // moving between stops, not part of any answer
        case .character(let c):
            if lesson.answerInput.count < 40 { lesson.answerInput.append(c) }
        case .backspace:
            if !lesson.answerInput.isEmpty { lesson.answerInput.removeLast() }
        case .tab:
            lesson.showHint = true
        case .enter:
            // The answer is checked against the value the next step reveals.
            let revealed = model.session.recorder.snapshot(at: position)
            let typed = lesson.answerInput
            let result = question.check(answer: typed, snapshot: revealed)
            switch result.outcome {
            case .invalid:
                model.notice = result.message
            case .correct:
                let attempts = (lesson.tries[stop] ?? 0) + 1
                let reveal = question.answerText(snapshot: revealed)
                let why = question.feedback.map { " " + NarrativeRenderer.render($0, snapshot: revealed) } ?? ""
                let tries = lesson.tries[stop] ?? 0
                let opening = "Right" + (tries > 0 ? " at try \(tries + 1)" : "")
                lesson.feedback[stop] = QuestionFeedback(outcome: .correct, message: stated(opening, reveal: reveal, why: why))
                lesson.lastTry[stop] = nil
                lesson.answerInput = ""
                model.progress?.recordAnswer(lesson: id, stop: stopID, RecordedAnswer(
                    answer: typed, correct: true, attempts: attempts, reveal: reveal))
                savePosition(&model, stop: stop)
            case .incorrect:
                // Wrong: the question stays open, so the learner can think again.
                let attempts = (lesson.tries[stop] ?? 0) + 1
                lesson.tries[stop] = attempts
                lesson.lastTry[stop] = "\(typed) is not it. Try again" + (question.hint == nil ? "" : ": Tab shows a hint, ")
                    + (question.hint == nil ? ", or Esc shows the answer." : "Esc shows the answer.")
                lesson.answerInput = ""
                model.progress?.recordAnswer(lesson: id, stop: stopID, RecordedAnswer(answer: typed, correct: false, attempts: attempts))
                savePosition(&model, stop: stop)
            }
        case .escape:
            let revealed = model.session.recorder.snapshot(at: position)
            let why = question.feedback.map { " " + NarrativeRenderer.render($0, snapshot: revealed) } ?? ""
            let answer = question.answerText(snapshot: revealed)
            let tries = lesson.tries[stop] ?? 0
            let opening = tries == 0 ? "Skipped" : "After \(tries) tr\(tries == 1 ? "y" : "ies")"
            lesson.feedback[stop] = QuestionFeedback(outcome: .incorrect, message: stated(opening, reveal: "the answer is " + answer, why: why))
            lesson.skipped.insert(stop)
            lesson.lastTry[stop] = nil
            lesson.answerInput = ""
            // The last wrong answer, if there was one, stays on record beside the skip.
            let lastTyped = tries > 0 ? model.progress?.lesson(id).answers[stopID]?.answer ?? "" : ""
            model.progress?.recordAnswer(lesson: id, stop: stopID, RecordedAnswer(
                answer: lastTyped, correct: false, skipped: true, attempts: tries, reveal: answer))
            savePosition(&model, stop: stop)
        default:
            return false
        }
        model.lesson = lesson
        return true
    }

    /// "Right: down. Lowering W lowers the loss." — but when the feedback itself opens with the
    /// answer ("Down: …", "Yes, …"), the answer is not said twice: "Right. Down: …".
    static func stated(_ opening: String, reveal: String, why: String) -> String {
        let answerWord = reveal.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).last.map { $0.lowercased() }
        let firstWord = why.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first.map { $0.lowercased() }
        if let answerWord, answerWord == firstWord { return opening + "." + why }
        return opening + ": " + reveal + "." + why
    }

    /// Keys of the course menu.
    static func menuKey(_ model: inout TutorModel, _ key: InputKey) {
        guard var menu = model.menu else { return }
        if key != .enter, case .character(let c) = key, c.isASCII, c.isNumber {} else { menu.typedNumber = "" }
        switch key {
        case .up, .character("k"): menu.move(by: -1)
        case .down, .character("j"): menu.move(by: 1)
        case .home, .character("g"): menu.selected = 0
        case .end, .character("G"): menu.selected = max(0, menu.lessons.count - 1)
        case .character(let c) where c.isASCII && c.isNumber:
            // Lesson numbers of any length: "1", then "2" within the same typing, is lesson 12.
            let joined = menu.typedNumber + String(c)
            if let n = Int(joined), n >= 1, n <= menu.lessons.count {
                menu.typedNumber = joined
                menu.selected = n - 1
            } else if let n = c.wholeNumberValue, n >= 1, n <= menu.lessons.count {
                menu.typedNumber = String(c)
                menu.selected = n - 1
            } else {
                menu.typedNumber = ""
            }
        case .enter, .right, .character(" "), .character("l"):
            model.menu = menu
            open(&model, lesson: menu.selected)
            return
        case .character("q"), .control("d"):
            model.shouldQuit = true
        case .character("R"):
            model.confirm = .resetCourse
        case .character("?"):
            model.overlay = .help
        default:
            break  // Esc and unknown keys do nothing here: the menu is left with q
        }
        model.menu = menu
    }

    /// Opens lesson `index` of the course in the walkthrough.
    static func open(_ model: inout TutorModel, lesson index: Int) {
        guard let menu = model.menu, menu.lessons.indices.contains(index) else { return }
        let lesson = menu.lessons[index]
        model.session = TraceSession(setup: lesson.setup)
        // An experiment belongs to the lesson it was started in.
        model.comparison = nil
        model.experiment = nil
        model.cursor = 0
        model.autoplay = false
        model.menu?.isShowing = false
        model.menu?.selected = index
        model.lesson = LessonState(lesson: lesson, number: index + 1)
        begin(&model)
    }

    /// `R` confirmed: the lesson from its start, its answers forgotten.
    static func restart(_ model: inout TutorModel) {
        guard let lesson = model.lesson else { return }
        model.progress?.reset(lesson: lesson.lesson.progressKey)
        model.lesson = LessonState(lesson: lesson.lesson, number: lesson.number)
        model.cursor = 0
        model.comparison = nil
        model.experiment = nil
        model.autoplay = false
        begin(&model)
        model.notice = "the lesson starts again from its introduction"
    }

    /// Back to the course menu from a lesson (m), on the lesson to take next.
    static func showMenu(_ model: inout TutorModel) {
        guard model.menu != nil else {
            model.notice = "no course menu here: run nn-tutor with no flags to open the course"
            return
        }
        model.menu?.isShowing = true
        if let number = model.lesson?.number {
            model.menu?.selected = number - 1
            if model.lesson?.completed == true { model.menu?.selectNextUnfinished(after: number - 1, progress: model.progress) }
        } else {
            model.menu?.selectResumable(progress: model.progress)
        }
        model.autoplay = false
    }
}
