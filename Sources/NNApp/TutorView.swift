import NNCore
import NNLessons
import NNPlain
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
            if let confirm = model.confirm {
                StatusBarWidget(items: [confirm.question], ascii: model.ascii, color: model.color)
                    .render(into: &buffer, area: Rect(x: 0, y: model.height - 1, width: model.width, height: 1))
            }
            drawOverlay(into: &buffer, model: model, entries: KeyHelp.menuEntries)
            return buffer
        }
        let snapshot = model.snapshot
        if let comparison = model.comparison {
            if let lesson = model.lesson {
                drawExperiment(into: &buffer, model: model, comparison: comparison, lesson: lesson)
            } else {
                ComparisonView.draw(into: &buffer, model: model, comparison: comparison)
            }
            drawStatus(into: &buffer, model: model, snapshot: snapshot, area: Rect(x: 0, y: model.height - 1, width: model.width, height: 1))
            // Inspect follows the first run (the lesson's own, or --compare's first).
            if model.inspect != nil { drawInspect(into: &buffer, model: model) }
            if let chooser = model.chooser { ExperimentFlow.draw(chooser, into: &buffer, model: model) }
            drawOverlay(into: &buffer, model: model, entries: KeyHelp.entries)
            return buffer
        }
        let layout = TutorLayout(model: model)
        drawTitle(into: &buffer, model: model, area: layout.title)
        if let lessonArea = layout.lesson, let lesson = model.lesson {
            drawPanel(LessonView.title(lesson), into: &buffer, model: model, area: lessonArea) { buffer, inner in
                LessonView.widget(model: model, lesson: lesson).render(into: &buffer, area: inner)
            }
        }
        drawEquations(into: &buffer, model: model, snapshot: snapshot, area: layout.equations)
        if let area = layout.diagram {
            drawPanel("network", into: &buffer, model: model, area: area) { buffer, inner in
                NetworkDiagramWidget(snapshot: snapshot, schema: model.session.trainer.schema, ascii: model.ascii, color: model.color,
                                     startingNetwork: model.session.trainer.initialNetwork)
                    .render(into: &buffer, area: inner)
            }
        }
        if let area = layout.boundary { drawBoundary(into: &buffer, model: model, snapshot: snapshot, area: area) }
        if let area = layout.sparkline { drawLoss(into: &buffer, model: model, snapshot: snapshot, area: area) }
        drawStatus(into: &buffer, model: model, snapshot: snapshot, area: layout.status)
        if model.inspect != nil { drawInspect(into: &buffer, model: model) }
        if let chooser = model.chooser { ExperimentFlow.draw(chooser, into: &buffer, model: model) }
        drawOverlay(into: &buffer, model: model, entries: KeyHelp.entries)
        return buffer
    }

    /// A lesson's experiment: the two runs side by side, the lesson text below them.
    static func drawExperiment(into buffer: inout Buffer, model: TutorModel, comparison: Comparison, lesson: LessonState) {
        let body = model.height - 2
        let lessonHeight = max(8, body * 2 / 5)
        ComparisonView.draw(into: &buffer, model: model, comparison: comparison,
                            area: Rect(x: 0, y: 1, width: model.width, height: body - lessonHeight))
        drawPanel(LessonView.title(lesson), into: &buffer, model: model, area: Rect(x: 0, y: 1 + body - lessonHeight, width: model.width, height: lessonHeight)) { buffer, inner in
            LessonView.widget(model: model, lesson: lesson).render(into: &buffer, area: inner)
        }
        let phrases = ["nn-tutor", "experiment: " + comparison.labels.joined(separator: " vs "), lesson.lesson.title, "x closes it"]
        var title = ""
        for phrase in phrases {
            let candidate = title.isEmpty ? phrase : title + " · " + phrase
            if candidate.count <= model.width - 1 { title = candidate }
        }
        buffer.write(DrawText.prepare(title, ascii: model.ascii), x: 1, y: 0, style: .bold, clip: Rect(x: 0, y: 0, width: model.width, height: 1))
    }

    /// Inspect mode's box, over the lower part of the screen.
    static func drawInspect(into buffer: inout Buffer, model: TutorModel) {
        let width = model.width
        var rows: [String] = []
        for line in Inspect.lines(model) { rows += TextWrap.formula(line, width: width - 4, indent: 4, ascii: model.ascii) }
        rows.append("")
        rows += TextWrap.formula("←→ another value · 1–9 go to an input · b back · Esc leave", width: width - 4, ascii: model.ascii)
        let height = min(rows.count + 2, model.height - 4)
        let area = Rect(x: 0, y: model.height - 1 - height, width: width, height: height)
        buffer.fill(area, with: .blank)
        Frame(title: "inspect: where this number came from", ascii: model.ascii, style: .bold).render(into: &buffer, area: area)
        let inner = Frame.inner(of: area)
        for (i, row) in rows.prefix(inner.height).enumerated() {
            buffer.write(DrawText.prepare(row, ascii: model.ascii), x: inner.x + 1, y: inner.y + i,
                         style: i == 0 ? .bold : (row.first?.isNumber == true ? .plain : .plain), clip: inner)
        }
    }

    static func drawOverlay(into buffer: inout Buffer, model: TutorModel, entries: [(keys: String, action: String)]) {
        switch model.overlay {
        case .help?:
            HelpOverlayWidget(entries: entries + [("?", "again: the glossary of symbols and words")], title: "keys", ascii: model.ascii)
                .render(into: &buffer, area: buffer.area)
        case .glossary?:
            HelpOverlayWidget(entries: Glossary.entries, title: "glossary", ascii: model.ascii).render(into: &buffer, area: buffer.area)
        case nil:
            break
        }
    }

    static func drawPanel(
        _ title: String, into buffer: inout Buffer, model: TutorModel, area: Rect,
        content: (inout Buffer, Rect) -> Void
    ) {
        let frame = Frame(title: model.ascii ? ASCIIFallback.transliterate(title) : title, ascii: model.ascii)
        frame.render(into: &buffer, area: area)
        content(&buffer, Frame.inner(of: area))
    }

    /// The title's phrases, most important first; those that do not fit are left out whole.
    static func titlePhrases(_ model: TutorModel) -> [String] {
        let setup = model.session.setup
        let training = setup.trainingWords.isEmpty ? [] : [setup.trainingWords.joined(separator: ", ")]
        return ["nn-tutor", "\(setup.networkNoun) learns \(setup.data.displayName)"] + training
            + ["mode \(setup.modeLabel)", "η = \(NumberFormat.parameter(setup.learningRate))", "seed \(setup.seed)"]
    }

    static func drawTitle(into buffer: inout Buffer, model: TutorModel, area: Rect) {
        var title = ""
        for phrase in titlePhrases(model) {
            let candidate = title.isEmpty ? phrase : title + " · " + phrase
            guard DrawText.prepare(candidate, ascii: model.ascii).count <= area.width - 2 else { break }
            title = candidate
        }
        buffer.write(DrawText.prepare(title, ascii: model.ascii), x: area.x + 1, y: area.y, style: .bold, clip: area)
    }

    static func drawEquations(into buffer: inout Buffer, model: TutorModel, snapshot: TraceSnapshot?, area: Rect) {
        let heading: String
        if let event = snapshot?.event {
            heading = event.phase == .epoch
                ? "equations · end of epoch \(event.epoch)"
                : "equations · epoch \(event.epoch) · sample \(event.sample ?? 0) · \(event.phase.rawValue)"
        } else {
            heading = model.session.setup.epochs == 0 ? "equations · the starting weights (0 epochs to train)" : "equations"
        }
        drawPanel(heading, into: &buffer, model: model, area: area) { buffer, inner in
            var lines: [EquationLine]
            if let snapshot {
                lines = model.session.equations.lines(snapshot.values)
                let total = snapshot.event.phase == .epoch ? snapshot.event.first : nil
                lines.append(model.session.equations.epochLoss(sampleLosses: snapshot.epochSampleLosses, total: total))
            } else {
                // Nothing computed (--epochs 0): the starting parameters, as the draw gave them.
                lines = [EquationLine(phase: .forward, keys: [], symbolic: SetupText.parameters(model.session.trainer.initialNetwork), result: "")]
            }
            let current = model.inspect?.entryID ?? snapshot?.event.entry.id
            EquationsWidget(lines: lines, current: current, ascii: model.ascii, color: model.color)
                .render(into: &buffer, area: inner)
        }
    }

    static func drawBoundary(into buffer: inout Buffer, model: TutorModel, snapshot: TraceSnapshot?, area: Rect) {
        let trainer = model.session.trainer
        let network = snapshot?.network ?? trainer.initialNetwork
        let dataset = trainer.dataset
        let right = dataset.training.filter { Classification.isRight(yHat: network.predict($0.x), y: $0.y) }.count
        let score = "\(right) of \(dataset.trainingCount) right"
        // The longest title that fits the frame whole.
        let title = ["decision boundary · \(score)", "boundary · \(score)", "boundary · \(right)/\(dataset.trainingCount)", "boundary"]
            .first { $0.count <= area.width - 6 } ?? ""
        drawPanel(title, into: &buffer, model: model, area: area) { buffer, inner in
            let sample = snapshot?.event.phase == .epoch ? nil : snapshot?.event.sample
            DecisionBoundaryWidget(
                network: network, samples: dataset.samples, trainingCount: dataset.trainingCount,
                currentSample: sample, ascii: model.ascii, color: model.color, cache: model.session.boundaryCache
            ).render(into: &buffer, area: inner)
        }
    }

    static func drawLoss(into buffer: inout Buffer, model: TutorModel, snapshot: TraceSnapshot?, area: Rect) {
        let (lines, split) = lossCurves(snapshot?.curves)
        let titles = split ? ["mean loss per epoch: train and test", "mean loss: train, test", "loss"]
            : ["loss per epoch  L = " + model.session.setup.loss.sumFormula, "loss per epoch", "loss"]
        let title = titles.first { $0.count <= area.width - 6 } ?? ""
        drawPanel(title, into: &buffer, model: model, area: area) { buffer, inner in
            SparklineWidget(curves: lines, ascii: model.ascii).render(into: &buffer, area: inner)
        }
    }

    /// The loss curves to draw: the epoch loss, or with a test set the mean train and test losses.
    static func lossCurves(_ curves: EpochCurves?) -> (curves: [SparklineWidget.Curve], split: Bool) {
        let closed = curves?.closed ?? 0
        if let train = curves?[.trainLoss], let test = curves?[.testLoss] {
            return ([SparklineWidget.Curve(series: train, prefix: closed, name: "train"),
                     SparklineWidget.Curve(series: test, prefix: closed, name: "test")], true)
        }
        if let loss = curves?[.epochLoss] { return ([SparklineWidget.Curve(series: loss, prefix: closed)], false) }
        return ([], false)
    }

    static func drawStatus(into buffer: inout Buffer, model: TutorModel, snapshot: TraceSnapshot?, area: Rect) {
        if let confirm = model.confirm {
            StatusBarWidget(items: [confirm.question], ascii: model.ascii, color: model.color).render(into: &buffer, area: area)
            return
        }
        StatusBarWidget(items: statusItems(model, snapshot: snapshot), hint: keyHint(model), ascii: model.ascii, color: model.color)
            .render(into: &buffer, area: area)
    }

    static func statusItems(_ model: TutorModel, snapshot: TraceSnapshot?) -> [String] {
        var items: [String] = []
        if let jump = model.jumpInput {
            return [":\(jump)▏  jump to epoch: type a number, Enter to go, Esc to cancel"]
        }
        if let work = model.work {
            let trainer = model.session.trainer
            let target: String
            switch work {
            case .lastStep: target = "the last step"
            case .epoch(let e): target = "epoch \(e)"
            }
            return ["training to \(target): epoch \(trainer.epoch) of \(trainer.setup.epochs)… any key stops"]
        }
        if let notice = model.notice { items.append(notice) }
        let trainer = model.session.trainer
        if let event = snapshot?.event {
            items.append("epoch \(event.epoch)")
            if let sample = event.sample {
                items.append("sample \(sample)")
                let size = model.session.setup.batch.size(samples: trainer.samplesPerEpoch)
                if size > 1 {
                    let first = sample - sample % size, last = min(first + size, trainer.samplesPerEpoch) - 1
                    items.append("batch \(sample / size + 1) of \((trainer.samplesPerEpoch + size - 1) / size) (samples \(first)–\(last))")
                }
                items.append(event.phase.rawValue)
            } else {
                items.append("epoch end")
            }
        }
        let total = model.session.isComplete ? model.session.recorder.count : model.session.totalEventsEstimate
        let step = model.session.recorder.count == 0 ? 0 : model.cursor + 1
        items.append("step \(step) of \(total.map(String.init) ?? "?")")
        items.append("η \(NumberFormat.parameter(model.session.setup.learningRate))")
        // The title carries the mode; narrow screens leave it out here to fit the keys hint.
        if model.width >= 100 { items.append(model.session.setup.modeLabel) }
        if model.autoplay { items.append("▶ \(NumberFormat.short(Autoplay.speeds[model.speedIndex]))/s") }
        return items
    }

    static func keyHint(_ model: TutorModel) -> String {
        if model.jumpInput != nil { return "" }
        if let lesson = model.lesson, let stop = lesson.pendingQuestion(at: model.cursor) {
            let hint = lesson.lesson.stops[stop].question?.hint == nil ? "" : "  Tab hint"
            return model.width < 120 ? "" : "Enter check" + hint + "  Esc answer"
        }
        if let lesson = model.lesson {
            // At the last stop there is no next one to offer.
            if lesson.stopShowing(at: model.cursor) == lesson.lesson.stops.count - 1 {
                let course = model.menu != nil ? "m course  " : ""
                return model.width < 120 ? course + "? keys" : "→ next value  [ back  " + course + "? keys  q quit"
            }
            return model.width < 120 ? "] next stop  ? keys" : "→ next value  ] next stop  [ back  ? keys  q quit"
        }
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

/// The key table, shown by `?` and printed in the README.
public enum KeyHelp {
    public static let entries: [(keys: String, action: String)] = [
        ("space  →  l", "next value"),
        ("←  h", "previous value (time travel)"),
        ("] / [", "next / previous lesson stop"),
        ("n / N", "next / previous sample"),
        ("e / E", "next / previous epoch"),
        ("g / G", "first / last step"),
        (":<epoch> Enter", "jump to an epoch"),
        ("r", "run / pause autoplay"),
        ("+ / −", "autoplay faster / slower"),
        ("v", "diagram, boundary or loss (narrow screens)"),
        ("i", "inspect: where a value came from"),
        ("t / x", "try the stop's experiment / close it"),
        ("PgUp / PgDn", "scroll the lesson text"),
        ("R", "restart the lesson"),
        ("m", "back to the course menu"),
        ("?", "this help (any key closes it)"),
        ("q", "quit"),
    ]

    /// Keys of the course menu.
    public static let menuEntries: [(keys: String, action: String)] = [
        ("↑ ↓  k j", "choose a lesson"),
        ("1 … 99", "choose a lesson by its number"),
        ("Enter  →", "open it (resumes where you left off)"),
        ("R", "forget the course's progress"),
        ("q", "quit"),
    ]
}

/// The symbols and words a learner meets, in a sentence each.
enum Glossary {
    static let entries: [(keys: String, action: String)] = [
        ("σ(z)", "the sigmoid 1/(1 + e^(−z)): squeezes z into (0, 1)"),
        ("σ′(z)", "its slope: σ(z)(1 − σ(z)), at most 0.25"),
        ("tanh, ReLU", "other activations: tanh(z); ReLU keeps z > 0, else 0"),
        ("z, a, ŷ", "a unit's weighted sum, its activation, the output"),
        ("L", "the loss: how wrong ŷ is for this sample"),
        ("∂L/∂W", "the gradient: how L changes when W changes a little"),
        ("δ", "∂L/∂z, a unit's share of the blame, passed back"),
        ("⊙", "multiply component by component"),
        ("ᵀ", "transpose: rows become columns"),
        ("η", "the learning rate: the size of each step"),
        ("W[i][j]", "layer weight from input j into unit i (from 0)"),
        ("sample", "one (x, y) of the data set; a step trains on one"),
        ("epoch", "one pass over every training sample"),
        ("batch", "samples whose mean gradient makes one update"),
        ("SSE", "sum of squared errors: the notebook's L = Σ(y − ŷ)²"),
        ("MSE", "mean squared error: SSE divided by the count"),
        ("\"MLE\"", "the notebook's name for SSE; it is not a likelihood"),
    ]
}
