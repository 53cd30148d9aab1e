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
