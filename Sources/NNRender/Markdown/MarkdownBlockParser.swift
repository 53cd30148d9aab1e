/// Splits Markdown lines into blocks: CommonMark's container rules, cut down to list items.
///
/// Lines arrive one at a time. An open list item keeps the lines indented to its content column;
/// an open paragraph also keeps "lazy" lines that start no other block, whatever their indent.
struct MarkdownBlockParser {
    private var blocks: [MarkdownBlock] = []
    /// The content column of each open list item, outermost first (always increasing).
    private var items: [Int] = []
    /// The list open at each depth, so that its next item counts on; nil where none is open.
    private var lists: [ListState?] = []
    private var paragraph: OpenParagraph?
    private var fence: OpenFence?
    /// A blank line was seen; it becomes a `.blank` block only if another block follows.
    private var blankPending = false

    private struct ListState {
        var ordered: Bool
        /// "." or ")" for an ordered list, the bullet character for a bullet list: a change starts a new list.
        var delimiter: Character
        var next: Int
    }

    /// Lines of text that will become a paragraph, or a list item's text when `marker` is set.
    private struct OpenParagraph {
        var lines: [Substring]
        /// How many list items contain the text (an item's own text is one deeper than the item).
        var level: Int
        var marker: MarkdownListMarker?
    }

    private struct OpenFence {
        var character: Character
        var length: Int
        /// The opening fence's column: content lines lose up to this many leading spaces.
        var indent: Int
        var containerColumn: Int
        var depth: Int
        var lines: [String] = []
    }

    private enum BlockStart {
        case heading(level: Int, text: Substring)
        case rule
        case fence(Character, length: Int)
        case item(ordered: Bool, number: Int, delimiter: Character, contentOffset: Int, text: Substring)

        /// CommonMark: a list item interrupts a paragraph only if it has text and, when ordered, starts at 1.
        /// (So "612. " at the start of a wrapped line stays part of the sentence.)
        var canInterruptParagraph: Bool {
            guard case .item(let ordered, let number, _, _, let text) = self else { return true }
            return !text.isEmpty && (!ordered || number == 1)
        }
    }

    mutating func add(_ raw: Substring) {
        let line = Self.expandingTabs(raw)
        let indent = line.prefix(while: { $0 == " " }).count
        let content = line.dropFirst(indent)
        if fence != nil {
            addToFence(line, indent: indent, content: content)
            return
        }
        // Tabs are spaces by now, so a line of spaces is blank (CommonMark: spaces and tabs only).
        if content.isEmpty {
            closeParagraph()
            blankPending = true
            return
        }
        // The open list items this line's indentation continues.
        let level = items.prefix(while: { $0 <= indent }).count
        let relative = indent - (level > 0 ? items[level - 1] : 0)

        if let open = paragraph, open.marker == nil, open.level == level, relative <= 3,
           let headingLevel = Self.setextLevel(content)
        {
            paragraph = nil
            blocks.append(.heading(MarkdownInlineParser.parse(Self.joined(open.lines)), level: headingLevel, depth: level))
            return
        }
        if relative <= 3, let start = Self.blockStart(content) {
            // Only a paragraph whose containers all continue on this line can be interrupted.
            let interrupting = paragraph.map { $0.level == level && !$0.lines.isEmpty } ?? false
            if !interrupting || start.canInterruptParagraph {
                closeParagraph()
                closeItems(to: level)
                open(start, indent: indent, level: level)
                return
            }
        }
        // Continuation text; an empty item takes no lazy lines, as it has no paragraph yet.
        if let open = paragraph, !(open.lines.isEmpty && level < open.level) {
            paragraph?.lines.append(content)
            return
        }
        closeParagraph()
        closeItems(to: level)
        endLists(from: level)
        beginBlock()
        paragraph = OpenParagraph(lines: [content], level: level, marker: nil)
    }

    /// The blocks, once every line is added. An unclosed fence runs to the end, as in CommonMark.
    mutating func finish() -> [MarkdownBlock] {
        if let open = fence {
            blocks.append(.codeBlock(open.lines, depth: open.depth))
            fence = nil
        }
        closeParagraph()
        return blocks
    }

    private mutating func open(_ start: BlockStart, indent: Int, level: Int) {
        switch start {
        case .heading(let headingLevel, let text):
            endLists(from: level)
            beginBlock()
            blocks.append(.heading(MarkdownInlineParser.parse(String(text)), level: headingLevel, depth: level))
        case .rule:
            endLists(from: level)
            beginBlock()
            blocks.append(.rule(depth: level))
        case .fence(let character, let length):
            endLists(from: level)
            beginBlock()
            fence = OpenFence(character: character, length: length, indent: indent,
                              containerColumn: level > 0 ? items[level - 1] : 0, depth: level)
        case .item(let ordered, let first, let delimiter, let contentOffset, let text):
            let depth = level
            if lists.count > depth + 1 { lists.removeLast(lists.count - depth - 1) }
            while lists.count <= depth { lists.append(nil) }
            var number = first
            if let list = lists[depth], list.ordered == ordered, list.delimiter == delimiter { number = list.next }
            lists[depth] = ListState(ordered: ordered, delimiter: delimiter, next: number + 1)
            beginBlock()
            items.append(indent + contentOffset)
            paragraph = OpenParagraph(lines: text.isEmpty ? [] : [text], level: depth + 1,
                                      marker: ordered ? .ordered(number, delimiter: delimiter) : .bullet)
        }
    }

