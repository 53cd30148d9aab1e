import NNCore
import NNRender

/// The whole `--plain --format text` output: what is being run, the trace, and a summary with
/// the loss sparkline and the final decision boundary.
public final class TextReport {
    private let trainer: Trainer
    private let sink: OutputSink
    private let printer: TextPrinter
    private let every: Int
    private let ascii: Bool
    private let losses = LossCollector()

    public init(trainer: Trainer, sink: OutputSink, every: Int, ascii: Bool) {
        self.trainer = trainer
        self.sink = sink
        self.every = max(1, every)
        self.ascii = ascii
        printer = TextPrinter(sink: sink, setup: trainer.setup, every: every, ascii: ascii)
    }

    /// Trains to the end with the printer attached, stopping early if stdout closes.
    public func run() {
        let bus = trainer.bus
        header()
        let printing = bus.attach(printer)
        let collecting = bus.attach(losses)
        trainer.run(while: { sink.isOpen })
        bus.detach(printing)
        bus.detach(collecting)
        if sink.isOpen { summary() }
    }

    private func line(_ text: String) { printer.line(text) }

    /// What is being run: setup, numpy's draw, the data. Printed before the trace.
    public func header() {
        let setup = trainer.setup
        let F = NumberFormat.self
        line("nn-tutor: \(setup.architecture) learns \(setup.dataset.displayName) by gradient descent")
        line("setup: dataset \(setup.dataset.rawValue), mode \(setup.modeLabel), η = \(F.parameter(setup.learningRate)), \(setup.epochs) epoch\(setup.epochs == 1 ? "" : "s"), seed \(setup.seed)")
        let draw = trainer.draw
        let X = "np.random.seed(\(setup.seed)); X = randint(0, 2, size=2) = [\(Int(draw.X.x)), \(Int(draw.X.y))]"
        switch trainer.initialNetwork {
        case .hidden(let h):
            let n = h.units
            let rows = stride(from: 0, to: h.W1.count, by: 2).map { "[\(F.short(h.W1[$0])), \(F.short(h.W1[$0 + 1]))]" }
            line("numpy: \(X); W1 = randn(\(n), 2) = [\(rows.joined(separator: ", "))]; b1 = randn(\(n)) = [\(h.b1.map(F.short).joined(separator: ", "))]; W2 = randn(\(n)) = [\(h.W2.map(F.short).joined(separator: ", "))]; b2 = randn(1) = [\(F.short(h.b2))]")
        case .neuron(let start):
            line("numpy: \(X); W = randn(2) = [\(F.short(draw.W.x)), \(F.short(draw.W.y))]; b = randn(1) = [\(F.short(draw.b))]")
            if setup.initialWeights != nil {
                line("start: W = \(F.pair(start.W)), b = \(F.short(start.b)) (from --init, replacing the draw)")
            }
        }
        let samples = trainer.dataset.samples.map { "x = \(F.pair($0.x)) → y = \(F.short($0.y))" }
        line("data: " + samples.joined(separator: "; "))
        if setup.epochs == 0 {
            line("--epochs 0: nothing to train.")
        } else if every > 1 {
            line("printing epoch 0, every \(every)th epoch and the last (\(setup.epochs - 1)) in full; --every 1 prints them all")
        }
        line("")
    }

    /// After the trace: the loss sparkline, the final boundary, each sample's prediction, and
    /// whether the run diverged.
    public func summary() {
        let setup = trainer.setup
        let F = NumberFormat.self
        guard setup.epochs > 0, let first = losses.history.first, let last = losses.history.latest else { return }
        line("Summary after \(setup.epochs) epoch\(setup.epochs == 1 ? "" : "s")")
        line("  loss per epoch, L = Σᵢ (yᵢ − ŷᵢ)² over the \(trainer.dataset.count) sample\(trainer.dataset.count == 1 ? "" : "s"):")
        var sparkline = Buffer(width: 60, height: 2)
        SparklineWidget(values: losses.history.points, ascii: ascii).render(into: &sparkline, area: sparkline.area)
        for row in sparkline.lines { line("  " + row.trimmingTrailingSpaces) }
        let network = trainer.network
        switch network {
        case .neuron(let neuron):
            line("  final W = \(F.pair(neuron.W)), b = \(F.short(neuron.b)); the boundary is the line W·x + b = 0")
        case .hidden(let h):
            line("  final W₂ = (\(h.W2.map(F.short).joined(separator: ", "))), b₂ = \(F.short(h.b2)); the boundary is the curve ŷ = 0.5")
        }
        var grid = Buffer(width: 41, height: 17)
        let boundary = DecisionBoundaryWidget(network: network, samples: trainer.dataset.samples, ascii: ascii)
        boundary.render(into: &grid, area: grid.area)
        for row in grid.lines { line("  " + row.trimmingTrailingSpaces) }
        let boundaryName = network.neuron == nil ? "ŷ = 0.5" : "W·x + b = 0"
        let lineGlyph = boundary.lineGlyph(in: grid.area).map { "   \($0) \(boundaryName)" } ?? ""
        line(ascii ? "  o: y = 0   x: y = 1   shade: ŷ from 0 (blank) to 1 (@)" + lineGlyph
                   : "  ○ y = 0   ● y = 1   shade: ŷ from 0 (blank) to 1 (█)" + lineGlyph)
        var right = 0
        for sample in trainer.dataset.samples {
            let yHat = network.predict(sample.x)
            let correct = (yHat >= 0.5) == (sample.y >= 0.5)
            if correct { right += 1 }
            line("  x = \(F.pair(sample.x))  y = \(F.short(sample.y))  ŷ = \(F.short(yHat))  \(correct ? "✓" : "✗")")
        }
        line("  \(right) of \(trainer.dataset.count) classified right (ŷ on the correct side of 0.5)")
        if let verdict = Divergence.verdict(firstLoss: first, lastLoss: last, network: network, samples: trainer.dataset.samples) {
            line("  " + verdict)
        }
    }
}

/// Collects per-epoch losses, bounded, for the summary sparkline.
final class LossCollector: TraceSubscriber {
    private(set) var history = LossHistory()
    func receive(_ event: TraceEvent) {
        if event.phase == .epoch { history.append(event.value.first) }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
