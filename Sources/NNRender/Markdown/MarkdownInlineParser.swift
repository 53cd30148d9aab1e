/// A paragraph's text into runs: code spans, emphasis and strong emphasis, backslash escapes.
///
/// Follows CommonMark's algorithm: code spans bind first and are literal; `*` and `_` runs are
/// delimiters whose flanking decides whether they may open or close, and the delimiter stack
/// pairs them (with the "rule of 3"). Unpaired delimiters stay as literal text, so `a * b` keeps
/// its `*`. One deliberate difference, for maths: a `*` between a digit and a letter or digit
/// (`2*3*4`, `2*x*y`) never opens or closes emphasis.
enum MarkdownInlineParser {
    private enum NodeKind { case text, code, delimiter }

    private struct Node {
        var kind: NodeKind
        var text: String = ""
        var character: Character = "*"
        var length = 0
        var remaining = 0
        var canOpen = false
        var canClose = false
    }

    static func parse(_ text: String) -> [StyledRun] {
        guard !text.isEmpty else { return [] }
        // Text without a backtick, star, underscore or backslash has no markup to find.
        if !text.utf8.contains(where: { $0 == 0x60 || $0 == 0x2A || $0 == 0x5F || $0 == 0x5C }) {
            return [StyledRun(text, .plain)]
        }
        var nodes = scan(Array(text.utf8))
        let spans = pairDelimiters(&nodes)
        return runs(nodes, spans: spans)
    }

    // MARK: Scanning

    /// Scans UTF-8 bytes: every marker is ASCII, and text between markers is copied in one piece.
    /// (CommonMark's flanking rules look at the code points either side of a run, decoded here.)
    private static func scan(_ bytes: [UInt8]) -> [Node] {
        var nodes: [Node] = []
        var text = ""
        // Start of the bytes not yet copied into `text`.
        var copied = 0
        // Backtick-run lengths with no closing run left after the position searched from.
        var noCloser: Set<Int> = []
        func take(upTo end: Int) {
            if end > copied { text += String(decoding: bytes[copied..<end], as: UTF8.self) }
        }
        func flush() {
            if !text.isEmpty { nodes.append(Node(kind: .text, text: text)) }
            text = ""
        }
        var i = 0
        let n = bytes.count
        while i < n {
            switch bytes[i] {
            case 0x5C:  // backslash
                guard i + 1 < n, isASCIIPunctuation(bytes[i + 1]) else {
                    i += 1
                    continue
                }
                take(upTo: i)
                text.unicodeScalars.append(Unicode.Scalar(bytes[i + 1]))
                i += 2
                copied = i
            case 0x60:  // backtick
                var j = i
                while j < n, bytes[j] == 0x60 { j += 1 }
                let length = j - i
                if !noCloser.contains(length), let close = closingBackticks(bytes, from: j, length: length) {
                    take(upTo: i)
                    flush()
                    nodes.append(Node(kind: .code, text: codeContent(bytes[j..<close])))
                    i = close + length
                    copied = i
                } else {
                    // Literal backticks: left in the text still to copy.
                    noCloser.insert(length)
                    i = j
                }
            case 0x2A, 0x5F:  // * _
                let marker = bytes[i]
                var j = i
                while j < n, bytes[j] == marker { j += 1 }
                var node = Node(kind: .delimiter, character: marker == 0x2A ? "*" : "_", length: j - i, remaining: j - i)
                (node.canOpen, node.canClose) = openClose(marker, before: scalar(before: i, in: bytes), after: scalar(at: j, in: bytes))
                take(upTo: i)
                flush()
                nodes.append(node)
                i = j
                copied = i
            default:
                i += 1
            }
        }
        take(upTo: n)
        flush()
        return nodes
    }

    private static func closingBackticks(_ bytes: [UInt8], from start: Int, length: Int) -> Int? {
        var k = start
        while k < bytes.count {
            guard bytes[k] == 0x60 else {
                k += 1
                continue
            }
            var m = k
            while m < bytes.count, bytes[m] == 0x60 { m += 1 }
            if m - k == length { return k }
            k = m
        }
        return nil
    }

    /// CommonMark: one leading and one trailing space are dropped when both are there and the
    /// span is not all spaces, so "`` `x` ``" can show backticks.
    private static func codeContent(_ slice: ArraySlice<UInt8>) -> String {
        var content = slice
        if content.count >= 2, content.first == 0x20, content.last == 0x20, content.contains(where: { $0 != 0x20 }) {
            content = content.dropFirst().dropLast()
        }
        return String(decoding: content, as: UTF8.self)
    }

