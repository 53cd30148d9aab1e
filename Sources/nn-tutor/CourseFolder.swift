import ArgumentParser
import NNLessons

/// A teacher's lesson folder: `--course DIR`, else `$XDG_DATA_HOME/nn-tutor/lessons` (by default
/// `~/.local/share/nn-tutor/lessons`), listed after the built-in course.
enum CourseFolder {
    /// The built-in course and the lessons of the folder. A `--course` that is not a folder is a
    /// usage error; the default folder may be missing (no lessons of your own yet).
    static func catalog(course: String?) throws -> CourseCatalog {
        let builtIn = Course.load()
        if let course {
            if let problem = LessonFile.notAFolder(course) {
                throw ValidationError("--course '\(course)' \(problem); give the folder that holds your lesson files")
            }
            let custom = CustomCourse.load(directory: course, part: folderName(course), builtIn: builtIn)
            return CourseCatalog(builtIn: builtIn, custom: custom)
        }
        guard let directory = CustomCourse.defaultDirectory(environment: Environment.current) else {
            return CourseCatalog(builtIn: builtIn, custom: nil)
        }
        return CourseCatalog(builtIn: builtIn, custom: CustomCourse.load(directory: directory, part: CustomCourse.defaultPart, builtIn: builtIn))
    }

    /// "my-class" for "/home/t/my-class/": the heading of a `--course` folder's lessons.
    static func folderName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Writes the folder's problems to standard error, one `path:line: message` each; returns
    /// how many files were left out (for a one-line note where stderr cannot be seen).
    @discardableResult
    static func report(_ catalog: CourseCatalog) -> Int {
        guard let custom = catalog.custom else { return 0 }
        if let problem = custom.folderProblem { Stderr.line("nn-tutor: lesson folder \(custom.directory) \(problem)") }
        for diagnostic in custom.problems { Stderr.line(diagnostic.description) }
        return Set(custom.problems.filter { !$0.isWarning }.map(\.path)).count
    }
}
