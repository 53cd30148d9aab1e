import ArgumentParser
import NNCore
import NNLessons
import NNPlain
import NNTerminal

/// `nn-tutor`: step through every number a neuron computes while it learns.
struct NNTutorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nn-tutor",
        abstract: "nn-tutor \(Version.number): step through every number a neural network computes while it learns.",
        discussion: """
            With no flags, opens the course (a menu of lessons). With training flags, opens the \
            full-screen walkthrough on that setup. Either needs standard input and output to be a \
            terminal; otherwise the plain text trace is printed. The starting weights are numpy's: \
            np.random.seed(SEED); X = randint(0, 2, size=2); then for each layer l = 1 ... L \
            W_l = randn(n_l, n_{l-1}) and b_l = randn(n_l) (the single neuron: W = randn(2), b = randn(1)).

            Exit status: 0 when it did what was asked; 1 when a check failed (lesson check found an \
            error, the gradient check exceeded --max-rel-error) or the output could not be written; \
            64 for a usage error (an unknown flag, a bad value, a data or lesson file that cannot be \
            read), with a message naming it; 128+N when ended by signal N (130 for Ctrl-C), with the \
            terminal restored.
            """,
        version: "nn-tutor \(Version.number)",
        subcommands: [LessonsCommand.self, LessonCommand.self, ProgressCommand.self]
    )

    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Handout (--plain --lesson)") var handout: HandoutFlags

    @Option(help: ArgumentHelp(
        "Your own lessons: list the lesson files of this folder after the built-in course (in the course menu, 'nn-tutor lessons', 'nn-tutor progress' and --lesson), instead of those in $XDG_DATA_HOME/nn-tutor/lessons (by default ~/.local/share/nn-tutor/lessons).",
        valueName: "folder"))
    var course: String?

    @Option(help: ArgumentHelp(
        "Take one lesson: a built-in lesson's number, id or file name (see 'nn-tutor lessons'), the path of a lesson file, or - to read one from standard input. With --plain, prints it as a handout.",
        valueName: "name|path|-"),
        completion: .custom { _, _, _ in LessonPath.completions })
    var lesson: String?

    @Option(help: ArgumentHelp(
        "Two runs side by side, differing in one setting each: key=value,key=value with key one of \(Settings.keys.joined(separator: ", ")), e.g. lr=0.5,lr=0.001 or activation=sigmoid,activation=relu. Other flags apply to both. With --format jsonl or csv, both runs are written, each record naming its run.",
        valueName: "a,b"))
    var compare: String?

    func run() throws {
        if lesson != nil && compare != nil {
            throw ValidationError("--compare and --lesson cannot be used together: a lesson trains its own setup")
        }
        if output.format == .json {
            throw ValidationError("--format json exports progress: 'nn-tutor progress --format json' (a trace is text, jsonl or csv)")
        }
        if lesson == nil {
            if output.format == .markdown {
                throw ValidationError("--format markdown writes a lesson handout: add --lesson (a trace is text, jsonl or csv)")
            }
            if let flag = handout.given.first {
                throw ValidationError("\(flag) shapes a lesson handout: use it with --plain --lesson")
            }
        }
        if course != nil && (compare != nil || training.choosesSetup) {
            throw ValidationError("--course adds your lessons to the course; it does not go with \(compare != nil ? "--compare" : "training flags")")
        }
        if let name = lesson {
            try runLesson(named: name)
            return
        }
        if let compare {
            try runComparison(compare)
            return
        }
        // No flags at all: the course (a menu of lessons). Its plain fallback, like --plain, uses
        // the documented defaults.
        let setup = try training.setup()
        let run = PlainRun(output: output, filter: try output.filter(for: [setup]), gateLimit: try output.gateLimit(for: [setup]))
        noteIneffectiveFlags()
        if !output.wantsPlain {
            var catalog: CourseCatalog?
            var leftOut = 0
            if !training.choosesSetup {
                catalog = try CourseFolder.catalog(course: course)
                leftOut = catalog.map { CourseFolder.report($0) } ?? 0
            }
            let note = leftOut == 0 ? nil : "\(leftOut) lesson file\(leftOut == 1 ? " was" : "s were") left out: 'nn-tutor lessons' says why"
            let opened = try openWalkthrough(fallback: "printing the plain text trace instead") { ascii, color in
                WalkthroughRun(setup: setup, ascii: ascii, color: color, course: catalog?.lessons, courseNote: note)
            }
            if opened { return }
        }
        let status = run.run(setup)
        if status != 0 { throw ExitCode(status) }
    }

    /// `--compare A,B`: two runs side by side, on screen or as two columns of text; in JSONL or
    /// CSV, one after the other.
    private func runComparison(_ text: String) throws {
        let spec = try CompareSpec(text, base: training)
        let run = PlainRun(output: output, filter: try output.filter(for: spec.setups), gateLimit: try output.gateLimit(for: spec.setups))
        noteIneffectiveFlags(overriddenBy: spec)
        if !output.wantsPlain {
            let opened = try openWalkthrough(fallback: "printing the two runs as columns of text instead") { ascii, color in
                WalkthroughRun(setup: spec.setups[0], ascii: ascii, color: color, comparison: (spec.labels, spec.setups))
            }
            if opened { return }
        }
        let columns = Environment.current["COLUMNS"].flatMap { Int($0.trimmed) }.flatMap { $0 > 0 ? $0 : nil }
        let status = run.runComparison(labels: spec.labels, setups: spec.setups, columns: columns)
        if status != 0 { throw ExitCode(status) }
    }

    /// A flag that changes nothing says so in one line on standard error; the run goes on.
    private func noteIneffectiveFlags(overriddenBy spec: CompareSpec? = nil) {
        if let every = output.every, let format = output.format, format != .text {
            Stderr.line("nn-tutor: --every \(every) has no effect with --format \(format.rawValue), which writes every epoch: --every chooses the epochs the text trace prints in full (--from-epoch and --to-epoch choose a range)")
        }
        if let spec, spec.keys.count == 2, spec.keys[0] == spec.keys[1] {
            let key = spec.keys[0]
            let given = training.given.filter { Settings.named($0.key)?.key == key }
            if !given.isEmpty, let setting = Settings.named(key) {
                let flags = given.map { "\(setting.flag) \($0.value)" }.joined(separator: " ")
                Stderr.line("nn-tutor: \(flags) has no effect: --compare sets \(key) in both runs")
            }
        }
    }

    /// Runs a walkthrough full screen when the terminal allows; returns false (after a one-line
    /// note on stderr saying what happens instead) when it does not.
    private func openWalkthrough(fallback: String, _ make: (_ ascii: Bool, _ color: Bool) -> WalkthroughRun) throws -> Bool {
        let environment = Environment.current
        if let reason = CursesTerminal.unavailabilityReason(environment: environment) {
            Stderr.line("nn-tutor: \(reason), so \(fallback) (--plain chooses this explicitly)")
            return false
        }
        let color = !output.noColor && environment["NO_COLOR"].map(\.isEmpty) ?? true
        do {
            let run = make(output.drawsASCII, color)
            let status = try MainActor.assumeIsolated { try run.run() }
            if status != 0 { throw ExitCode(status) }
            return true
        } catch let error as TerminalUnavailable {
            Stderr.line("nn-tutor: \(error.description), so \(fallback)")
            return false
        }
    }

    /// `--lesson NAME|PATH|-`: the walkthrough on a terminal, else the handout; jsonl/csv give the raw trace.
    private func runLesson(named name: String) throws {
        if training.choosesSetup {
            throw ValidationError("--lesson trains the lesson's own setup; leave out the training flags (\(training.given.map { Settings.named($0.key)?.flag ?? $0.key }.joined(separator: ", ")))")
        }
        let catalog = try CourseFolder.catalog(course: course)
        let lesson = try LessonPath.resolve(name, in: catalog)
        switch output.format {
        case .jsonl, .csv:
            if let flag = handout.given.first {
                throw ValidationError("\(flag) shapes a handout (text or markdown), not the raw trace of --format \(output.format?.rawValue ?? "")")
            }
            let run = PlainRun(output: output, filter: try output.filter(for: [lesson.setup]),
                               gateLimit: try output.gateLimit(for: [lesson.setup], remedy: "this lesson's setup does not check gradients (check_gradients: true)"))
            noteIneffectiveFlags()
            let status = run.run(lesson.setup)
            if status != 0 { throw ExitCode(status) }
            return
        case .text, .markdown, .json, nil:  // json is refused in run()
            break
        }
        if output.maxRelError != nil {
            throw ValidationError("--max-rel-error gates a trace, and a lesson's handout is for reading: add --format jsonl or csv")
        }
        if output.selectsTrace {
            Stderr.line("nn-tutor: --names, --from-epoch and --to-epoch have no effect on a lesson's handout, which prints the epochs of its stops (--format jsonl or csv gives the lesson's trace)")
        }
        if !output.wantsPlain && handout.given.isEmpty {
            // A lesson read from standard input leaves the keys to the terminal itself.
            if name == LessonPath.standardInput { TerminalInput.reattach() }
            // The lesson in the full-screen walkthrough, numbered when it is one of the course's.
            let number = catalog.lessons.firstIndex { $0.id == lesson.id && $0.path == lesson.path }.map { $0 + 1 }
            let opened = try openWalkthrough(fallback: "printing the lesson as a handout instead") { ascii, color in
                WalkthroughRun(setup: lesson.setup, ascii: ascii, color: color, lesson: lesson, lessonNumber: number)
            }
            if opened { return }
        }
        let status = HandoutRun(lesson: lesson, output: output, flags: handout).run()
        if status != 0 { throw ExitCode(status) }
    }
}
