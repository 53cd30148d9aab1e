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
        Handout(lesson: lesson, sink: sink, ascii: output.drawsASCII, every: every).run()
        return PlainRun.finish(sink, writing: "the handout")
    }
}
