#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser

// A closed pipe must come back as EPIPE from write(), not kill the process silently mid-line.
signal(SIGPIPE, SIG_IGN)

// Parse by hand rather than with main(), so an error is one line naming the flag, then exit 64.
do {
    var command = try NNTutorCommand.parseAsRoot()
    try command.run()
} catch {
    let code = NNTutorCommand.exitCode(for: error)
    if code == .success {
        print(NNTutorCommand.fullMessage(for: error))  // --help, --version
    } else if error is ExitCode {
        // Already reported by the command itself.
    } else if let problem = error as? DataFileProblem {
        Stderr.line(problem.description)
        exit(64)
    } else {
        let message = NNTutorCommand.message(for: error)
        Stderr.line("nn-tutor: \(message) (see 'nn-tutor --help')")
    }
    exit(code.rawValue)
}
