/// The lessons shipped inside the binary, parsed, in course order.
public enum Course {
    /// Every built-in lesson that parses (the test suite guarantees all do), in file-name order.
    public static func load() -> [Lesson] {
        BuiltInCourse.lessons.compactMap { entry in
            var lesson = LessonParser.parse(text: entry.text, path: "lessons/" + entry.name).0
            lesson?.isBuiltIn = true
            return lesson
        }
    }

    /// A built-in lesson by id ("forward-pass"), file name ("01-forward-pass.md" or without ".md"),
    /// or number ("1", "01").
    public static func lesson(named name: String) -> Lesson? {
        find(name, in: load())
    }

    /// A lesson of `lessons` by id, file name (with or without ".md"), or 1-based number.
    public static func find(_ name: String, in lessons: [Lesson]) -> Lesson? {
        if let byID = lessons.first(where: { $0.id == name }) { return byID }
        let bare = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        if let byFile = lessons.first(where: { fileStem($0) == bare }) { return byFile }
        if let n = Int(name), n >= 1, n <= lessons.count { return lessons[n - 1] }
        return nil
    }

    /// A built-in lesson's file name and exact source text, found as `lesson(named:)` finds it.
    public static func source(named name: String) -> (name: String, text: String)? {
        guard let lesson = lesson(named: name) else { return nil }
        let file = fileStem(lesson) + ".md"
        return BuiltInCourse.lessons.first { $0.name == file }
    }

    public static func fileStem(_ lesson: Lesson) -> String {
        var name = lesson.path.split(separator: "/").last.map(String.init) ?? lesson.path
        if name.hasSuffix(".md") { name.removeLast(3) }
        return name
    }
}
