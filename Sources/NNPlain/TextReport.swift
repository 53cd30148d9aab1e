import NNCore
import NNRender

/// The whole `--plain --format text` output: what is being run, the trace, and a summary with
/// the loss sparkline and the final decision boundary.
public final class TextReport {
    private let trainer: Trainer
    private let sink: OutputSink
    private let printer: TextPrinter
    private let ascii: Bool
    /// The summary's sparkline and boundary are drawn narrower when the page is (a handout's width).
    private let width: Int?
    /// Training ends after this epoch, before the run's last: nothing after it is printed.
    private let lastTrained: Int?

    /// - Parameters:
    ///   - filter: `--names` and `--from-epoch`/`--to-epoch`: what the trace prints.
    ///   - stopsAfterLastPrinted: training stops after `--to-epoch`'s epoch, as in JSONL and CSV,
    ///     and the summary is of the run up to there; false when the whole run must be seen (a
    ///     gradient gate's).
    public init(trainer: Trainer, sink: OutputSink, every: Int, ascii: Bool, width: Int? = nil, filter: TraceFilter = .everything,
                stopsAfterLastPrinted: Bool = false) {
        self.trainer = trainer
        self.sink = sink
        self.ascii = ascii
        self.width = width
        printer = TextPrinter(sink: sink, setup: trainer.setup, every: every, ascii: ascii, filter: filter)
        lastTrained = stopsAfterLastPrinted ? filter.lastEpoch.flatMap { $0 < trainer.setup.epochs - 1 ? $0 : nil } : nil
    }

    /// Trains to the end (or to `--to-epoch`'s epoch), stopping early if stdout closes. The printer
    /// listens only during the epochs it prints; the others run with nobody on the bus, so they
    /// cost only their training.
    public func run() {
        let bus = trainer.bus
        header()
        while !trainer.isFinished && sink.isOpen && lastTrained.map({ trainer.epoch <= $0 }) ?? true {
            let epoch = trainer.epoch
            if printer.prints(epoch: epoch) {
                let printing = bus.attach(printer)
                trainer.run(steps: trainer.samplesPerEpoch)
                bus.detach(printing)
            } else {
                let next = min(printer.selection.next(after: epoch) ?? trainer.setup.epochs, trainer.setup.epochs)
                let (until, overflow) = next.multipliedReportingOverflow(by: trainer.samplesPerEpoch)
                var remaining = overflow ? Int.max : until - trainer.stepIndex
                // In slices, so that `| head` still ends the run promptly.
                while remaining > 0 && sink.isOpenNow {
                    let slice = min(remaining, 1 << 16)
                    trainer.run(steps: slice)
                    remaining -= slice
                }
            }
        }
        if sink.isOpen { summary() }
    }

    private func line(_ text: String) { printer.line(text) }

    /// What is being run: setup, numpy's draw, the data. Printed before the trace.
    public func header() {
        let setup = trainer.setup
        line("nn-tutor: \(([setup.networkNoun + " learns " + setup.data.displayName + " by gradient descent"] + setup.trainingWords).joined(separator: ", "))")
        line("setup: " + SetupText.settings(setup))
        line("numpy: " + SetupText.draw(trainer))
        if setup.initialParameters != nil {
            line("start: " + SetupText.parameters(trainer.initialNetwork) + " (from --init, replacing the draw)")
        }
        line("data: " + SetupText.data(trainer.dataset, source: setup.data))
        let selection = printer.selection
        if setup.epochs == 0 {
            line("--epochs 0: nothing to train.")
        } else if !selection.isWholeRun(epochs: setup.epochs) {
            let which = selection.first == selection.last ? "epoch \(selection.first)"
                : selection.every == 1 ? "epochs \(selection.first) to \(selection.last)"
                : "epoch \(selection.first), every \(selection.every)th epoch after it and epoch \(selection.last)"
            let stops = lastTrained.map { "; training stops after epoch \($0)" } ?? ""
            line("printing \(which) in full (--from-epoch, --to-epoch\(selection.every > 1 ? "; --every 1 prints them all" : "")\(stops))")
        } else if selection.every > 1 {
            line("printing epoch 0, every \(selection.every)th epoch and the last (\(setup.epochs - 1)) in full; --every 1 prints them all")
        }
        line("")
    }

    /// After the trace: the loss sparkline, the final boundary, each sample's prediction, and
    /// whether the run diverged.
    public func summary() {
        let setup = trainer.setup
        let F = NumberFormat.self
        let history = trainer.epochLosses
        guard setup.epochs > 0, let first = history.first, let last = history.latest else { return }
        let dataset = trainer.dataset
        let trained = dataset.trainingCount
        if let lastTrained {
            line("Summary of the run up to epoch \(lastTrained) (\(lastTrained + 1) of its \(setup.epochs) epochs trained)")
        } else {
            line("Summary after \(setup.epochs) epoch\(setup.epochs == 1 ? "" : "s")")
        }
        let part = dataset.testCount > 0 ? "training sample" : "sample"
        line("  loss per epoch, L = \(setup.loss.sumFormula) over the \(trained) \(part)\(trained == 1 ? "" : "s"):")
        // Both are indented two columns under their heading.
        let room = width.map { max(10, $0 - 2) } ?? Int.max
        var sparkline = Buffer(width: min(60, room), height: 2)
        SparklineWidget(values: history.points, ascii: ascii).render(into: &sparkline, area: sparkline.area)
        for row in sparkline.lines { line("  " + row.trimmingTrailingSpaces) }
        let network = trainer.network
        let L = network.architecture.layerCount
        let single = network.architecture.isSingleNeuron
        let output = single ? "W = \(F.vector(network.weights(1))), b = \(F.short(network.biases(1).first ?? .nan))"
            : "W\(Equations.subscripted(L)) = \(F.value(Array(network.weights(L)), shape: .vector(network.weights(L).count))), b\(Equations.subscripted(L)) = \(F.short(network.biases(L).first ?? .nan))"
        line("  final \(output); the boundary is \(single ? "the line W·x + b = 0" : "the curve ŷ = 0.5")")
        // The widget's last row says what the marks, the boundary and the shades mean.
        var grid = Buffer(width: min(49, room), height: 18)
        DecisionBoundaryWidget(network: network, samples: dataset.samples, trainingCount: dataset.trainingCount, ascii: ascii)
            .render(into: &grid, area: grid.area)
        for row in grid.lines { line("  " + row.trimmingTrailingSpaces) }
        var right = 0
        for sample in dataset.training {
            let yHat = network.predict(sample.x)
            let correct = Classification.isRight(yHat: yHat, y: sample.y)
            if correct { right += 1 }
            if trained <= 8 {
                line("  x = \(F.vector([sample.x.x, sample.x.y]))  y = \(F.short(sample.y))  ŷ = \(F.short(yHat))  \(correct ? "✓" : "✗")")
            }
        }
        let which = dataset.testCount > 0 ? " training samples" : " samples"
        line("  \(right) of \(trained)\(which) classified right (ŷ ≥ 0.5 predicts 1)")
        if dataset.testCount > 0 {
            let testRight = dataset.test.filter { Classification.isRight(yHat: network.predict($0.x), y: $0.y) }.count
            line("  \(testRight) of \(dataset.testCount) test samples classified right (held out, never trained on)")
        }
        if let verdict = Divergence.verdict(firstLoss: first, lastLoss: last, network: network, start: trainer.initialNetwork,
                                            setup: setup, samples: dataset.training) {
            line("  " + verdict)
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
