import NNCore
import NNLessons
import NNRender

/// The walkthrough's pure view: model → buffer. Nothing here touches a terminal.
public enum TutorView {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public static func view(_ model: TutorModel) -> Buffer {
        var buffer = Buffer(width: model.width, height: model.height)
        guard model.width >= minimumWidth, model.height >= minimumHeight else {
            drawTooSmall(into: &buffer, model: model)
            return buffer
        }
        if model.menu?.isShowing == true {
            CourseMenuView.draw(into: &buffer, model: model)
            if model.showHelp {
                HelpOverlayWidget(entries: KeyHelp.menuEntries, title: "keys", ascii: model.ascii)
                    .render(into: &buffer, area: buffer.area)
            }
            return buffer
        }
        let snapshot = model.snapshot
        if let comparison = model.comparison {
            ComparisonView.draw(into: &buffer, model: model, comparison: comparison)
            StatusBarWidget(items: statusItems(model, snapshot: snapshot), hint: keyHint(model), ascii: model.ascii, color: model.color)
                .render(into: &buffer, area: Rect(x: 0, y: model.height - 1, width: model.width, height: 1))
            if model.showHelp {
                HelpOverlayWidget(entries: KeyHelp.entries, title: "keys", ascii: model.ascii).render(into: &buffer, area: buffer.area)
            }
            return buffer
        }
        let layout = TutorLayout(width: model.width, height: model.height, lesson: model.lesson != nil)
        drawTitle(into: &buffer, model: model, area: layout.title)
        if let lessonArea = layout.lesson, let lesson = model.lesson {
            drawPanel(LessonView.title(lesson), into: &buffer, model: model, area: lessonArea) { buffer, inner in
                LessonView.widget(model: model, lesson: lesson).render(into: &buffer, area: inner)
            }
        }
        drawEquations(into: &buffer, model: model, snapshot: snapshot, area: layout.equations)
        if !layout.diagram.isEmpty {
            drawPanel("network", into: &buffer, model: model, area: layout.diagram) { buffer, inner in
                NetworkDiagramWidget(snapshot: snapshot, schema: model.session.trainer.schema, ascii: model.ascii, color: model.color)
                    .render(into: &buffer, area: inner)
            }
        }
        drawPanel(layout.boundary.width >= 34 ? "decision boundary  x₁ →  x₂ ↑" : "boundary", into: &buffer, model: model, area: layout.boundary) { buffer, inner in
            let sample = snapshot?.event.phase == .epoch ? nil : snapshot?.event.sample
            DecisionBoundaryWidget(
                // Before the first step publishes its weights, the network holds its initial draw.
                network: snapshot?.network ?? model.session.trainer.initialNetwork, samples: model.session.trainer.dataset.samples,
                currentSample: sample, ascii: model.ascii, color: model.color
            ).render(into: &buffer, area: inner)
        }
        if !layout.sparkline.isEmpty {
            drawPanel(layout.sparkline.width >= 34 ? "loss per epoch  L = Σ(y − ŷ)²" : "loss per epoch", into: &buffer, model: model, area: layout.sparkline) { buffer, inner in
                SparklineWidget(values: Array(snapshot?.epochLosses ?? []), ascii: model.ascii).render(into: &buffer, area: inner)
            }
        }
        StatusBarWidget(items: statusItems(model, snapshot: snapshot), hint: keyHint(model), ascii: model.ascii, color: model.color)
            .render(into: &buffer, area: layout.status)
        if model.showHelp {
            HelpOverlayWidget(entries: KeyHelp.entries, title: "keys", ascii: model.ascii)
                .render(into: &buffer, area: buffer.area)
        }
        return buffer
    }

    static func drawPanel(
        _ title: String, into buffer: inout Buffer, model: TutorModel, area: Rect,
        content: (inout Buffer, Rect) -> Void
    ) {
        let frame = Frame(title: model.ascii ? ASCIIFallback.transliterate(title) : title, ascii: model.ascii)
        frame.render(into: &buffer, area: area)
        content(&buffer, Frame.inner(of: area))
    }

