/// The lessons shipped inside the binary, parsed, in course order.
public enum Course {
    /// Every built-in lesson that parses (the test suite guarantees all do), in file-name order.
    public static func load() -> [Lesson] {
        BuiltInCourse.lessons.compactMap { entry in
            LessonParser.parse(text: entry.text, path: "lessons/" + entry.name).0
        }
    }

    /// A built-in lesson by id ("forward-pass"), file name ("01-forward-pass.md" or without ".md"),
    /// or number ("1", "01").
    public static func lesson(named name: String) -> Lesson? {
        let lessons = load()
        if let byID = lessons.first(where: { $0.id == name }) { return byID }
        let bare = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        if let byFile = lessons.first(where: { fileStem($0) == bare }) { return byFile }
        if let n = Int(name), n >= 1, n <= lessons.count { return lessons[n - 1] }
        return nil
    }

    static func fileStem(_ lesson: Lesson) -> String {
        var name = lesson.path.split(separator: "/").last.map(String.init) ?? lesson.path
        if name.hasSuffix(".md") { name.removeLast(3) }
        return name
    }
}
