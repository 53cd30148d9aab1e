/// How firmly the space between two words holds them on one line. A line breaks at a `free`
/// space; a group of words held together that is wider than a whole line is split at its weakest
/// spaces first, so a long derivation breaks before its `=` signs, then before its `+` and `·`,
/// and only then inside brackets or after an operator.
enum MarkdownGlue {
    static let free: UInt8 = 0
    /// The space before `=`, `<`, `→`, …
    static let beforeRelation: UInt8 = 1
    /// The space before a binary `+`, `−`, `·`, …
    static let beforeOperator: UInt8 = 2
    /// The space after any of those, and a space inside a formula's brackets.
    static let tight: UInt8 = 3

    /// Standalone tokens that relate two sides: the space on either side holds.
    static let relations: Set<String> = [
        "=", "≠", "≈", "<", ">", "≤", "≥", "→", "←", "↦", "⇒", "⇔", "≡", "∝", "∈", "~",
        ":=", "==", "!=", "<=", ">=", "->", "<-", "=>", "+=", "-=", "*=", "/=",
    ]
    /// Standalone binary operators: the space on either side holds.
    static let operators: Set<String> = ["+", "-", "−", "±", "·", "×", "*", "**", "/", "÷", "⊙", "∘", "^", "%"]
}

/// A block's text cut into words at its spaces, with the glue of each space (the no-break rules)
/// and each word's width once prepared for display.
///
/// The rules read the source text, before the ASCII fallback, so `--ascii` holds the same spaces
/// (only the widths differ). A space is held (`MarkdownGlue`) when it is:
/// - next to a standalone relation or binary operator (`y = 1`, `w·x > −b`, `a * b`);
/// - inside brackets whose content is a formula, not prose: `(0, −0.1624)`, `(y − ŷ)²`,
///   `randint(0, 2, size=2)` in code. Brackets hold unless their text outside code spans has a
///   word of four or more letters, so "(see lesson 9 for the boundary)" may still wrap. The
///   innermost brackets decide, and an unclosed bracket holds nothing.
struct MarkdownWords {
    /// Every word's pieces, in order: one word may change kind midway, as "(`or`)," does.
    private(set) var pieces: [StyledRun] = []
    private(set) var pieceWidths: [Int] = []
    /// Word i is `pieces[starts[i]..<starts[i + 1]]`.
    private var starts: [Int] = [0]
    private(set) var widths: [Int] = []
    /// `glue[i]` and `gapKinds[i]` describe the space after word i.
    private(set) var glue: [UInt8] = []
    /// The kind of the space's own source text, so that a space inside `*two words*` is emphasis.
    private(set) var gapKinds: [StyledRun.Kind] = []
    /// `offsets[i]`: total width of the words before word i, to measure groups without a loop.
    private var offsets: [Int] = [0]
    /// Words holding a command kept whole (`MarkdownPreparation.keepsWhole`): its spaces never break.
    private(set) var wholeWords: Set<Int> = []

    var count: Int { widths.count }

    func pieceRange(of word: Int) -> Range<Int> { starts[word]..<starts[word + 1] }

    /// The width of words `range` set on one line, one space between each two.
    func width(of range: Range<Int>) -> Int {
        guard !range.isEmpty else { return 0 }
        return offsets[range.upperBound] - offsets[range.lowerBound] + range.count - 1
    }

