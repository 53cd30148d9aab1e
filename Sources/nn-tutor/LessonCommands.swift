#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import NNCore
import NNLessons
import NNPlain

/// `nn-tutor lessons`: the built-in course with completion marks.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "List the built-in lessons, with a mark on each one completed.",
        discussion: "With --ascii, writes plain ASCII only."
    )

    // --ascii is the root command's flag: a parent's options are accepted after the subcommand's name too.
    @ParentCommand var root: NNTutorCommand

    func run() throws {
        let store = ProgressStore(directory: ProgressStore.defaultDirectory(environment: Environment.current))
        if let warning = store.warning { Stderr.line("nn-tutor: \(warning)") }
        let lessons = Course.load()
        let idWidth = lessons.map(\.id.count).max() ?? 0
        let ascii = root.output.drawsASCII
        var lines = ["Built-in lessons (✓ = completed):"]
        for (i, lesson) in lessons.enumerated() {
            let number = String(i + 1)
            let mark = store.isCompleted(lesson.id) ? "✓" : " "
            lines.append("  \(mark) " + String(repeating: " ", count: max(0, 2 - number.count)) + number + "  "
                + lesson.id.padded(to: idWidth) + "  " + lesson.title)
        }
        lines.append("")
        lines.append("Open one with 'nn-tutor --lesson 1' (a number, an id or a lesson file's path); add --plain for a printed handout.")
        let sink = OutputSink()
        for line in lines { sink.writeLine(ascii ? ASCIIFallback.transliterate(line) : line) }
        let status = PlainRun.finish(sink, writing: "the list of lessons")
        if status != 0 { throw ExitCode(status) }
    }
}

/// `nn-tutor lesson …`: tools for lesson files.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Work with lesson files.",
        subcommands: [LessonCheckCommand.self]
    )
}

/// `nn-tutor lesson check PATH...`: validates lesson files like a compiler.
struct LessonCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate lesson files: parse each one and train its setup to prove every stop is reached.",
        discussion: """
            Each problem is printed on standard error as 'path:line: message'; each clean file as \
            'PATH: ok' on standard output. Exits 1 if any file has an error (or cannot be read), 0 otherwise.
            """
    )

    @Argument(help: ArgumentHelp("Lesson files to check.", valueName: "path"))
    var paths: [String] = []

    @Flag(help: "Also check every built-in lesson.")
    var all = false

    mutating func validate() throws {
        if paths.isEmpty && !all {
            throw ValidationError("give one or more lesson files to check (or --all for the built-in lessons)")
        }
    }

    func run() throws {
        let sink = OutputSink()
        var failed = false
        func report(_ name: String, _ diagnostics: [LessonDiagnostic]) -> Bool {
            Self.report(name, diagnostics, to: sink)
        }
        if all {
            for lesson in Course.load() {
                failed = report(lesson.path + " (built in)", LessonChecker.check(lesson: lesson)) || failed
            }
        }
        for path in paths {
            if let reason = LessonPath.unreadableReason(path) {
                Stderr.line("\(path): cannot read: \(reason)")
                failed = true
                continue
            }
            failed = report(path, LessonChecker.check(path: path)) || failed
        }
        let status = PlainRun.finish(sink, writing: "the check's results")
        if failed || status != 0 { throw ExitCode(1) }
    }

    /// Prints the diagnostics (or the ok line); returns true when there was an error.
    private static func report(_ name: String, _ diagnostics: [LessonDiagnostic], to sink: OutputSink) -> Bool {
        guard !diagnostics.isEmpty else {
            sink.writeLine("\(name): ok")
            return false
        }
        for diagnostic in diagnostics { Stderr.line(diagnostic.description) }
        return true
    }
}

/// Telling a lesson file's path from a built-in lesson's name, and loading either.
enum LessonPath {
    /// Why `path` cannot be opened for reading (strerror text), or nil when it can.
    static func unreadableReason(_ path: String) -> String? {
        if let problem = LessonFile.notARegularFile(path) { return problem }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        if fd < 0 { return String(cString: strerror(errno)) }
        close(fd)
        return nil
    }

    /// A name is a path when it has a "/" or names a file that exists; "x.md" that is neither a
    /// file nor a built-in name is still treated as a path, so the error says the file is missing.
    static func looksLikePath(_ name: String) -> Bool {
        name.contains("/") || access(name, F_OK) == 0
    }

    /// `--lesson -`: the lesson file comes on standard input.
    static let standardInput = "-"
    /// How a lesson read from standard input is named in its `path:line:` messages.
    static let standardInputName = "<stdin>"

    /// What `--lesson` completes to in a shell: the built-in lessons' numbers and ids.
    static var completions: [String] {
        let lessons = Course.load()
        return lessons.indices.map { String($0 + 1) } + lessons.map(\.id)
    }

    /// Resolves `--lesson NAME|PATH|-`. Unknown names and unreadable paths are usage errors; a
    /// file's problems are printed as `path:line: message` on standard error and end the run with status 1.
    static func resolve(_ name: String) throws -> Lesson {
        if name == standardInput { return try checked(readStandardInput()) }
        if !looksLikePath(name), let lesson = Course.lesson(named: name) { return lesson }
        if looksLikePath(name) || name.hasSuffix(".md") {
            if let reason = unreadableReason(name) {
                throw ValidationError("--lesson '\(name)': cannot read: \(reason)")
            }
            return try checked(LessonFile.load(path: name))
        }
        let ids = Course.load().map(\.id).joined(separator: ", ")
        throw ValidationError("unknown --lesson '\(name)'; built-in lessons: \(ids) (or 1 to \(Course.load().count), a lesson file's path, or - for standard input)")
    }

    /// A user's lesson, parsed, after the checker's full run too, so a stop that never happens or
    /// a value not computed yet is reported here rather than shown as a gap.
    private static func checked(_ loaded: (Lesson?, [LessonDiagnostic])) throws -> Lesson {
        let (parsed, diagnostics) = loaded
        let problems = parsed.map { diagnostics + LessonChecker.check(lesson: $0) } ?? diagnostics
        for diagnostic in problems { Stderr.line(diagnostic.description) }
        guard let lesson = parsed, problems.isEmpty else { throw ExitCode(1) }
        return lesson
    }

    /// Reads a lesson file from standard input, which must not be the terminal a user would type it into.
    private static func readStandardInput() throws -> (Lesson?, [LessonDiagnostic]) {
        if isatty(0) != 0 {
            throw ValidationError("--lesson - reads a lesson file from standard input, which is a terminal: redirect or pipe one in, as in 'nn-tutor --lesson - < lesson.md'")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= LessonParser.maxBytes {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 {
                throw ValidationError("--lesson -: cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        if bytes.count > LessonParser.maxBytes {
            let diagnostic = LessonDiagnostic(path: standardInputName, line: 1,
                                              message: "standard input holds more than \(LessonParser.maxBytes) bytes, the most a lesson file may have")
            return (nil, [diagnostic])
        }
        return LessonParser.parse(data: Data(bytes), path: standardInputName)
    }
}

extension String {
    /// Pads with spaces on the right to `width` characters.
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
