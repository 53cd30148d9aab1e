#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import NNLessons
import NNPlain

/// `nn-tutor lesson new NAME`: a commented starting file, NAME.md in the current directory.
struct LessonNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a commented starting lesson, NAME.md, in the current directory.",
        discussion: """
            NAME becomes the file's name and the lesson's id: lowercase letters, digits and hyphens, \
            and not the id of a built-in lesson or of a lesson already in your course folder (or in \
            the current directory). An existing file is never overwritten. The file passes 'nn-tutor lesson check' as written; \
            put it in ~/.local/share/nn-tutor/lessons (or a folder for --course) to see it in the course.
            """
    )

    // --course is the root command's: the folder whose ids the new lesson must not repeat.
    @ParentCommand var root: NNTutorCommand

    @Argument(help: ArgumentHelp("The lesson's name, such as my-lesson.", valueName: "name"))
    var name: String

    /// The name without a ".md" the user may have typed.
    var bareName: String { name.hasSuffix(".md") ? String(name.dropLast(3)) : name }

    mutating func validate() throws {
        let builtIn = Course.load()
        if let problem = LessonTemplate.problem(with: bareName, builtIn: builtIn) { throw ValidationError(problem) }
        // The course folder's lessons, and those in the folder the file is written to, which may
        // be the course folder or go into it; the file itself, if it exists, is refused in run().
        let catalog = try CourseFolder.catalog(course: root.course)
        let here = CustomCourse.load(directory: ".", part: "", builtIn: builtIn).lessons
        let target = Self.canonical(bareName + ".md")
        let yours = ((catalog.custom?.lessons ?? []) + here).filter { Self.canonical($0.path) != target }
        if let problem = LessonTemplate.problem(with: bareName, builtIn: builtIn, yours: yours) { throw ValidationError(problem) }
    }

    /// A path as one file has only one: absolute, without "." or links.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    func run() throws {
        let path = bareName + ".md"
        // O_EXCL: the file is created here or not at all, so nothing is ever overwritten.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "it already exists; nothing was written (choose another name, or move the file)"
                : String(cString: strerror(errno))
            Stderr.line("nn-tutor: cannot write \(path): \(reason)")
            throw ExitCode(1)
        }
        let bytes = Array(LessonTemplate.text(name: bareName).utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let closed = close(fd)
        guard written == bytes.count, closed == 0 else {
            Stderr.line("nn-tutor: cannot write \(path): \(String(cString: strerror(errno)))")
            unlink(path)
            throw ExitCode(1)
        }
        print("wrote \(path): check it with 'nn-tutor lesson check \(path)', take it with 'nn-tutor --lesson ./\(path)'")
    }
}

/// `nn-tutor lesson show N`: a built-in lesson's source, to copy from.
struct LessonShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a built-in lesson's source file, to copy from.",
        discussion: "For example 'nn-tutor lesson show 3 > my-lesson.md'; then give the copy its own id."
    )

    @Argument(help: ArgumentHelp("A built-in lesson's number, id or file name (see 'nn-tutor lessons').", valueName: "lesson"))
    var lesson: String

    func run() throws {
        guard let source = Course.source(named: lesson.trimmed) else {
            let lessons = Course.load()
            throw ValidationError("no built-in lesson '\(lesson)'; give a number from 1 to \(lessons.count), an id (\(lessons.map(\.id).joined(separator: ", "))) or a file name such as \(lessons.first.map { Course.fileStem($0) + ".md" } ?? "01-name.md")")
        }
        let sink = OutputSink()
        sink.write(source.text)
        let status = PlainRun.finish(sink, writing: "the lesson")
        if status != 0 { throw ExitCode(status) }
    }
}
