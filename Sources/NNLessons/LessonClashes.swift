/// Lesson ids that collide. An id names a lesson for `--lesson` and keys its saved progress, so a
/// teacher's lesson may not take a built-in lesson's id, and two lessons of one course should not
/// share one.
public enum LessonClashes {
    /// One diagnostic per lesson whose id is taken: by a built-in lesson (an error), or by a lesson
    /// earlier in `lessons` (a warning). A file named like a built-in lesson and holding its id
    /// (`03-chain-rule.md` with `id: chain-rule`) is that lesson's own source, not a clash.
    public static func check(_ lessons: [Lesson], builtIn: [Lesson]) -> [LessonDiagnostic] {
        var diagnostics: [LessonDiagnostic] = []
        var first: [String: Lesson] = [:]
        for lesson in lessons {
            if let clash = builtInClash(lesson, builtIn: builtIn) {
                diagnostics.append(clash)
            } else if let earlier = first[lesson.id] {
                diagnostics.append(LessonDiagnostic(
                    path: lesson.path, line: lesson.idLine,
                    message: "id '\(lesson.id)' is also the id of \(earlier.path) (line \(earlier.idLine)); give each lesson its own id, so that each keeps its own progress",
                    isWarning: true))
            }
            if first[lesson.id] == nil { first[lesson.id] = lesson }
        }
        return diagnostics
    }

    /// The error for a lesson that takes a built-in lesson's id, or nil.
    public static func builtInClash(_ lesson: Lesson, builtIn: [Lesson]) -> LessonDiagnostic? {
        guard !lesson.isBuiltIn, let index = builtIn.firstIndex(where: { $0.id == lesson.id }) else { return nil }
        let original = builtIn[index]
        let file = Course.fileStem(original) + ".md"
        if lesson.path == file || lesson.path.hasSuffix("/" + file) { return nil }
        return LessonDiagnostic(
            path: lesson.path, line: lesson.idLine,
            message: "id '\(lesson.id)' is the id of built-in lesson \(index + 1) (\(file)); give this lesson its own id")
    }
}