    static func drawTitle(into buffer: inout Buffer, model: TutorModel, area: Rect) {
        let setup = model.session.setup
        var title = "nn-tutor · \(setup.networkWords) learns \(setup.data.displayName) · mode \(setup.modeLabel) · η = \(NumberFormat.parameter(setup.learningRate)) · seed \(setup.seed)"
        if model.ascii { title = ASCIIFallback.transliterate(title) }
        buffer.write(title, x: area.x + 1, y: area.y, style: .bold, clip: area)
    }

    static func drawEquations(into buffer: inout Buffer, model: TutorModel, snapshot: TraceSnapshot?, area: Rect) {
        let heading: String
        if let event = snapshot?.event {
            heading = event.phase == .epoch
                ? "equations · end of epoch \(event.epoch)"
                : "equations · epoch \(event.epoch) · sample \(event.sample ?? 0) · \(event.phase.rawValue)"
        } else {
            heading = "equations"
        }
        drawPanel(heading, into: &buffer, model: model, area: area) { buffer, inner in
            var lines = snapshot.map { model.session.equations.lines($0.values) } ?? []
            if let snapshot {
                let total = snapshot.event.phase == .epoch ? snapshot.event.value.first : nil
                lines.append(model.session.equations.epochLoss(sampleLosses: snapshot.epochSampleLosses, total: total))
            }
            let current = snapshot?.event.entry.id
            EquationsWidget(lines: lines, current: current, ascii: model.ascii, color: model.color)
                .render(into: &buffer, area: inner)
        }
    }

    static func statusItems(_ model: TutorModel, snapshot: TraceSnapshot?) -> [String] {
        var items: [String] = []
        if let jump = model.jumpInput {
            return [":\(jump)▏  jump to epoch: type a number, Enter to go, Esc to cancel"]
        }
        if let notice = model.notice { items.append(notice) }
        if let event = snapshot?.event {
            items.append("epoch \(event.epoch)")
            if let sample = event.sample {
                items.append("sample \(sample)")
                items.append(event.phase.rawValue)
            } else {
                items.append("epoch end")
            }
        }
        let total = model.session.isComplete ? model.session.recorder.count : model.session.totalEventsEstimate
        items.append("step \(model.cursor + 1) of \(total.map(String.init) ?? "?")")
        items.append("η \(NumberFormat.parameter(model.session.setup.learningRate))")
        // The title carries the mode; narrow screens leave it out here to fit the keys hint.
        if model.width >= 100 { items.append(model.session.setup.modeLabel) }
        if model.autoplay { items.append("▶ \(NumberFormat.short(Autoplay.speeds[model.speedIndex]))/s") }
        return items
    }

    static func keyHint(_ model: TutorModel) -> String {
        if model.jumpInput != nil { return "" }
        if model.lesson?.pendingQuestion(at: model.cursor) != nil { return "Enter check  Tab hint  Esc skip" }
        // Narrow screens keep the one hint that leads to the rest.
        if model.width < 120 { return "? keys" }
        return model.menu != nil ? "→ next  ← back  m course  ? keys  q quit" : "→ next  ← back  ? keys  q quit"
    }

    static func drawTooSmall(into buffer: inout Buffer, model: TutorModel) {
        let lines = [
            "nn-tutor needs a larger terminal:",
            "enlarge the terminal to at least \(minimumWidth)×\(minimumHeight)",
            "(now \(model.width)×\(model.height)); q quits",
        ].map { model.ascii ? ASCIIFallback.transliterate($0) : $0 }
        let top = max(0, (model.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (model.width - line.count) / 2)
            buffer.write(line, x: x, y: top + i, style: i == 1 ? .bold : .plain)
        }
    }
}

/// Where each panel goes: stacked at 80 columns, side by side when wide. With a lesson, its
/// panel takes the lower part of the equations column (wide) or the diagram's place (narrow).
struct TutorLayout {
    var title: Rect
    var equations: Rect
    var diagram: Rect
    var boundary: Rect
    var sparkline: Rect
    var status: Rect
    var lesson: Rect?

