import NNCore
import NNLessons
import NNRender

/// What the lesson panel shows at the cursor: the introduction, an open question, or a stop's text.
enum LessonView {
    static func title(_ lesson: LessonState) -> String {
        let number = lesson.number.map { "lesson \($0) · " } ?? "lesson · "
        return number + lesson.lesson.title + (lesson.completed ? " ✓" : "")
    }

    static func widget(model: TutorModel, lesson: LessonState) -> LessonPanelWidget {
        let stops = lesson.lesson.stops
        let recorder = model.session.recorder
        let continueHint = model.menu != nil ? "] next stop · m course" : "] next stop"
        func panel(_ heading: String, _ body: String, question: QuestionBlock? = nil, footer: String) -> LessonPanelWidget {
            LessonPanelWidget(heading: heading, body: body, question: question, footer: footer, scroll: lesson.scroll,
                              ascii: model.ascii, color: model.color)
        }

        // A question waits: ask it before the value appears (predict, then reveal).
        if let index = lesson.questionAsked(at: model.cursor), let question = stops[index].question,
           let position = lesson.stopPositions[index] {
            let stop = stops[index]
            let heading = "Stop \(index + 1) of \(stops.count): \(stop.title)"
            let atStop = recorder.snapshot(at: position)
            var block = QuestionBlock(prompt: NarrativeRenderer.render(question.prompt, snapshot: atStop),
                                      accepted: question.acceptedAnswersHelp)
            if let given = lesson.feedback[index] {
                block.feedback = given.message
                block.correct = given.isCorrect
                return panel(heading, "", question: block, footer: "→ reveal the value")
            }
            block.input = lesson.answerInput
            block.lastTry = lesson.lastTry[index]
            if lesson.showHint {
                block.hint = question.hint.map { NarrativeRenderer.render($0, snapshot: atStop) } ?? "no hint for this one"
            }
            // Said only where it is true: the value that answers the question is not on screen yet.
            let hidden = model.snapshot.map { !AnswerVisibility.isVisible(stop, asked: $0, stopEvent: atStop) } ?? true
            return panel(heading, hidden ? "*Predict first: the value is revealed after you answer.*" : "",
                         question: block, footer: question.hint == nil ? "Enter check · Esc answer" : "Enter check · Tab hint · Esc answer")
        }

        guard let index = lesson.stopShowing(at: model.cursor), let position = lesson.stopPositions[index] else {
            let first = stops.first.map { "The first stop is “\($0.title)”: press ] to go there (→ steps one value at a time)." } ?? ""
            return panel(lesson.lesson.title, lesson.lesson.intro + "\n\n" + first, footer: continueHint)
        }
        let stop = stops[index]
        // The narrative's {{…}} values are those of the moment the stop binds to.
        let atStop = recorder.snapshot(at: position)
        var body = NarrativeRenderer.render(stop.narrative, snapshot: atStop)
        if stop.question != nil, let given = lesson.feedback[index] {
            body += "\n\n" + (given.isCorrect ? "✓ " : "") + given.message
        }
        let last = index == stops.count - 1
        var footer = last ? (model.menu != nil ? "m course menu · q quit" : "q quit") : continueHint
        if let experiment = stop.experiment {
            if let running = model.experiment {
                body += "\n\n*Experiment: \(running.key) \(running.value) runs beside the lesson's run; both step together.*"
                footer = "x close the experiment · " + footer
            } else {
                // The narrative says what to try and why; the footer gives the key.
                footer = "t try \(experiment.key) · " + footer
            }
        } else if model.experiment != nil {
            footer = "x close the experiment · " + footer
        }
        if last { body += "\n\n" + ending(model: model, lesson: lesson) }
        // Completion goes in the heading too, where it shows even when the text needs scrolling.
        let heading = "Stop \(index + 1) of \(stops.count): \(stop.title)" + (last ? " · lesson complete ✓" : "")
        return panel(heading, body, footer: footer)
    }

    /// The lesson's end: how the questions went, its key points, and what comes next.
    static func ending(model: TutorModel, lesson: LessonState) -> String {
        let card = lesson.scorecard
        var text = "**Lesson complete.**"
        if card.asked > 0 {
            var parts = ["\(card.right) of \(card.asked) question\(card.asked == 1 ? "" : "s") right at the first try"]
            if card.retried > 0 { parts.append("\(card.retried) right after trying again") }
            if card.skipped > 0 { parts.append("\(card.skipped) skipped") }
            text += " " + parts.joined(separator: ", ") + "."
        }
        if !lesson.lesson.keyPoints.isEmpty { text += "\n\n**Key points**\n\n" + lesson.lesson.keyPoints }
        if let menu = model.menu {
            text += menu.isComplete(progress: model.progress)
                ? "\n\nYou have finished the whole course. Press m for the menu, or q to quit."
                : "\n\nPress m for the course menu: it opens on the next lesson to take."
        } else {
            text += "\n\nKeep stepping, or q to quit."
        }
        return text
    }
}

/// The course menu screen.
enum CourseMenuView {
    static func draw(into buffer: inout Buffer, model: TutorModel) {
        guard let menu = model.menu else { return }
        let entries = menu.lessons.enumerated().map { i, lesson -> CourseEntry in
            let saved = model.progress?.lesson(lesson.progressKey)
            var detail = "\(lesson.stops.count) stops"
            if saved?.completed == true {
                detail = "done"
            } else if let stop = saved?.stopIndex, !lesson.stops.isEmpty {
                detail = "resume at stop \(min(max(0, stop), lesson.stops.count - 1) + 1) of \(lesson.stops.count)"
            }
            return CourseEntry(number: i + 1, title: lesson.title, completed: saved?.completed == true, detail: detail, part: lesson.part)
        }
        let done = entries.filter(\.completed).count
        let selected = menu.lessons.indices.contains(menu.selected) ? menu.lessons[menu.selected] : nil
        var footer = "↑↓ or a number choose  Enter open  ? keys  q quit"
        if let note = menu.note { footer = note + " · ? keys  q quit" }
        if let warning = model.progress?.warning { footer = warning }
        let area = Rect(x: 1, y: 0, width: max(0, buffer.width - 2), height: buffer.height)
        let finished = menu.isComplete(progress: model.progress) ? " · course complete ✓" : ""
        let preview = selected.map { $0.title + ". " + MarkdownText.flatten($0.intro) } ?? ""
        CourseMenuWidget(
            title: "nn-tutor · the course: how a neural network learns · \(done) of \(entries.count) done" + finished,
            entries: entries, selected: menu.selected,
            description: preview,
            footer: footer, ascii: model.ascii, color: model.color
        ).render(into: &buffer, area: area)
    }
}
