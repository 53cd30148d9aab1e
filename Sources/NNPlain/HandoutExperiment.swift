import NNCore
import NNLessons

/// A stop's `try:` experiment on paper: each value of the setting trained to the end, and its
/// key numbers side by side, where the walkthrough would let the learner rerun it.
struct HandoutExperiment {
    /// One value's run.
    struct Row: Equatable {
        var value: String
        /// The summed loss of the stop's epoch; nil when the variant trains fewer epochs.
        var lossAtEpoch: Double?
        var finalLoss: Double?
        var right: Int
        var samples: Int
        /// This value gives the lesson's own setup.
        var isLessons: Bool
    }

    let experiment: LessonExperiment
    let epoch: Int
    let rows: [Row]

    /// Trains each of the experiment's values (those that make a valid setup; the parser has
    /// refused the others) on the lesson's setup.
    init(_ experiment: LessonExperiment, setup: TrainingSetup, epoch: Int) {
        self.experiment = experiment
        self.epoch = epoch
        rows = experiment.values.compactMap { value in
            guard case .success(let variant) = experiment.variant(of: setup, value: value) else { return nil }
            return Self.train(variant, value: value, epoch: epoch, isLessons: variant == setup)
        }
    }

    static func train(_ setup: TrainingSetup, value: String, epoch: Int, isLessons: Bool) -> Row {
        let trainer = Trainer(setup: setup, bus: TraceBus())
        var atEpoch: Double?
        if epoch < setup.epochs {
            let (steps, overflow) = (epoch + 1).multipliedReportingOverflow(by: trainer.samplesPerEpoch)
            trainer.run(steps: overflow ? Int.max : steps)
            atEpoch = trainer.epochLosses.latest
        }
        trainer.run()
        let training = trainer.dataset.training
        let right = training.filter { Classification.isRight(yHat: trainer.network.predict($0.x), y: $0.y) }.count
        return Row(value: value, lossAtEpoch: atEpoch, finalLoss: trainer.epochLosses.latest, right: right,
                   samples: training.count, isLessons: isLessons)
    }

    /// What the handout prints: a sentence, the table's lines (one line per value when the table is
    /// wider than `width`), and a note on the columns (nil with no table).
    func table(width: Int) -> (intro: String, rows: [String], note: String?) {
        let key = experiment.key
        guard !rows.isEmpty else {
            return ("Try it: any value of \(key) can be tried at this stop in the walkthrough.", [], nil)
        }
        let F = NumberFormat.self
        let header = [key, "loss, epoch \(epoch)", "final loss", "classified right"]
        let cells = rows.map { row in
            [row.value + (row.isLessons ? " *" : ""), row.lossAtEpoch.map(F.short) ?? "—", row.finalLoss.map(F.short) ?? "—",
             "\(row.right) of \(row.samples)"]
        }
        let columns = (0..<header.count).map { c in ([header[c]] + cells.map { $0[c] }).map(\.count).max() ?? 0 }
        let intro = "Try it: this lesson with each value of \(key)\(rows.contains(where: \.isLessons) ? " (* is the lesson's own)" : ""), trained to the end:"
        let note = "Each loss is an epoch's, summed over the samples: epoch \(epoch)'s, where this stop is, and the run's last."
        func line(_ values: [String]) -> String {
            "    " + values.enumerated().map { c, v in c == values.count - 1 ? v : v.padding(to: columns[c]) }.joined(separator: "   ")
        }
        let table = [line(header)] + cells.map(line)
        if table.allSatisfy({ $0.count <= width }) { return (intro, table, note) }
        return (intro, cells.map { c in "    \(key) \(c[0]): loss \(c[1]) at epoch \(epoch), final \(c[2]), \(c[3]) classified right" }, note)
    }
}
