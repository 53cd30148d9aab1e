import NNCore
import NNRender

/// `--compare`: a second run shown beside the first, aligned step by step.
public struct Comparison {
    /// What each run varies ("lr=0.5", "lr=0.001").
    public let labels: [String]
    /// The second run; the model's own session is the first.
    public let other: TraceSession

    public init(labels: [String], other: TraceSession) {
        self.labels = labels
        self.other = other
    }

    /// The second run's event that lines up with `cursor` in the first: the same sample step, and
    /// the same place within it (clamped when the steps publish different numbers of values).
    func alignedEvent(_ cursor: Int, in first: TraceSession) -> Int? {
        guard first.recorder.count > 0 else { return nil }
        let step = first.recorder.stepPosition(ofEvent: cursor)
        let offset = cursor - first.recorder.eventRange(ofStep: step).lowerBound
        let recorder = other.recorder
        guard recorder.stepCount > 0 else { return nil }
        let range = recorder.eventRange(ofStep: min(step, recorder.stepCount - 1))
        return range.lowerBound + min(offset, range.count - 1)
    }

    /// Trains the second run far enough to show the step the first is on.
    func follow(_ cursor: Int, in first: TraceSession) {
        guard first.recorder.count > 0 else { return }
        let step = first.recorder.stepPosition(ofEvent: cursor)
        var budget = TutorUpdate.trainingBudgetPerKey
        while other.recorder.stepCount <= step + 1 && !other.isComplete && budget > 0 {
            other.trainer.runStep()
            budget -= 1
        }
    }
}

/// The screen of `--compare`: two columns, each with its equations, boundary and loss.
enum ComparisonView {
    static func draw(into buffer: inout Buffer, model: TutorModel, comparison: Comparison) {
        draw(into: &buffer, model: model, comparison: comparison, area: Rect(x: 0, y: 1, width: model.width, height: model.height - 2))
        let setup = model.session.setup
        var title = "nn-tutor · compare \(comparison.labels.joined(separator: " vs ")) · \(setup.networkWords), \(setup.data.displayName)"
        if model.ascii { title = ASCIIFallback.transliterate(title) }
        buffer.write(title, x: 1, y: 0, style: .bold, clip: Rect(x: 0, y: 0, width: model.width, height: 1))
    }

    /// The two runs' columns in `body`.
    static func draw(into buffer: inout Buffer, model: TutorModel, comparison: Comparison, area body: Rect) {
        let half = body.width / 2
        let runs: [(TraceSession, TraceSnapshot?, String)] = [
            (model.session, model.snapshot, comparison.labels.first ?? "A"),
            (comparison.other,
             comparison.alignedEvent(model.cursor, in: model.session).map { comparison.other.recorder.snapshot(at: $0) },
             comparison.labels.last ?? "B"),
        ]
        // The two loss panels share one scale, so that the taller bars are the larger loss.
        let lossWidth = half - lossX(columnWidth: half) - 2
        let scale = SparklineWidget.sharedScale(runs.flatMap { TutorView.lossCurves($0.1?.curves).curves }, width: lossWidth)
        for (i, run) in runs.enumerated() {
            let column = Rect(x: body.x + (i == 0 ? 0 : half), y: body.y, width: i == 0 ? half : body.width - half, height: body.height)
            draw(into: &buffer, model: model, session: run.0, snapshot: run.1, label: run.2, area: column, scale: scale)
        }
    }

    /// Where the loss panel starts in a column: after the boundary.
    private static func lossX(columnWidth: Int) -> Int { min(25, columnWidth / 2 + 2) }

    private static func draw(into buffer: inout Buffer, model: TutorModel, session: TraceSession, snapshot: TraceSnapshot?,
                             label: String, area: Rect, scale: ClosedRange<Double>?) {
        let lowerHeight = max(8, area.height * 2 / 5)
        let equations = Rect(x: area.x, y: area.y, width: area.width, height: area.height - lowerHeight)
        let boundaryWidth = lossX(columnWidth: area.width)
        let boundary = Rect(x: area.x, y: equations.maxY, width: boundaryWidth, height: lowerHeight)
        let loss = Rect(x: area.x + boundaryWidth, y: equations.maxY, width: area.width - boundaryWidth, height: lowerHeight)
        let setup = session.setup
        let heading = "\(label) · η \(NumberFormat.parameter(setup.learningRate)) · \(setup.modeLabel)"
        TutorView.drawPanel(heading, into: &buffer, model: model, area: equations) { buffer, inner in
            var lines = snapshot.map { session.equations.lines($0.values) } ?? []
            if let snapshot, snapshot.event.phase == .epoch {
                lines.append(session.equations.epochLoss(sampleLosses: snapshot.epochSampleLosses, total: snapshot.event.value.first))
            }
            let current = snapshot?.event.entry.id
            EquationsWidget(lines: lines, current: current, ascii: model.ascii, color: model.color, headings: false)
                .render(into: &buffer, area: inner)
        }
        let network = snapshot?.network ?? session.trainer.initialNetwork
        let dataset = session.trainer.dataset
        let right = dataset.training.filter { Classification.isRight(yHat: network.predict($0.x), y: $0.y) }.count
        let title = ["boundary · \(right)/\(dataset.trainingCount)", "boundary"].first { $0.count <= boundary.width - 6 } ?? ""
        TutorView.drawPanel(title, into: &buffer, model: model, area: boundary) { buffer, inner in
            DecisionBoundaryWidget(
                network: network, samples: dataset.samples, trainingCount: dataset.trainingCount,
                currentSample: snapshot?.event.phase == .epoch ? nil : snapshot?.event.sample, ascii: model.ascii, color: model.color
            ).render(into: &buffer, area: inner)
        }
        let lossTitle = ["loss · same scale as beside", "loss · same scale", "loss"].first { $0.count <= loss.width - 6 } ?? ""
        TutorView.drawPanel(lossTitle, into: &buffer, model: model, area: loss) { buffer, inner in
            SparklineWidget(curves: TutorView.lossCurves(snapshot?.curves).curves, ascii: model.ascii, scale: scale)
                .render(into: &buffer, area: inner)
        }
    }
}