    /// The code point ending just before `bytes[i]`; nil at the start (which counts as whitespace).
    private static func scalar(before i: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        guard i > 0 else { return nil }
        var start = i - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start, in: bytes)
    }

    /// The code point starting at `bytes[i]`; nil at the end.
    private static func scalar(at i: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        guard i < bytes.count else { return nil }
        var iterator = bytes[i...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return scalar
    }

    private static func openClose(_ marker: UInt8, before: Unicode.Scalar?, after: Unicode.Scalar?) -> (Bool, Bool) {
        let beforeSpace = isWhitespace(before), afterSpace = isWhitespace(after)
        let beforePunct = isPunctuation(before), afterPunct = isPunctuation(after)
        let leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
        let rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
        if marker == 0x2A {
            if let before, let after, isAlphanumeric(before), isAlphanumeric(after), isNumber(before) || isNumber(after) {
                return (false, false)
            }
            return (leftFlanking, rightFlanking)
        }
        // `_` never opens or closes inside a word (y_true, x_1).
        return (leftFlanking && (!rightFlanking || beforePunct), rightFlanking && (!leftFlanking || afterPunct))
    }

    /// CommonMark's Unicode whitespace; the ends of the text count as whitespace.
    private static func isWhitespace(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return true }
        return scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
            || scalar.properties.generalCategory == .spaceSeparator
    }

    /// CommonMark's Unicode punctuation: the P and S general categories.
    private static func isPunctuation(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic || isNumber(scalar) }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    // MARK: Pairing (CommonMark's "process emphasis")

    /// A matched pair: the nodes strictly between `opener` and `closer` are emphasised.
    private struct Span {
        var opener: Int
        var closer: Int
        var strong: Bool
    }

    private struct BottomKey: Hashable {
        var character: Character
        var closerCanOpen: Bool
        var lengthMod3: Int
    }

    private static func pairDelimiters(_ nodes: inout [Node]) -> [Span] {
        var stack = nodes.indices.filter { nodes[$0].kind == .delimiter }
        var spans: [Span] = []
        var bottoms: [BottomKey: Int] = [:]
        var current = 0
        while current < stack.count {
            let closer = stack[current]
            guard nodes[closer].canClose else {
                current += 1
                continue
            }
            let key = BottomKey(character: nodes[closer].character, closerCanOpen: nodes[closer].canOpen,
                                lengthMod3: nodes[closer].length % 3)
            let bottom = bottoms[key] ?? -1
            var found: Int?
            var o = current - 1
            while o >= 0, stack[o] > bottom {
                let opener = nodes[stack[o]]
                if opener.character == nodes[closer].character, opener.canOpen {
                    // The rule of 3: a run that can both open and close pairs only if the lengths allow.
                    let sum = opener.length + nodes[closer].length
                    let blocked = (opener.canClose || nodes[closer].canOpen) && sum % 3 == 0
                        && !(opener.length % 3 == 0 && nodes[closer].length % 3 == 0)
                    if !blocked {
                        found = o
                        break
                    }
                }
                o -= 1
            }
            guard let openerPosition = found else {
                bottoms[key] = current > 0 ? stack[current - 1] : -1
                if nodes[closer].canOpen {
                    current += 1
                } else {
                    stack.remove(at: current)
                }
                continue
            }
            let opener = stack[openerPosition]
            let used = nodes[opener].remaining >= 2 && nodes[closer].remaining >= 2 ? 2 : 1
            spans.append(Span(opener: opener, closer: closer, strong: used == 2))
            nodes[opener].remaining -= used
            nodes[closer].remaining -= used
            // Delimiters between the pair can no longer pair: they stay literal.
            stack.removeSubrange((openerPosition + 1)..<current)
            current = openerPosition + 1
            if nodes[opener].remaining == 0 {
                stack.remove(at: openerPosition)
                current -= 1
            }
            if nodes[closer].remaining == 0 { stack.remove(at: current) }
        }
        return spans
    }

    // MARK: Output

    private static func runs(_ nodes: [Node], spans: [Span]) -> [StyledRun] {
        var emphasis = [Int](repeating: 0, count: nodes.count)
        var strong = [Int](repeating: 0, count: nodes.count)
        for span in spans where span.closer > span.opener + 1 {
            for i in (span.opener + 1)..<span.closer {
                if span.strong { strong[i] += 1 } else { emphasis[i] += 1 }
            }
        }
        var out: [StyledRun] = []
        for (i, node) in nodes.enumerated() {
            let text: String
            var kind: StyledRun.Kind
            switch node.kind {
            case .code:
                out.append(StyledRun(node.text, .code))
                continue
            case .text:
                text = node.text
            case .delimiter:
                guard node.remaining > 0 else { continue }
                text = String(repeating: node.character, count: node.remaining)
            }
            switch (strong[i] > 0, emphasis[i] > 0) {
            case (true, true): kind = .strongEmphasis
            case (true, false): kind = .strong
            case (false, true): kind = .emphasis
            case (false, false): kind = .plain
            }
            // Adjacent text of one kind is one run (code spans stay separate, for the plain text's quotes).
            if let last = out.last, last.kind == kind, kind != .code {
                out[out.count - 1].text += text
            } else {
                out.append(StyledRun(text, kind))
            }
        }
        return out
    }
}
