/// A stretch of text drawn one way: what a parsed block's text and a laid-out line are made of.
public struct StyledRun: Sendable, Hashable {
    /// What the text is; `MarkdownStyles` says how each kind is drawn.
    public enum Kind: Sendable, Hashable, CaseIterable {
        case plain, code, emphasis, strong, strongEmphasis
        /// Only in a layout: the text of a `#` heading (code spans in it stay `.code`).
        case heading
        /// Only in a layout: a line of a fenced code block.
        case codeBlock
    }

    public var text: String
    public var kind: Kind

    public init(_ text: String, _ kind: Kind = .plain) {
        self.text = text
        self.kind = kind
    }
}