    private mutating func addToFence(_ line: Substring, indent: Int, content: Substring) {
        guard var open = fence else { return }
        if indent - open.containerColumn <= 3 {
            let run = content.prefix(while: { $0 == open.character }).count
            if run >= open.length, content.dropFirst(run).allSatisfy(Self.isSpace) {
                blocks.append(.codeBlock(open.lines, depth: open.depth))
                fence = nil
                return
            }
        }
        open.lines.append(String(line.dropFirst(min(indent, open.indent))))
        fence = open
    }

    /// Emits the blank line that separated this block from the one before, if any.
    private mutating func beginBlock() {
        if blankPending, !blocks.isEmpty { blocks.append(.blank) }
        blankPending = false
    }

    private mutating func closeParagraph() {
        guard let open = paragraph else { return }
        paragraph = nil
        if open.marker == nil, let table = MarkdownTable(open.lines) {
            // A pipe table is set as a code block, its columns aligned, so it keeps its shape.
            blocks.append(.codeBlock(table.rows, depth: open.level))
            return
        }
        let runs = MarkdownInlineParser.parse(Self.joined(open.lines))
        if let marker = open.marker {
            blocks.append(.listItem(marker, runs, depth: open.level - 1))
        } else {
            blocks.append(.paragraph(runs, depth: open.level))
        }
    }

    private mutating func closeItems(to level: Int) {
        if items.count > level { items.removeLast(items.count - level) }
    }

    private mutating func endLists(from depth: Int) {
        if lists.count > depth { lists.removeLast(lists.count - depth) }
    }

    // MARK: Line tests

    /// A paragraph's lines as one line: the source's line breaks are spaces, and a hard-break
    /// backslash at a line's end is dropped (the layout decides where lines end).
    static func joined(_ lines: [Substring]) -> String {
        var out = ""
        for (i, raw) in lines.enumerated() {
            var line = trimmed(raw)
            if i < lines.count - 1, line.hasSuffix("\\"), line.reversed().prefix(while: { $0 == "\\" }).count % 2 == 1 {
                line = line.dropLast()
            }
            if line.isEmpty { continue }
            if !out.isEmpty { out += " " }
            out += line
        }
        return out
    }

    /// Without leading and trailing spaces and tabs (other whitespace, like a no-break space, is text).
    static func trimmed(_ text: Substring) -> Substring {
        var text = text.drop(while: isSpace)
        while let last = text.last, isSpace(last) { text = text.dropLast() }
        return text
    }

    static func isSpace(_ character: Character) -> Bool { character == " " || character == "\t" }

    /// Tabs become spaces to the next multiple of 4, as CommonMark counts indentation.
    static func expandingTabs(_ line: Substring) -> Substring {
        guard line.utf8.contains(9) else { return line }
        var out = ""
        var column = 0
        for character in line {
            if character == "\t" {
                let spaces = 4 - column % 4
                out += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                out.append(character)
                column += 1
            }
        }
        return Substring(out)
    }

    /// 1 for a `===` underline, 2 for `---`.
    private static func setextLevel(_ content: Substring) -> Int? {
        let text = trimmed(content)
        guard let first = text.first, first == "=" || first == "-", text.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    private static func blockStart(_ content: Substring) -> BlockStart? {
        if isRule(content) { return .rule }
        if let heading = atxHeading(content) { return heading }
        if let first = content.first, first == "`" || first == "~" {
            let length = content.prefix(while: { $0 == first }).count
            // A backtick fence's info string has no backticks (else it is a code span).
            if length >= 3, first == "~" || !content.dropFirst(length).contains("`") {
                return .fence(first, length: length)
            }
        }
        return listItem(content)
    }

    /// Three or more of one of `-`, `*`, `_`, and nothing else but spaces.
    private static func isRule(_ content: Substring) -> Bool {
        guard let first = content.first, first == "-" || first == "*" || first == "_" else { return false }
        var count = 0
        for character in content {
            if character == first {
                count += 1
            } else if !isSpace(character) {
                return false
            }
        }
        return count >= 3
    }

    private static func atxHeading(_ content: Substring) -> BlockStart? {
        let hashes = content.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return nil }
        let after = content.dropFirst(hashes)
        guard after.isEmpty || after.first == " " else { return nil }
        let text = trimmed(after)
        // An optional closing run of #, if a space separates it from the text.
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)] == "#" { end = text.index(before: end) }
        let head = text[..<end]
        if head.isEmpty { return .heading(level: hashes, text: head) }
        if end < text.endIndex, head.last == " " { return .heading(level: hashes, text: trimmed(head)) }
        return .heading(level: hashes, text: text)
    }

    private static func listItem(_ content: Substring) -> BlockStart? {
        guard let first = content.first else { return nil }
        if first == "-" || first == "+" || first == "*" {
            return item(ordered: false, number: 0, delimiter: first, markerWidth: 1, after: content.dropFirst())
        }
        let digits = content.prefix(while: { $0.isASCII && $0.isWholeNumber })
        guard (1...9).contains(digits.count), let delimiter = content.dropFirst(digits.count).first,
              delimiter == "." || delimiter == ")", let number = Int(digits)
        else { return nil }
        return item(ordered: true, number: number, delimiter: delimiter, markerWidth: digits.count + 1,
                    after: content.dropFirst(digits.count + 1))
    }

    private static func item(ordered: Bool, number: Int, delimiter: Character, markerWidth: Int, after: Substring) -> BlockStart? {
        guard after.isEmpty || after.first == " " else { return nil }
        let spaces = after.prefix(while: { $0 == " " }).count
        let text = after.dropFirst(spaces)
        // CommonMark: with no text, or 5+ spaces (indented code), the content starts one space after the marker.
        let offset = text.isEmpty || spaces >= 5 ? markerWidth + 1 : markerWidth + spaces
        return .item(ordered: ordered, number: number, delimiter: delimiter, contentOffset: offset, text: text)
    }
}
