/// One problem found in a lesson file, printed as `path:line: message` like a compiler error.
public struct LessonDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// 1-based line of the file the problem is on.
    public var line: Int
    public var message: String
    /// A warning points at something a teacher would want to know; the lesson still loads.
    public var isWarning: Bool

    public init(path: String, line: Int, message: String, isWarning: Bool = false) {
        self.path = path
        self.line = line
        self.message = message
        self.isWarning = isWarning
    }

    public var description: String { "\(path):\(line): " + (isWarning ? "warning: " : "") + message }
}

extension Array where Element == LessonDiagnostic {
    /// As a reader wants them: by line (stably, so messages of one line keep their order), each
    /// message once. Two checks can find the same problem, such as each value of a `try:` list
    /// that needs the same missing setting.
    public var inLineOrder: [LessonDiagnostic] {
        var seen: [LessonDiagnostic] = []
        for diagnostic in self where !seen.contains(diagnostic) { seen.append(diagnostic) }
        return seen.enumerated().sorted { ($0.element.path, $0.element.line, $0.offset) < ($1.element.path, $1.element.line, $1.offset) }.map(\.element)
    }
}
