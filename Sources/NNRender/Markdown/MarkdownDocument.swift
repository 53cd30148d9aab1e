// Lesson Markdown: parsed once into blocks, laid out to any width, drawn styled or printed plain.
//
//     let document = MarkdownDocument(narrative)                              // blocks of styled runs
//     let layout = MarkdownLayout(document, width: area.width, ascii: ascii)  // [[StyledRun]] lines
//     layout.draw(into: &buffer, area: area, from: scroll, styles: .theme(color: color))
//     let handout = MarkdownText.plain(narrative, width: 72, ascii: ascii)    // [String], no markup
//     let preview = MarkdownText.flatten(lesson.intro)                        // one line, no markup
//
// The dialect is CommonMark's, cut to what lessons use: paragraphs (a source line break is a
// space), `-`/`*`/`+` and `1.`/`1)` list items (nested by indentation; an ordered list interrupts
// a paragraph only when it starts at 1), ``` and ~~~ fences, `#` and setext headings, thematic
// breaks, code spans, `*`/`_` emphasis and strong emphasis, and backslash escapes. Not handled,
// so shown as written: indented code blocks, block quotes, links, HTML and entities.
// Wrapping keeps formulas, vectors and assignments on one line: see `MarkdownWords` for the rules.

/// A list item's marker: a bullet, or the item's number in its list (numbered from the list's
/// first number, as CommonMark renders it, so "1. 1. 1." shows as 1, 2, 3).
public enum MarkdownListMarker: Sendable, Hashable {
    case bullet
    /// The number and its delimiter, "." or ")".
    case ordered(Int, delimiter: Character)
}

/// One block of a document, in source order. `depth` counts the list items the block is inside:
/// a list item's own depth is its list's nesting (0 for a top-level list), and a paragraph that
/// continues an item after a blank line has the item's depth + 1.
public enum MarkdownBlock: Sendable, Hashable {
    case paragraph([StyledRun], depth: Int)
    case listItem(MarkdownListMarker, [StyledRun], depth: Int)
    case heading([StyledRun], level: Int, depth: Int)
    /// The lines between the fences, verbatim (tabs expanded to 4-column stops).
    case codeBlock([String], depth: Int)
    /// `---`, `***` or `___` on a line of its own.
    case rule(depth: Int)
    /// One or more blank lines between two blocks (never first or last).
    case blank
}

/// A Markdown text parsed into blocks whose text is runs of `.plain`, `.code`, `.emphasis`,
/// `.strong` and `.strongEmphasis`, with the markup removed.
public struct MarkdownDocument: Sendable, Hashable {
    public var blocks: [MarkdownBlock]

    public init(blocks: [MarkdownBlock]) {
        self.blocks = blocks
    }

    /// Parses `markdown`. Never fails: anything that is not markup is text.
    public init(_ markdown: String) {
        var parser = MarkdownBlockParser()
        // Lines end at "\n", "\r\n" or "\r"; found in the bytes, as Characters would cost far more.
        let utf8 = markdown.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x0A || byte == 0x0D else {
                utf8.formIndex(after: &index)
                continue
            }
            parser.add(markdown[start..<index])
            utf8.formIndex(after: &index)
            if byte == 0x0D, index < utf8.endIndex, utf8[index] == 0x0A { utf8.formIndex(after: &index) }
            start = index
        }
        parser.add(markdown[start..<index])
        blocks = parser.finish()
    }
}
