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
        let continueHint = model.menu != nil ? "→ continue  m course" : "→ continue"

        // A question waits: ask it before the value appears (predict, then reveal).
        if let index = lesson.questionAsked(at: model.cursor), let question = stops[index].question {
            let stop = stops[index]
            let heading = "Stop \(index + 1) of \(stops.count): \(stop.title)"
            var block = QuestionBlock(prompt: question.prompt, accepted: question.acceptedAnswersHelp)
            if let given = lesson.feedback[index] {
                block.feedback = given.message
                block.correct = given.isCorrect
                return LessonPanelWidget(heading: heading, body: "", question: block,
                                         footer: "→ reveal the value", scroll: lesson.scroll, ascii: model.ascii, color: model.color)
            }
            block.input = lesson.answerInput
            if lesson.showHint { block.hint = question.hint.map { NarrativeRenderer.render($0, snapshot: model.snapshot) } ?? "no hint for this one" }
            return LessonPanelWidget(heading: heading, body: "Predict first: the value is revealed after you answer.",
                                     question: block, footer: "Enter check  Tab hint  Esc skip",
                                     scroll: lesson.scroll, ascii: model.ascii, color: model.color)
        }

        guard let index = lesson.stopShowing(at: model.cursor), let position = lesson.stopPositions[index] else {
            let first = stops.first.map { "The first stop is “\($0.title)”: press → to step there." } ?? ""
            return LessonPanelWidget(heading: lesson.lesson.title, body: Prose.forPanel(lesson.lesson.intro) + "\n\n" + first,
                                     footer: continueHint, scroll: lesson.scroll, ascii: model.ascii, color: model.color)
        }
        let stop = stops[index]
        // The narrative's {{…}} values are those of the moment the stop binds to.
        let atStop = recorder.snapshot(at: position)
        var body = Prose.forPanel(NarrativeRenderer.render(stop.narrative, snapshot: atStop))
        if stop.question != nil, let given = lesson.feedback[index] {
            body += "\n\nYou predicted: " + given.message
        }
        let last = index == stops.count - 1
        if last {
            body += "\n\n✓ Lesson complete." + (model.menu != nil ? " Press m for the course menu." : " Keep stepping, or q to quit.")
        }
        // Completion goes in the heading too, where it shows even when the text needs scrolling.
        let heading = "Stop \(index + 1) of \(stops.count): \(stop.title)" + (last ? " · lesson complete ✓" : "")
        return LessonPanelWidget(heading: heading, body: body, footer: continueHint, scroll: lesson.scroll,
                                 ascii: model.ascii, color: model.color)
    }
}

/// Lesson Markdown made fit for a terminal panel: lines of a paragraph joined (the panel wraps
/// them to its width), blank lines kept as paragraph breaks, list items kept on their own lines,
/// and the emphasis and code markers (*, **, `) dropped.
enum Prose {
    static func forPanel(_ markdown: String) -> String {
        var paragraphs: [String] = []
        var current = ""
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.drop(while: { $0 == " " })
            let isItem = line.hasPrefix("- ") || line.hasPrefix("* ") || line.first?.isNumber == true && line.contains(". ")
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current) }
                paragraphs.append("")
                current = ""
            } else if isItem || current.isEmpty {
                if !current.isEmpty { paragraphs.append(current) }
                current = line.hasPrefix("* ") ? "- " + line.dropFirst(2) : String(line)
            } else {
                current += " " + line
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        var text = paragraphs.joined(separator: "\n")
        for marker in ["**", "`"] { text = text.replacing(marker, with: "") }
        // Single asterisks around a word: *raise* → raise (a lone "*" in math, like a·b, stays).
        text = text.replacing(/\*([^*\s][^*]*?)\*/) { String($0.output.1) }
        while text.contains("\n\n\n") { text = text.replacing("\n\n\n", with: "\n\n") }
        return text
    }
}

/// The course menu screen.
enum CourseMenuView {
    static func draw(into buffer: inout Buffer, model: TutorModel) {
        guard let menu = model.menu else { return }
        let entries = menu.lessons.enumerated().map { i, lesson -> CourseEntry in
            let saved = model.progress?.lesson(lesson.id)
            var detail = "\(lesson.stops.count) stops"
            if saved?.completed == true {
                detail = "done"
            } else if let stop = saved?.stopIndex, !lesson.stops.isEmpty {
                detail = "resume at stop \(min(max(0, stop), lesson.stops.count - 1) + 1) of \(lesson.stops.count)"
            }
            return CourseEntry(number: i + 1, title: lesson.title, completed: saved?.completed == true, detail: detail)
        }
        let done = entries.filter(\.completed).count
        let selected = menu.lessons.indices.contains(menu.selected) ? menu.lessons[menu.selected] : nil
        var footer = "↑↓ choose  Enter open  ? keys  q quit"
        if let warning = model.progress?.warning { footer = warning }
        let area = Rect(x: 1, y: 0, width: max(0, buffer.width - 2), height: buffer.height)
        CourseMenuWidget(
            title: "nn-tutor · the course: how a neural network learns · \(done) of \(entries.count) done",
            entries: entries, selected: menu.selected,
            description: selected.map { $0.title + ". " + $0.intro } ?? "",
            footer: footer, ascii: model.ascii, color: model.color
        ).render(into: &buffer, area: area)
    }
}
