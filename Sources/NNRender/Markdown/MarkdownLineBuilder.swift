/// Fills lines of at most `width` columns with words, greedily, honouring their glue.
///
/// A group of held-together words goes on the current line if it fits, else on a fresh line. A
/// group wider than a fresh line is split at its weakest spaces (see `MarkdownGlue`) and its parts
/// placed the same way; a single word wider than a line is cut into pieces as a last resort.
struct MarkdownLineBuilder {
    private let width: Int
    /// Continuation lines start with this many spaces (the hanging indent).
    private let indent: Int
    private(set) var lines: [[StyledRun]] = []
    private var line: [StyledRun] = []
    private var used = 0
    private var hasWords = false

    /// `prefix` starts the first line (a list marker, or indentation); callers keep prefixes and
    /// the indent narrower than `width`, so every line has room for at least one character.
    init(width: Int, prefix: String, prefixWidth: Int, indent: Int) {
        self.width = width
        self.indent = indent
        if prefixWidth > 0 { add(prefix, .plain, width: prefixWidth) }
    }

    mutating func place(_ words: MarkdownWords) {
        place(words, 0..<words.count, level: MarkdownGlue.free)
    }

    /// The lines, the last one included. Text with no words still leaves its prefix (an empty item's marker).
    mutating func finish() -> [[StyledRun]] {
        if !hasWords, var last = line.last {
            while last.text.last == " " { last.text.removeLast() }
            line.removeLast()
            if !last.text.isEmpty { line.append(last) }
        }
        if hasWords || !line.isEmpty { lines.append(line) }
        line = []
        return lines
    }

    /// Places the groups of `range` whose words are held by glue stronger than `level`.
    private mutating func place(_ words: MarkdownWords, _ range: Range<Int>, level: UInt8) {
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start + 1
            while end < range.upperBound, words.glue[end - 1] > level { end += 1 }
            placeGroup(words, start..<end)
            start = end
        }
    }

    private mutating func placeGroup(_ words: MarkdownWords, _ group: Range<Int>) {
        let groupWidth = words.width(of: group)
        if hasWords {
            if used + 1 + groupWidth <= width {
                add(" ", words.gapKinds[group.lowerBound - 1], width: 1)
                addWords(words, group)
                return
            }
            if indent + groupWidth <= width {
                newLine()
                addWords(words, group)
                return
            }
        } else if used + groupWidth <= width {
            addWords(words, group)
            return
        }
        if group.count > 1 {
            // Too wide for any line: split at the weakest glue inside the group.
            let weakest = group.dropLast().map { words.glue[$0] }.min() ?? MarkdownGlue.free
            place(words, group, level: weakest)
        } else {
            cut(words, group.lowerBound)
        }
    }

    private mutating func addWords(_ words: MarkdownWords, _ group: Range<Int>) {
        for word in group {
            if word > group.lowerBound { add(" ", words.gapKinds[word - 1], width: 1) }
            for piece in words.pieceRange(of: word) {
                add(words.pieces[piece].text, words.pieces[piece].kind, width: words.pieceWidths[piece])
            }
        }
        hasWords = true
    }

    /// A word wider than a line: from a fresh line, as many characters per line as fit.
    private mutating func cut(_ words: MarkdownWords, _ word: Int) {
        if hasWords { newLine() }
        for piece in words.pieceRange(of: word) {
            var text = Substring(words.pieces[piece].text)
            let kind = words.pieces[piece].kind
            while !text.isEmpty {
                if used >= width { newLine() }
                let chunk = text.prefix(max(1, width - used))
                add(String(chunk), kind, width: chunk.count)
                text = text.dropFirst(chunk.count)
            }
        }
        hasWords = true
    }

    private mutating func newLine() {
        lines.append(line)
        line = []
        used = 0
        hasWords = false
        if indent > 0 { add(String(repeating: " ", count: indent), .plain, width: indent) }
    }

    /// Appends to the line, merging with the last run when the kind is the same.
    private mutating func add(_ text: String, _ kind: StyledRun.Kind, width: Int) {
        if let last = line.last, last.kind == kind {
            line[line.count - 1].text += text
        } else {
            line.append(StyledRun(text, kind))
        }
        used += width
    }
}
