import ArgumentParser
import NNCore
import NNLessons
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
            """,
        subcommands: [LessonsCommand.self, LessonCommand.self]
    )

    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Output") var output: OutputOptions

    @Option(help: ArgumentHelp(
        "Take one lesson: a built-in lesson's number, id or file name (see 'nn-tutor lessons'), or the path of a lesson file. With --plain, prints it as a handout.",
        valueName: "name|path"))
    var lesson: String?

    /// With no flags: the notebook's own setup (its single sample, η = 10⁻³, as in its code).
    static let notebookSetup = TrainingSetup(dataset: .notebook, learningRate: 0.001)

    func run() throws {
        if let name = lesson {
            try runLesson(named: name)
            return
        }
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

    /// `--lesson NAME|PATH`: the walkthrough on a terminal, else the handout; jsonl/csv give the raw trace.
    private func runLesson(named name: String) throws {
        if training.choosesSetup {
            throw ValidationError("--lesson trains the lesson's own setup; leave out --dataset, --lr, --epochs, --seed, --init, --mode, --bug and --check-gradients")
        }
        let lesson = try LessonPath.resolve(name)
        let environment = Environment.current
        switch output.format {
        case .jsonl, .csv:
            let status = PlainRun(setup: lesson.setup, output: output).run()
            if status != 0 { throw ExitCode(status) }
            return
        case .text, nil:
            break
        }
        if !output.wantsPlain {
            if let reason = CursesTerminal.unavailabilityReason(environment: environment) {
                Stderr.line("nn-tutor: \(reason), so printing the lesson as a handout instead (--plain chooses this explicitly)")
            } else {
                let unicode = !output.ascii && CursesTerminal.localeIsUTF8()
                let color = !output.noColor && environment["NO_COLOR"].map(\.isEmpty) ?? true
                do {
                    // LESSON-WALKTHROUGH: the lesson in the full-screen walkthrough.
                    let number = Course.load().firstIndex { $0.id == lesson.id && $0.path == lesson.path }.map { $0 + 1 }
                    let status = try MainActor.assumeIsolated {
                        try WalkthroughRun(setup: lesson.setup, ascii: !unicode, color: color, lesson: lesson, lessonNumber: number).run()
                    }
                    if status != 0 { throw ExitCode(status) }
                    return
                } catch let error as TerminalUnavailable {
                    Stderr.line("nn-tutor: \(error.description), so printing the lesson as a handout instead")
                }
            }
        }
        let status = HandoutRun(lesson: lesson, output: output).run()
        if status != 0 { throw ExitCode(status) }
    }
}
