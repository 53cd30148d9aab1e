import Foundation

/// A teacher's own lessons: every `*.md` file of one folder (but `README.md`), in file-name order,
/// listed after the built-in course as a part of their own.
///
/// Files are parsed, not trained: listing a folder stays instant. A file with errors, or whose id
/// a built-in lesson or an earlier file already has, is left out and reported as
/// `path:line: message`; the others are listed all the same. `lesson check` trains each one.
public struct CustomCourse: Sendable {
    /// The folder, as given.
    public let directory: String
    /// The lessons that load, each with a part (the folder's heading unless it names its own).
    public let lessons: [Lesson]
    /// What is wrong with the files left out, and warnings about the others.
    public let problems: [LessonDiagnostic]
    /// The folder itself cannot be read: why.
    public let folderProblem: String?

    /// The folder of a learner's own lessons: `$XDG_DATA_HOME/nn-tutor/lessons`, else
    /// `$HOME/.local/share/nn-tutor/lessons`, else nil. Relative paths are ignored, as the XDG spec asks.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("nn-tutor/lessons")
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return (home as NSString).appendingPathComponent(".local/share/nn-tutor/lessons")
        }
        return nil
    }

    /// The heading of the lessons of the default folder, which is always called "lessons".
    public static let defaultPart = "your lessons"

    /// More lesson files than this in one folder are not read (the folder is surely not a course).
    public static let maxFiles = 500

    /// Reads the folder. A folder that does not exist is an empty course, with no problem.
    /// - Parameter part: the heading for lessons with no `part:` of their own.
    public static func load(directory: String, part: String, builtIn: [Lesson]) -> CustomCourse {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return CustomCourse(directory: directory, lessons: [], problems: [], folderProblem: nil)
        }
        guard isDirectory.boolValue else {
            return CustomCourse(directory: directory, lessons: [], problems: [], folderProblem: "is not a folder")
        }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" && !$0.hasPrefix(".") }
                .sorted()
        } catch {
            return CustomCourse(directory: directory, lessons: [], problems: [],
                                folderProblem: "cannot be read (\(ProgressStore.reason(error)))")
        }
        var lessons: [Lesson] = []
        var problems: [LessonDiagnostic] = []
        for name in names.prefix(maxFiles) {
            let path = (directory as NSString).appendingPathComponent(name)
            let (parsed, diagnostics) = LessonFile.load(path: path)
            problems += diagnostics
            guard var lesson = parsed else { continue }
            if let clash = LessonClashes.check(lessons + [lesson], builtIn: builtIn).first(where: { $0.path == path }) {
                var leftOut = clash
                leftOut.message += " (left out of the course)"
                leftOut.isWarning = false
                problems.append(leftOut)
                continue
            }
            if lesson.part.isEmpty { lesson.part = part }
            lessons.append(lesson)
        }
        var folderProblem: String?
        if names.count > maxFiles {
            folderProblem = "has \(names.count) lesson files; only the first \(maxFiles) are read"
        }
        return CustomCourse(directory: directory, lessons: lessons, problems: problems, folderProblem: folderProblem)
    }
}

/// The whole course a learner sees: the built-in lessons, then their own.
public struct CourseCatalog: Sendable {
    public let builtIn: [Lesson]
    public let custom: CustomCourse?

    public init(builtIn: [Lesson] = Course.load(), custom: CustomCourse?) {
        self.builtIn = builtIn
        self.custom = custom
    }

    /// Every lesson, numbered from 1 in this order.
    public var lessons: [Lesson] { builtIn + (custom?.lessons ?? []) }

    /// A lesson by id ("forward-pass", a built-in lesson first), file name ("01-forward-pass.md" or
    /// without ".md"), or number in the whole course ("1", "13").
    public func lesson(named name: String) -> Lesson? {
        Course.find(name, in: lessons)
    }
}
