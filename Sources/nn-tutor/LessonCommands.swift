#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import NNCore
import NNLessons
import NNPlain

/// `nn-tutor lessons`: the course (built-in lessons, then your own) with completion marks.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "List the lessons, built-in and your own, with a mark on each one completed.",
        discussion: """
            Your own lessons are the lesson files in $XDG_DATA_HOME/nn-tutor/lessons (by default \
            ~/.local/share/nn-tutor/lessons), or in the folder given with --course; a file that \
            cannot be loaded is reported on standard error as 'path:line: message', and the others \
            are listed. Reading progress never changes it. With --ascii, writes plain ASCII only.
            """
    )

    // --ascii and --course are the root command's: a parent's options are accepted after the subcommand's name too.
    @ParentCommand var root: NNTutorCommand

    func run() throws {
        let catalog = try CourseFolder.catalog(course: root.course)
        // A listing only reads: a corrupt progress file is reported and left for a command that writes.
        let store = ProgressStore(directory: ProgressStore.defaultDirectory(environment: Environment.current), readOnly: true)
        if let warning = store.warning { Stderr.line("nn-tutor: \(warning)") }
        CourseFolder.report(catalog)
        let lessons = catalog.lessons
        let idWidth = lessons.map(\.id.count).max() ?? 0
        let ascii = root.output.drawsASCII
        let numberWidth = String(lessons.count).count
        func row(_ i: Int, _ lesson: Lesson) -> String {
            let number = String(i + 1)
            let mark = store.isCompleted(lesson.progressKey) ? "✓" : " "
            return "  \(mark) " + String(repeating: " ", count: max(0, max(2, numberWidth) - number.count)) + number + "  "
                + lesson.id.padded(to: idWidth) + "  " + lesson.title
        }
        var lines = ["Built-in lessons (✓ = completed):"]
        for (i, lesson) in catalog.builtIn.enumerated() { lines.append(row(i, lesson)) }
        if let custom = catalog.custom, !custom.lessons.isEmpty {
            lines.append("")
            lines.append("Your lessons, in \(custom.directory):")
            var part: String?
            for (i, lesson) in custom.lessons.enumerated() {
                if lesson.part != part {
                    lines.append("  " + lesson.part)
                    part = lesson.part
                }
                lines.append(row(catalog.builtIn.count + i, lesson))
            }
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
        subcommands: [LessonCheckCommand.self, LessonNewCommand.self, LessonShowCommand.self]
    )
}

/// `nn-tutor lesson check PATH...`: validates lesson files like a compiler.
struct LessonCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate lesson files: parse each one and train its setup to prove every stop is reached.",
        discussion: """
            Each problem is printed on standard error as 'path:line: message', and each thing worth a \
            second look (such as a number typed where a live value belongs) as 'path:line: warning: \
            message', in line order; each file without errors as 'PATH: ok' on standard output. Exits 1 \
            if any file has an error (or cannot be read), 0 otherwise: warnings alone do not fail.
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
        let builtIn = Course.load()
        func report(_ name: String, _ diagnostics: [LessonDiagnostic]) -> Bool {
            Self.report(name, diagnostics, to: sink)
        }
        if all {
            for lesson in builtIn {
                let diagnostics = Course.source(named: lesson.id).map { LessonChecker.check(text: $0.text, path: lesson.path) }
                    ?? LessonChecker.check(lesson: lesson)
                failed = report(lesson.path + " (built in)", diagnostics) || failed
            }
        }
        // Each file is parsed and checked, then every lesson's id is compared with the built-in
        // course's and with the other files' of this run; a file's messages are printed together.
        var checked: [(path: String, lesson: Lesson?, diagnostics: [LessonDiagnostic])] = []
        for path in paths {
            if let reason = LessonPath.unreadableReason(path) {
                checked.append((path, nil, [LessonDiagnostic(path: path, line: 0, message: "cannot read: \(reason)")]))
                continue
            }
            switch LessonFile.read(path: path) {
            case .failure(let diagnostic):
                checked.append((path, nil, [diagnostic]))
            case .success(let data):
                let (lesson, diagnostics) = LessonChecker.checkFile(data: data, path: path)
                checked.append((path, lesson, diagnostics))
            }
        }
        let clashes = LessonClashes.check(checked.compactMap(\.lesson), builtIn: builtIn)
        for file in checked {
            let diagnostics = file.diagnostics + clashes.filter { $0.path == file.path }
            failed = report(file.path, diagnostics) || failed
        }
        let status = PlainRun.finish(sink, writing: "the check's results")
        if failed || status != 0 { throw ExitCode(1) }
    }

    /// Prints the diagnostics (errors and warnings, on standard error) and, when there is no error,
    /// the ok line on `sink`; returns true when there was an error.
    private static func report(_ name: String, _ diagnostics: [LessonDiagnostic], to sink: OutputSink) -> Bool {
        for diagnostic in diagnostics.inLineOrder {
            // A file that cannot be opened has no line to point at.
            Stderr.line(diagnostic.line == 0 ? "\(diagnostic.path): \(diagnostic.message)" : diagnostic.description)
        }
        guard diagnostics.contains(where: { !$0.isWarning }) else {
            sink.writeLine("\(name): ok")
            return false
        }
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

    /// Resolves `--lesson NAME|PATH|-`: a lesson of the course (built-in or your own) by number, id
    /// or file name, else a file, or standard input. Unknown names and unreadable paths are usage
    /// errors; a file's errors are printed as `path:line: message` on standard error and end the run
    /// with status 1 (warnings are printed and the lesson opens).
    static func resolve(_ name: String, in catalog: CourseCatalog) throws -> Lesson {
        if name == standardInput { return try checked(readStandardInput()) }
        if !looksLikePath(name), let lesson = catalog.lesson(named: name) { return lesson }
        if looksLikePath(name) || name.hasSuffix(".md") {
            if let reason = unreadableReason(name) {
                throw ValidationError("--lesson '\(name)': cannot read: \(reason)")
            }
            return try checked(LessonFile.load(path: name))
        }
        let ids = catalog.builtIn.map(\.id).joined(separator: ", ")
        var known = "built-in lessons: \(ids) (or 1 to \(catalog.builtIn.count)"
        if let custom = catalog.custom, !custom.lessons.isEmpty {
            let first = catalog.builtIn.count + 1, last = catalog.lessons.count
            known += "); your lessons: \(custom.lessons.map(\.id).joined(separator: ", ")) (or \(first == last ? "\(first)" : "\(first) to \(last)")"
        }
        throw ValidationError("unknown --lesson '\(name)'; \(known), a lesson file's path, or - for standard input)")
    }

    /// A user's lesson, parsed, after the checker's full run too, so a stop that never happens or
    /// a value not computed yet is reported here rather than shown as a gap. Warnings are printed
    /// and the lesson opens; errors end the run.
    private static func checked(_ loaded: (Lesson?, [LessonDiagnostic])) throws -> Lesson {
        let (parsed, diagnostics) = loaded
        let problems = parsed.map { diagnostics + LessonChecker.check(lesson: $0) } ?? diagnostics
        for diagnostic in problems.inLineOrder { Stderr.line(diagnostic.description) }
        guard let lesson = parsed, !problems.contains(where: { !$0.isWarning }) else { throw ExitCode(1) }
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
