import NNCore
import NNRender

/// `--compare` in `--plain`: two runs trained in lockstep and printed as two columns, step by
/// step, so the learner reads what one setting changes.
public final class ComparisonReport {
    private let runs: [(label: String, trainer: Trainer)]
    private let collectors: [StepCollector]
    private let equations: [Equations]
    private let sink: OutputSink
    private let selection: EpochSelection
    private let filter: TraceFilter
    private let ascii: Bool
    /// Characters per column; the two columns and a separator make one line.
    private let width: Int
    /// Training ends after this epoch, before the runs' last: nothing after it is printed.
    private let lastTrained: Int?

    /// The width of a column for a line of `columns` characters: two columns and " │ " between them,
    /// and never narrower than `narrowest`, where equations would wrap word by word.
    public static func columnWidth(forLine columns: Int) -> Int { max(narrowest, (columns - 3) / 2) }
    public static let narrowest = 30
    /// Without `COLUMNS`: lines of 119 characters.
    public static let defaultWidth = 58

    /// - Parameter stopsAfterLastPrinted: training stops after `--to-epoch`'s epoch, as in JSONL and
    ///   CSV; false when the whole runs must be seen (a gradient gate's).
    public init(runs: [(label: String, trainer: Trainer)], sink: OutputSink, every: Int, ascii: Bool, width: Int = defaultWidth,
                filter: TraceFilter = .everything, stopsAfterLastPrinted: Bool = false) {
        self.runs = runs
        self.sink = sink
        let epochs = runs.map { $0.trainer.setup.epochs }.max() ?? 0
        lastTrained = stopsAfterLastPrinted ? filter.lastEpoch.flatMap { $0 < epochs - 1 ? $0 : nil } : nil
        selection = EpochSelection(epochs: epochs, range: filter.epochs, every: every)
        self.filter = filter
        self.ascii = ascii
        self.width = width
        collectors = runs.map { run in
            let collector = StepCollector()
            run.trainer.bus.attach(collector)
            return collector
        }
        equations = runs.map { Equations(setup: $0.trainer.setup, schema: $0.trainer.schema) }
    }

    private func line(_ text: String) {
        sink.writeLine(ascii ? ASCIIFallback.transliterate(text) : text)
    }

    /// Two blocks of lines side by side: prose is wrapped to the column width; drawn blocks
    /// (grids, sparklines) keep their spacing and are cut at the width instead.
    private func columns(_ left: [String], _ right: [String], drawn: Bool = false) {
        let fit = { (lines: [String]) -> [String] in
            drawn ? lines.map { String($0.prefix(self.width)) } : lines.flatMap { TextWrap.wrap($0, width: self.width, indent: 2) }
        }
        let a = fit(left), b = fit(right)
        for i in 0..<max(a.count, b.count) {
            let l = i < a.count ? a[i] : "", r = i < b.count ? b[i] : ""
            line(l + String(repeating: " ", count: max(0, width - l.count)) + " │ " + r)
        }
    }

    public func run() {
        columns(["run \(runs[0].label)"], ["run \(runs[1].label)"])
        columns(describe(runs[0].trainer), describe(runs[1].trainer))
        line("")
        func trains(_ trainer: Trainer) -> Bool { !trainer.isFinished && lastTrained.map { trainer.epoch <= $0 } ?? true }
        while runs.contains(where: { trains($0.trainer) }) && sink.isOpen {
            for run in runs where trains(run.trainer) { run.trainer.runStep() }
            let epoch = collectors.map(\.epoch).min() ?? 0
            guard selection.includes(epoch) else {
                collectors.forEach { $0.reset() }
                continue
            }
            columns(block(collectors[0], equations[0]), block(collectors[1], equations[1]))
            if collectors.contains(where: { $0.epochLoss != nil }), runs.contains(where: { run in
                run.trainer.schema.entry(.epochLoss).map(filter.keeps) ?? false
            }) {
                let losses = collectors.map { c in c.epochLoss.map { "epoch \(c.epoch) loss Σ(y − ŷ)² = " + NumberFormat.short($0) } ?? "" }
                columns([losses[0]], [losses[1]])
                line("")
            }
            collectors.forEach { $0.reset() }
        }
        guard sink.isOpen else { return }
        summary()
    }

    private func describe(_ trainer: Trainer) -> [String] {
        let setup = trainer.setup
        return [setup.networkWords + ", " + SetupText.settings(setup)]
    }

    private func block(_ collector: StepCollector, _ equations: Equations) -> [String] {
        guard let step = collector.step, let values = collector.values else { return ["(run finished)"] }
        var lines = ["step \(step) · epoch \(collector.epoch) · sample \(collector.sample)"]
        lines += equations.lines(values).filter { filter.keeps($0, in: equations.schema) }.map { "  " + $0.text }
        return lines
    }

    private func summary() {
        let heading = "Summary: loss per epoch" + (lastTrained.map { ", up to epoch \($0)" } ?? "")
        columns([heading], [heading])
        let sparks = collectors.map { collector -> [String] in
            var buffer = Buffer(width: width, height: 2)
            SparklineWidget(values: collector.losses.points, ascii: ascii).render(into: &buffer, area: buffer.area)
            return buffer.lines.map { $0.trimmingTrailingSpaces }
        }
        columns(sparks[0], sparks[1], drawn: true)
        let grids = runs.map { run -> [String] in
            var buffer = Buffer(width: min(41, width), height: 15)
            DecisionBoundaryWidget(network: run.trainer.network, samples: run.trainer.dataset.samples, ascii: ascii)
                .render(into: &buffer, area: buffer.area)
            return buffer.lines.map { $0.trimmingTrailingSpaces }
        }
        columns(grids[0], grids[1], drawn: true)
        let verdicts = zip(runs, collectors).map { run, collector -> [String] in
            guard let first = collector.losses.first, let last = collector.losses.latest else { return ["no epoch completed"] }
            let trainer = run.trainer
            let right = trainer.dataset.training.filter { Classification.isRight(yHat: trainer.network.predict($0.x), y: $0.y) }.count
            var lines = ["loss \(NumberFormat.short(first)) → \(NumberFormat.short(last)); \(right) of \(trainer.dataset.trainingCount) right"]
            if let verdict = Divergence.verdict(firstLoss: first, lastLoss: last, network: trainer.network, start: trainer.initialNetwork,
                                                setup: trainer.setup, samples: trainer.dataset.training) {
                lines.append(verdict)
            }
            return lines
        }
        columns(verdicts[0], verdicts[1])
    }
}

/// Keeps the values of the step just run, and the epoch losses, for one run of a comparison.
final class StepCollector: TraceSubscriber {
    private(set) var values: StepValues?
    private(set) var step: Int?
    private(set) var epoch = 0
    private(set) var sample = 0
    private(set) var epochLoss: Double?
    private(set) var losses = LossHistory()

    func receive(_ step: TraceStep) {
        values = StepValues(step)
        self.step = step.step
        epoch = step.epoch
        sample = step.sample
        if step.endsEpoch, let loss = step.schema.entry(.epochLoss) {
            epochLoss = step.scalar(loss)
            losses.append(step.scalar(loss))
        }
    }

    /// Forgets the step once printed (a finished run then shows no step).
    func reset() {
        step = nil
        epochLoss = nil
    }
}
