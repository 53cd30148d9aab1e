#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import NNCore
import NNLessons
import NNPlain

/// `nn-tutor progress`: what the learner has done, lesson by lesson and answer by answer.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show your progress: each lesson, and each answer (right, wrong or skipped, and the tries).",
        discussion: """
            Progress is kept in $XDG_STATE_HOME/nn-tutor/progress.json (by default \
            ~/.local/state/nn-tutor). With --format json it is written as JSON, for a teacher to collect. Showing \
            progress never changes it: a file that cannot be read is reported, left as it is, and read \
            as no progress at all (every lesson not started).
            """,
        subcommands: [ProgressResetCommand.self]
    )

    // --format (text or json), --ascii and --course are the root command's options.
    @ParentCommand var root: NNTutorCommand

    func run() throws {
        let json: Bool
        switch root.output.format {
        case nil, .text: json = false
        case .json: json = true
        case .some(let other): throw ValidationError("nn-tutor progress writes --format text or json, not \(other.rawValue)")
        }
        let catalog = try CourseFolder.catalog(course: root.course)
        let directory = ProgressStore.defaultDirectory(environment: Environment.current)
        // As `nn-tutor lessons` does: a file that cannot be read is reported and left as it is, and
        // the listing goes on with nothing saved (every lesson not started), which is what it holds.
        let store = ProgressStore(directory: directory, readOnly: true)
        if let warning = store.warning { Stderr.line("nn-tutor: \(warning)") }
        let report = ProgressReport(lessons: catalog.lessons, progress: store.progress)
        let sink = OutputSink()
        if json {
            sink.writeLine(report.json())
        } else {
            let where_ = store.filePath.map { "Progress kept in \($0)" }
                ?? "Progress is not kept: neither XDG_STATE_HOME nor HOME is set"
            let lines = [where_ + ":"] + ProgressText.lines(report, custom: catalog.custom)
            let ascii = root.output.drawsASCII
            for line in lines { sink.writeLine(ascii ? ASCIIFallback.transliterate(line) : line) }
        }
        let status = PlainRun.finish(sink, writing: "the progress report")
        if status != 0 { throw ExitCode(status) }
    }
}

/// The report in words.
enum ProgressText {
    static func lines(_ report: ProgressReport, custom: CustomCourse?) -> [String] {
        var lines: [String] = []
        var section: String?
        let numberWidth = max(2, String(report.lessons.compactMap(\.number).max() ?? 0).count)
        let idWidth = report.lessons.filter { $0.title != nil }.map(\.id.count).max() ?? 0
        for lesson in report.lessons {
            let heading: String
            switch lesson.source {
            case "built-in": heading = "Built-in lessons"
            case "custom": heading = "Your lessons" + (custom.map { ", in \($0.directory)" } ?? "")
            default: heading = "Saved for lessons not in the course now"
            }
            if heading != section {
                lines.append("")
                lines.append(heading)
                section = heading
            }
            let number = lesson.number.map(String.init) ?? ""
            let name = lesson.title.map { lesson.id.padded(to: idWidth) + "  " + $0 } ?? lesson.key
            var status = lesson.status
            if lesson.status == "in progress", let stop = lesson.stop, let stops = lesson.stops {
                status += ", at stop \(stop) of \(stops)"
            }
            lines.append("  " + String(repeating: " ", count: max(0, numberWidth - number.count)) + number + "  " + name + ": " + status)
            for answer in lesson.answers {
                let stop = answer.stop.map { "stop \($0) (\(answer.stopTitle ?? answer.stopId))" } ?? "stop '\(answer.stopId)'"
                let tries = answer.tries == 1 ? "try" : "tries"
                let typed = answer.answer.isEmpty ? "" : ", answered \(answer.answer)"
                // Esc after wrong tries is giving up, not skipping the question: said so.
                let result = answer.result == "skipped" && answer.tries > 0 ? "gave up after \(answer.tries) wrong \(tries)"
                    : "\(answer.result), \(answer.tries) \(tries)"
                lines.append("      " + stop + ": " + result + typed)
            }
        }
        return lines
    }
}

/// `nn-tutor progress reset [LESSON]`: forgets one lesson's progress, or all of it, after asking.
struct ProgressResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Forget the progress of one lesson, or of every lesson, after asking.",
        discussion: """
            On a terminal it asks 'y/N' first. Without a terminal (a script) it resets only with \
            --yes, and refuses otherwise.
            """
    )

    @ParentCommand var root: NNTutorCommand

    @Argument(help: ArgumentHelp("The lesson: a number, id or file name as 'nn-tutor progress' lists them. (default: every lesson)", valueName: "lesson"))
    var lesson: String?

    @Flag(help: "Reset without asking (for scripts).")
    var yes = false

    func run() throws {
        let catalog = try CourseFolder.catalog(course: root.course)
        let store = ProgressStore(directory: ProgressStore.defaultDirectory(environment: Environment.current))
        if let warning = store.warning { Stderr.line("nn-tutor: \(warning)") }
        guard store.directory != nil else {
            print("Progress is not kept (neither XDG_STATE_HOME nor HOME is set): nothing to reset.")
            return
        }
        var key: String?
        var what = "every lesson"
        if let name = lesson?.trimmed {
            if let found = catalog.lesson(named: name) {
                key = found.progressKey
                let number = catalog.lessons.firstIndex { $0.progressKey == found.progressKey }.map { "lesson \($0 + 1), " } ?? ""
                what = "\(number)\(found.id) (\(found.title))"
            } else if let saved = [name, Lesson.customPrefix + name].first(where: { store.progress.lessons[$0] != nil }) {
                key = saved
                what = "'\(saved)'"
            } else {
                throw ValidationError("no lesson '\(name)' in the course or in the saved progress; give a number, an id or a file name as 'nn-tutor progress' lists them")
            }
        }
        let saved = key.map { store.progress.lessons[$0] == nil ? 0 : 1 } ?? store.progress.lessons.count
        guard saved > 0 else {
            print("Nothing to reset: no progress is saved for \(what).")
            return
        }
        if !yes {
            guard isatty(0) == 1 else {
                throw ValidationError("progress reset asks before it forgets anything, and standard input is not a terminal: add --yes to reset without asking")
            }
            let question = key == nil
                ? "Forget the progress of every lesson (\(saved) with progress saved), answers included? [y/N] "
                : "Forget the progress of \(what), answers included? [y/N] "
            guard Confirmation.ask(question) else {
                Stderr.line("nn-tutor: nothing was reset")
                throw ExitCode(1)
            }
        }
        guard store.reset(lesson: key) else {
            Stderr.line("nn-tutor: \(store.warning ?? "could not save the progress file")")
            throw ExitCode(1)
        }
        print("Progress of \(what) forgotten.")
    }
}

/// A y/N question on the terminal: only y or yes (any case) says yes.
enum Confirmation {
    static func ask(_ question: String) -> Bool {
        let bytes = Array(question.utf8)
        bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
        guard let answer = readLine(strippingNewline: true) else { return false }
        return ["y", "yes"].contains(answer.trimmed.lowercased())
    }
}
