import ArgumentParser
import NNCore
import NNTerminal

/// `nn-tutor`: step through every number a neuron computes while it learns.
struct NNTutorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nn-tutor",
        abstract: "Step through every number a neural network computes while it learns.",
        discussion: """
            Without --plain, opens the full-screen walkthrough when standard input and output are a \
            terminal; otherwise prints the plain text trace. The starting weights are numpy's: \
            np.random.seed(SEED); X = randint(0, 2, size=2); W = randn(2); b = randn(1).
            """
    )

    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    /// With no flags: the notebook's own setup (its single sample, η = 10⁻³, as in its code).
    static let notebookSetup = TrainingSetup(dataset: .notebook, learningRate: 0.001)

    func run() throws {
        let setup = try training.setup(defaults: training.choosesSetup ? TrainingSetup() : Self.notebookSetup)
        let environment = Environment.current
        if !output.wantsPlain {
            if let reason = CursesTerminal.unavailabilityReason(environment: environment) {
                Stderr.line("nn-tutor: \(reason), so printing the plain text trace instead (--plain chooses this explicitly)")
            } else {
                let unicode = !output.ascii && CursesTerminal.localeIsUTF8()
                let color = !output.noColor && environment["NO_COLOR"].map(\.isEmpty) ?? true
                do {
                    let status = try MainActor.assumeIsolated {
                        try WalkthroughRun(setup: setup, ascii: !unicode, color: color).run()
                    }
                    if status != 0 { throw ExitCode(status) }
                    return
                } catch let error as TerminalUnavailable {
                    Stderr.line("nn-tutor: \(error.description), so printing the plain text trace instead")
                }
            }
        }
        let status = PlainRun(setup: setup, output: output).run()
        if status != 0 { throw ExitCode(status) }
    }
}
