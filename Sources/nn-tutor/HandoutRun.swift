#if canImport(Glibc)
import Glibc
#endif
import NNLessons
import NNPlain

/// `--plain --lesson X`: writes the lesson as a handout to stdout; never reads stdin.
struct HandoutRun {
    let lesson: Lesson
    let output: OutputOptions
    let flags: HandoutFlags

    /// Runs to the end (or until stdout closes) and returns the exit status.
    func run() -> Int32 {
        let sink = OutputSink()
        let every = output.every.flatMap { Int($0.trimmed) }
        let format: HandoutOptions.Format = output.format == .markdown ? .markdown : .text
        let options = flags.options(format: format, every: every, ascii: output.drawsASCII, terminalWidth: Self.terminalWidth())
        Handout(lesson: lesson, sink: sink, options: options).run()
        return PlainRun.finish(sink, writing: "the handout")
    }

    /// Standard output's width when it is a terminal, kept within the widths a handout accepts.
    static func terminalWidth() -> Int? {
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return min(max(Int(size.ws_col), HandoutOptions.widths.lowerBound), HandoutOptions.widths.upperBound)
    }
}
