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
    /// A displayed command ended the line: what follows starts the next.
    private var afterCommand = false

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
        if afterCommand {
            afterCommand = false
            newLine()
        }
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
        } else if words.wholeWords.contains(group.lowerBound) {
            ownLine(words, group.lowerBound)
        } else {
            cut(words, group.lowerBound)
        }
    }

    /// A command wider than a line, on lines of its own, so that a reader can copy it
    /// (`addCommand`). What is attached to it, such as "(" before
    /// or ")." after, stays with the text on the lines around it.
    private mutating func ownLine(_ words: MarkdownWords, _ word: Int) {
        let range = words.pieceRange(of: word)
        guard let code = range.first(where: { words.pieces[$0].kind == .code }) else { return cut(words, word) }
        let leading = range.lowerBound..<code
        let leadingWidth = words.pieceWidths[leading].reduce(0, +)
        if hasWords && !leading.isEmpty {
            if used + 1 + leadingWidth > width { newLine() } else { add(" ", .plain, width: 1) }
        }
        for piece in leading { add(words.pieces[piece].text, words.pieces[piece].kind, width: words.pieceWidths[piece]) }
        if hasWords || !leading.isEmpty { newLine() }
        // A command is never quoted (`MarkdownPreparation.quoted(code:)`): its text is the command.
        addCommand(words.pieces[code].text)
        let trailing = (code + 1)..<range.upperBound
        // A full stop or comma after a displayed command would sit alone at the start of the
        // next line; it is left out, as after a displayed equation.
        let punctuation = trailing.map { words.pieces[$0].text }.joined()
        guard !trailing.isEmpty, !(punctuation.count == 1 && ".,;:".contains(punctuation)) else {
            afterCommand = true
            return
        }
        newLine()
        for piece in trailing { add(words.pieces[piece].text, words.pieces[piece].kind, width: words.pieceWidths[piece]) }
        hasWords = true
    }

    /// A command from the start of a line: whole when it fits, else broken at its spaces as a
    /// shell reads it, each line but the last ending in " \\" and the rest indented 2 more, so
    /// that it still fits the paper and still runs when copied. A single word wider than a line
    /// is left whole: cutting it would change the command.
    private mutating func addCommand(_ command: String) {
        let start = used
        var arguments = command.split(separator: " ").map(String.init)
        while !arguments.isEmpty {
            let room = width - used - 2  // " \\"
            var taken = [arguments.removeFirst()]
            var takenWidth = taken[0].count
            while let next = arguments.first, takenWidth + 1 + next.count <= (arguments.count == 1 ? room + 2 : room) {
                taken.append(arguments.removeFirst())
                takenWidth += 1 + next.count
            }
            add(taken.joined(separator: " ") + (arguments.isEmpty ? "" : " \\"), .code,
                width: takenWidth + (arguments.isEmpty ? 0 : 2))
            hasWords = true
            if !arguments.isEmpty {
                lines.append(line)
                line = []
                used = 0
                add(String(repeating: " ", count: start + 2), .plain, width: start + 2)
            }
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
