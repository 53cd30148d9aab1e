import NNCore
import NNLessons
import NNRender

/// The chooser a stop's `try:` opens: the values the lesson offers, or any value typed.
public struct ExperimentChooser: Sendable, Equatable {
    /// The stop that offers the experiment.
    public var stop: Int
    public var experiment: LessonExperiment
    /// The values to pick from: the lesson's, or for a setting with named values, all of them.
    public var options: [String]
    public var selected = 0
    /// A value typed instead of picked.
    public var typed = ""
    /// Why the last value could not run.
    public var problem: String?
}

/// A variant running beside the lesson's own run.
public struct RunningExperiment: Sendable, Equatable {
    public var key: String
    public var value: String
}

/// Experiments inside a lesson: `t` at a stop with `try:` opens the chooser, a value runs the
/// lesson's setup with that one setting changed beside the original (the compare view, with the
/// lesson text below), and `x` closes it. Stepping moves both runs; the stops follow the lesson's.
enum ExperimentFlow {
    /// The stop whose experiment `t` opens: the one on screen.
    static func offeredStop(_ model: TutorModel) -> Int? {
        guard let lesson = model.lesson, let index = lesson.stopShowing(at: model.cursor),
              lesson.lesson.stops[index].experiment != nil else { return nil }
        return index
    }

    static func open(_ model: inout TutorModel) {
        guard let lesson = model.lesson else {
            model.notice = "t tries a lesson stop's experiment; --compare runs two setups side by side"
            return
        }
        guard let index = offeredStop(model), let experiment = lesson.lesson.stops[index].experiment else {
            model.notice = "this stop has no experiment to try"
            return
        }
        model.autoplay = false
        model.chooser = ExperimentChooser(stop: index, experiment: experiment,
                                          options: options(for: experiment, setup: lesson.lesson.setup))
    }

    /// The chooser's keys; every key is the chooser's while it is open.
    static func key(_ model: inout TutorModel, _ key: InputKey) {
        guard var chooser = model.chooser else { return }
        switch key {
        case .escape:
            model.chooser = nil
            return
        case .up where chooser.typed.isEmpty:
            chooser.selected = max(0, chooser.selected - 1)
        case .down where chooser.typed.isEmpty:
            chooser.selected = min(chooser.options.count - 1, chooser.selected + 1)
        case .backspace:
            if !chooser.typed.isEmpty { chooser.typed.removeLast() }
        case .character(let c):
            if chooser.typed.count < 40 { chooser.typed.append(c) }
        case .enter:
            let value = chooser.typed.isEmpty ? chooser.options[chooser.selected] : chooser.typed
            if let problem = run(&model, experiment: chooser.experiment, value: value) {
                chooser.problem = problem
            } else {
                return  // running: the chooser closed
            }
        default:
            break
        }
        model.chooser = chooser
    }

    /// Starts the variant beside the lesson's run; returns what is wrong with the value instead.
    static func run(_ model: inout TutorModel, experiment: LessonExperiment, value: String) -> String? {
        guard let lesson = model.lesson else { return "no lesson" }
        let setup = lesson.lesson.setup
        switch experiment.variant(of: setup, value: value) {
        case .failure(let problem):
            return problem.message
        case .success(let variant):
            let original = current(experiment.key, in: setup) ?? "as in the lesson"
            let chosen = SettingValues.trimmed(value)
            model.comparison = Comparison(labels: ["\(experiment.key) \(original) (the lesson)", "\(experiment.key) \(chosen)"],
                                          other: TraceSession(setup: variant))
            model.experiment = RunningExperiment(key: experiment.key, value: chosen)
            model.chooser = nil
            model.notice = "both runs step together · x closes the experiment"
            return nil
        }
    }

    static func close(_ model: inout TutorModel) {
        guard model.experiment != nil else {
            model.notice = "no experiment is running (t at a stop that offers one)"
            return
        }
        model.comparison = nil
        model.experiment = nil
        model.notice = "experiment closed: the lesson's own run"
    }

