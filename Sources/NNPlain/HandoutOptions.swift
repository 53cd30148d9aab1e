/// Where a handout puts the answers to its questions.
public enum HandoutAnswers: String, CaseIterable, Sendable {
    /// A student's copy: a blank after each question, no answers anywhere, and nothing after a
    /// question that gives it away (its trace lines from the value asked about, its narrative).
    case none
    /// Each answer and its feedback right after the trace line that reveals it.
    case inline
    /// A blank after each question, and an answer key at the end, by stop number, with what gives
    /// each answer away: the teacher hands out the pages before it. The default.
    case end
}

/// How a handout is written: `--plain --lesson L` with `--format`, `--width`, `--answers`,
/// `--context` and `--every`.
public struct HandoutOptions: Sendable {
    public enum Format: Sendable { case text, markdown }

    public var format: Format
    /// No line of a text handout is wider, except a line of a code block in a lesson's own text,
    /// which is kept whole. A Markdown handout wraps its code blocks (trace, tables) to it.
    public var width: Int
    public var answers: HandoutAnswers
    /// Sample steps printed on each side of the step that holds a stop.
    public var context: Int
    /// Also print every Nth epoch in full.
    public var every: Int?
    public var ascii: Bool

    /// The widths `--width` accepts.
    public static let widths = 40...400
    /// The width when stdout is not a terminal (a file, a pipe, a printer).
    public static let defaultWidth = 80
    /// The steps around each stop by default: none, only the stop's own step, so that a lesson of
    /// six stops is a few pages. `--context N` adds N steps before and after.
    public static let defaultContext = 0
    public static let defaultAnswers = HandoutAnswers.end
    /// `--context` larger than this is refused: it would print whole runs.
    public static let maxContext = 100_000

    public init(format: Format = .text, width: Int = defaultWidth, answers: HandoutAnswers = defaultAnswers,
                context: Int = defaultContext, every: Int? = nil, ascii: Bool = false) {
        self.format = format
        self.width = min(max(width, Self.widths.lowerBound), Self.widths.upperBound)
        self.answers = answers
        self.context = max(0, context)
        self.every = every.map { max(1, $0) }
        self.ascii = ascii
    }
}