    init(width: Int, height: Int, lesson hasLesson: Bool = false) {
        title = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let bodyTop = 1, bodyHeight = height - 2
        if width >= 110 {
            // Equations on the left; diagram, boundary and loss stacked on the right.
            let rightWidth = min(52, width / 2 - 4)
            let leftWidth = width - rightWidth
            if hasLesson {
                let lessonHeight = max(12, bodyHeight * 9 / 20)
                equations = Rect(x: 0, y: bodyTop, width: leftWidth, height: bodyHeight - lessonHeight)
                lesson = Rect(x: 0, y: bodyTop + bodyHeight - lessonHeight, width: leftWidth, height: lessonHeight)
            } else {
                equations = Rect(x: 0, y: bodyTop, width: leftWidth, height: bodyHeight)
            }
            let diagramHeight = 13
            let sparkHeight = 6
            diagram = Rect(x: leftWidth, y: bodyTop, width: rightWidth, height: diagramHeight)
            boundary = Rect(x: leftWidth, y: bodyTop + diagramHeight, width: rightWidth,
                            height: bodyHeight - diagramHeight - sparkHeight)
            sparkline = Rect(x: leftWidth, y: bodyTop + bodyHeight - sparkHeight, width: rightWidth, height: sparkHeight)
        } else if hasLesson {
            // Equations across the top; the lesson and the boundary side by side below. The
            // equations already carry every value the diagram would show.
            let lowerHeight = max(10, bodyHeight / 2)
            equations = Rect(x: 0, y: bodyTop, width: width, height: bodyHeight - lowerHeight)
            let lowerTop = bodyTop + bodyHeight - lowerHeight
            let boundaryWidth = 25
            lesson = Rect(x: 0, y: lowerTop, width: width - boundaryWidth, height: lowerHeight)
            boundary = Rect(x: width - boundaryWidth, y: lowerTop, width: boundaryWidth, height: lowerHeight)
            diagram = Rect(x: 0, y: 0, width: 0, height: 0)
            sparkline = Rect(x: 0, y: 0, width: 0, height: 0)
        } else {
            // Equations across the top; diagram, boundary and loss side by side below. From
            // about 100×28 the diagram gets the 47×12 it needs to draw in full.
            let roomy = width >= 97 && bodyHeight >= 26
            let lowerHeight = roomy ? 12 : max(9, bodyHeight * 2 / 5)
            equations = Rect(x: 0, y: bodyTop, width: width, height: bodyHeight - lowerHeight)
            let lowerTop = bodyTop + bodyHeight - lowerHeight
            let boundaryWidth = 25
            let diagramWidth = roomy ? 47 : min(46, (width - boundaryWidth) * 3 / 5)
            diagram = Rect(x: 0, y: lowerTop, width: diagramWidth, height: lowerHeight)
            boundary = Rect(x: diagramWidth, y: lowerTop, width: boundaryWidth, height: lowerHeight)
            sparkline = Rect(x: diagramWidth + boundaryWidth, y: lowerTop,
                             width: width - diagramWidth - boundaryWidth, height: lowerHeight)
        }
    }
}

/// The key table, shown by `?` and printed in the README.
public enum KeyHelp {
    public static let entries: [(keys: String, action: String)] = [
        ("space  →  l", "next value"),
        ("←  h", "previous value (time travel)"),
        ("n / N", "next / previous sample"),
        ("e / E", "next / previous epoch"),
        ("g / G", "first / last step"),
        (":<epoch> Enter", "jump to an epoch"),
        ("r", "run / pause autoplay"),
        ("+ / −", "autoplay faster / slower"),
        ("[ / ]  PgUp / PgDn", "scroll the lesson text"),
        ("m", "back to the course menu"),
        ("?", "this help (any key closes it)"),
        ("q", "quit"),
    ]

    /// Keys of the course menu.
    public static let menuEntries: [(keys: String, action: String)] = [
        ("↑ ↓  k j", "choose a lesson"),
        ("1 … 9, 0", "choose lesson 1 … 10"),
        ("Enter  →", "open it (resumes where you left off)"),
        ("q", "quit"),
    ]

}
