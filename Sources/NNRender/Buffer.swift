/// One screen cell: a character and how to draw it.
public struct Cell: Sendable, Hashable {
    public var character: Character
    public var style: Style

    public init(_ character: Character = " ", style: Style = .plain) {
        self.character = character
        self.style = style
    }

    public static let blank = Cell()
}

/// A grid of cells that widgets draw into; only the terminal backend ever reads it out to a screen.
///
/// Writes outside the buffer are clipped, never trapped, so a widget given a tiny area is safe.
/// Every character is assumed to take one column: widgets draw single-width glyphs only.
public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` from (x, y) rightwards, clipped to `clip` (and the buffer).
    /// Control characters become "?" so they never reach the terminal. Returns the x after the text.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let bounds = (clip ?? area).intersection(area)
        guard y >= bounds.y, y < bounds.maxY else { return x + text.count }
        var column = x
        for character in text {
            if column >= bounds.maxX { break }
            if column >= bounds.x {
                let safe: Character = character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } ? "?" : character
                cells[y * width + column] = Cell(safe, style: style)
            }
            column += 1
        }
        return column
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x] = cell }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the characters.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].style = style }
        }
    }

    /// The characters of row `y`, for golden frames and tests.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        return String(cells[(y * width)..<(y * width + width)].map(\.character))
    }

    /// All rows as text, one per line, trailing spaces kept so frames compare exactly.
    public var lines: [String] { (0..<height).map(line) }
}

/// Anything that draws itself into a rectangle of a buffer.
public protocol Widget {
    func render(into buffer: inout Buffer, area: Rect)
}