    /// The values to offer: the lesson's, or every named value of the setting.
    static func options(for experiment: LessonExperiment, setup: TrainingSetup) -> [String] {
        if !experiment.values.isEmpty { return experiment.values }
        switch experiment.key {
        case "activation": return Activation.allCases.map(\.rawValue)
        case "loss": return Loss.allCases.map(\.rawValue)
        case "mode": return TrainingMode.allCases.map(\.rawValue)
        case "bugs": return ["none"] + NotebookBug.allCases.map(\.rawValue)
        case "batch": return ["1", "2", "4", "full"]
        default: return current(experiment.key, in: setup).map { [$0] } ?? []
        }
    }

    /// The lesson's own value of a setting, as a learner would type it.
    static func current(_ key: String, in setup: TrainingSetup) -> String? {
        switch key {
        case "lr": return NumberFormat.parameter(setup.learningRate)
        case "epochs": return String(setup.epochs)
        case "seed": return String(setup.seed)
        case "activation": return setup.activation.rawValue
        case "loss": return setup.loss.rawValue
        case "mode": return setup.mode.rawValue
        case "bugs": return setup.extraBugs.isEmpty ? "none" : setup.extraBugs.sorted().map(\.rawValue).joined(separator: ", ")
        case "hidden": return setup.architecture.isSingleNeuron ? "none" : setup.architecture.hidden.map(String.init).joined(separator: ",")
        case "batch":
            switch setup.batch {
            case .one: return "1"
            case .of(let k): return String(k)
            case .full: return "full"
            }
        case "test_percent": return String(setup.testPercent)
        case "dataset": return setup.data.name
        case "samples", "noise", "data_seed":
            guard case .generated(_, let samples, let noise, let seed) = setup.data else { return nil }
            return key == "samples" ? String(samples) : key == "noise" ? NumberFormat.parameter(noise) : String(seed)
        default: return nil
        }
    }

    /// The chooser's box, drawn over the screen's middle.
    static func draw(_ chooser: ExperimentChooser, into buffer: inout Buffer, model: TutorModel) {
        let setting = Settings.named(chooser.experiment.key)
        let original = model.lesson.flatMap { current(chooser.experiment.key, in: $0.lesson.setup) }
        var rows: [(String, Style)] = [("Run the lesson again with one setting changed, beside the original.", .plain), ("", .plain)]
        for (i, option) in chooser.options.enumerated() {
            let mark = i == chooser.selected && chooser.typed.isEmpty ? "▸ " : "  "
            let note = option == original ? "  (the lesson's)" : ""
            rows.append((mark + option + note, i == chooser.selected && chooser.typed.isEmpty ? .highlight : .plain))
        }
        rows.append(("", .plain))
        rows.append(("or type a value: " + chooser.typed + "▏", .plain))
        if let setting { rows.append(("accepted: " + setting.accepts, .dim)) }
        if let problem = chooser.problem { rows.append(("✗ " + problem, .bold)) }
        rows.append(("", .plain))
        rows.append(("↑↓ choose · Enter run · Esc cancel", .dim))
        let width = min(model.width - 4, max(44, rows.map(\.0.count).max().map { $0 + 4 } ?? 44))
        var wrapped: [(String, Style)] = []
        for (text, style) in rows {
            // Option rows keep their marks' spacing; sentences wrap.
            let prepared = DrawText.prepare(text, ascii: model.ascii)
            let lines = text.hasPrefix("  ") || text.hasPrefix("▸ ") ? [DrawText.truncate(prepared, width: width - 4, ascii: model.ascii)]
                : TextWrap.wrap(prepared, width: width - 4)
            wrapped += (lines.isEmpty ? [""] : lines).map { ($0, style) }
        }
        let height = min(model.height - 2, wrapped.count + 2)
        let area = Rect(x: (model.width - width) / 2, y: max(1, (model.height - height) / 2), width: width, height: height)
        buffer.fill(area, with: .blank)
        Frame(title: "try: \(chooser.experiment.key)", ascii: model.ascii, style: .bold).render(into: &buffer, area: area)
        let inner = Frame.inner(of: area)
        for (i, row) in wrapped.prefix(inner.height).enumerated() {
            if row.1 == .highlight { buffer.fill(Rect(x: inner.x, y: inner.y + i, width: inner.width, height: 1), with: Cell(" ", style: .highlight)) }
            buffer.write(row.0, x: inner.x + 1, y: inner.y + i, style: row.1, clip: inner)
        }
    }
}