    init(_ runs: [StyledRun], preparation: MarkdownPreparation, memo: inout [String: String]) {
        // -1: no brackets decided this space yet.
        var bracketGlue: [Int8] = []
        var openBrackets: [(word: Int, prose: Bool)] = []
        var letters = 0

        // Bytes, not Characters: spaces and brackets are ASCII, and only a piece holding other
        // text needs its Characters counted.
        for run in runs {
            let bytes = Array(run.text.utf8)
            let isCode = run.kind == .code
            let whole = preparation.keepsWhole(run)
            if whole { wholeWords.insert(starts.count - 1) }
            var segmentStart = 0
            var segmentIsASCII = true
            func endSegment(at end: Int) {
                guard end > segmentStart else { return }
                let text = String(decoding: bytes[segmentStart..<end], as: UTF8.self)
                pieces.append(StyledRun(text, run.kind))
                pieceWidths.append(segmentIsASCII ? end - segmentStart : text.count)
            }
            for (i, byte) in bytes.enumerated() {
                switch byte {
                case 0x20 where whole:
                    break  // a command's spaces are part of it
                case 0x20, 0x09, 0x0A:
                    endSegment(at: i)
                    // Several spaces are one; the first one's kind is the gap's.
                    if let start = starts.last, pieces.count > start {
                        starts.append(pieces.count)
                        gapKinds.append(run.kind)
                        bracketGlue.append(-1)
                    }
                    segmentStart = i + 1
                    segmentIsASCII = true
                    letters = 0
                case 0x28, 0x5B, 0x7B:  // ( [ {
                    openBrackets.append((starts.count - 1, false))
                    letters = 0
                case 0x29, 0x5D, 0x7D:  // ) ] }
                    letters = 0
                    // Any closer closes the innermost opener: "[0, 1)" is an interval.
                    guard let open = openBrackets.popLast() else { break }
                    let current = starts.count - 1
                    for gap in open.word..<current where bracketGlue[gap] < 0 {
                        bracketGlue[gap] = open.prose ? 0 : Int8(MarkdownGlue.tight)
                    }
                default:
                    if byte >= 0x80 { segmentIsASCII = false }
                    // A UTF-8 continuation byte belongs to the scalar before it.
                    if byte & 0xC0 == 0x80 { continue }
                    if !isCode, Self.isLetter(bytes, at: i) {
                        letters += 1
                        if letters == 4 {
                            for k in openBrackets.indices { openBrackets[k].prose = true }
                        }
                    } else {
                        letters = 0
                    }
                }
            }
            endSegment(at: bytes.count)
        }
        if let start = starts.last, pieces.count > start { starts.append(pieces.count) }

        let wordCount = starts.count - 1
        let gapCount = max(0, wordCount - 1)
        gapKinds.removeLast(gapKinds.count - gapCount)
        glue = bracketGlue.prefix(gapCount).map { UInt8(max(0, $0)) }
        holdOperators(wordCount: wordCount)
        for i in pieces.indices {
            let prepared = preparation.prepare(pieces[i].text, memo: &memo)
            // Counted again only when preparation changed the piece.
            if prepared != pieces[i].text {
                pieceWidths[i] = prepared.count
                pieces[i].text = prepared
            }
        }

        widths.reserveCapacity(wordCount)
        offsets.reserveCapacity(wordCount + 1)
        for word in 0..<wordCount {
            let width = pieceWidths[pieceRange(of: word)].reduce(0, +)
            widths.append(width)
            offsets.append(offsets[word] + width)
        }
    }

    /// True if the scalar starting at `bytes[i]` is a letter, or a combining mark (which sits on one).
    private static func isLetter(_ bytes: [UInt8], at i: Int) -> Bool {
        let byte = bytes[i]
        if byte < 0x80 { return (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        var iterator = bytes[i...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
    }

    /// A standalone relation or operator holds to both neighbours.
    private mutating func holdOperators(wordCount: Int) {
        for word in 0..<wordCount {
            let range = pieceRange(of: word)
            guard range.count == 1, pieceWidths[range.lowerBound] <= 2 else { continue }
            let text = pieces[range.lowerBound].text
            let before: UInt8
            if MarkdownGlue.relations.contains(text) {
                before = MarkdownGlue.beforeRelation
            } else if MarkdownGlue.operators.contains(text) {
                before = MarkdownGlue.beforeOperator
            } else {
                continue
            }
            if word > 0 { glue[word - 1] = max(glue[word - 1], before) }
            if word < wordCount - 1 { glue[word] = MarkdownGlue.tight }
        }
    }
}
