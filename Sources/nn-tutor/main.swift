#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import NNPlain

// A closed pipe must come back as EPIPE from write(), not kill the process silently mid-line.
signal(SIGPIPE, SIG_IGN)

let arguments = Array(CommandLine.arguments.dropFirst())

// `nn-tutor help foo` would print the top-level help and succeed; a word that names no command is
// an error, like any other bad argument.
if let problem = CommandPath.unknownCommand(in: arguments) {
    Stderr.line("nn-tutor: " + problem)
    exit(64)
}

// Parse by hand rather than with main(), so an error is one line naming the flag, then exit 64.
do {
    var command = try NNTutorCommand.parseAsRoot(arguments)
    try command.run()
} catch {
    let code = NNTutorCommand.exitCode(for: error)
    if code == .success {
        // --help, --version: to standard output, which may fail like any other.
        let sink = OutputSink()
        sink.writeLine(NNTutorCommand.fullMessage(for: error))
        exit(PlainRun.finish(sink, writing: arguments.contains("--version") ? "the version" : "the help"))
    } else if error is ExitCode {
        // Already reported by the command itself.
    } else if let problem = error as? DataFileProblem {
        Stderr.line(problem.description)
        exit(64)
    } else {
        let message = NNTutorCommand.message(for: error)
        Stderr.line("nn-tutor: \(message) (see '\(CommandPath.helpHint(arguments))')")
    }
    exit(code.rawValue)
}
