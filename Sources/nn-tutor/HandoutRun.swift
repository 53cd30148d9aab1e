import NNLessons
import NNPlain

/// `--plain --lesson X`: writes the lesson as a handout to stdout; never reads stdin.
struct HandoutRun {
    let lesson: Lesson
    let output: OutputOptions

    /// Runs to the end (or until stdout closes) and returns the exit status.
    func run() -> Int32 {
        let sink = OutputSink()
        let every = output.every.flatMap { Int($0.trimmed) }
        Handout(lesson: lesson, sink: sink, ascii: output.ascii, every: every).run()
        sink.flush()
        switch sink.state {
        case .open, .closed:
            return 0  // a reader that stops early (`| head`) is not an error
        case .failed(let reason):
            Stderr.line("nn-tutor: cannot write the handout to standard output: \(reason)")
            return 1
        }
    }
}
