import NNCore

/// The loss of each completed epoch as a row of bars, with its first, lowest and latest values.
///
/// One column per epoch while they fit; with more epochs than columns each column shows the
/// mean of the epochs it covers, and the marker if any of them is NaN or infinite.
/// With two or more rows the last row holds the labels and the bars stack in the rows above; a
/// narrow, tall area spreads the labels over two or three rows so first, min and now all show.
public struct SparklineWidget: Widget {
    public var values: [Double]
    public var ascii: Bool

    public init(values: [Double], ascii: Bool = false) {
        self.values = values
        self.ascii = ascii
    }

    /// Eighths of a cell, lowest first.
    static let unicodeLevels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// Sixths of a cell, lowest first, for `--ascii`.
    static let asciiLevels: [Character] = ["_", ".", "-", "=", "*", "#"]
    /// Drawn in the top row of a column whose value is NaN or infinite.
    public static let marker: Character = "!"

    /// The value each column shows: one per value when they fit, else bucket means
    /// (NaN when a bucket holds a non-finite value).
    static func columnValues(_ values: [Double], width: Int) -> [Double] {
        guard width > 0 else { return [] }
        guard values.count > width else { return values }
        return (0..<width).map { column in
            let start = column * values.count / width
            let end = (column + 1) * values.count / width
            let bucket = values[start..<max(end, start + 1)]
            guard bucket.allSatisfy(\.isFinite) else { return .nan }
            // Halves keep the sum finite for values near the largest Double.
            return bucket.reduce(0) { $0 + $1 / 2 } / Double(bucket.count) * 2
        }
    }

    /// The label under the bars, as long as fits: "first a  min b  now c", then shorter forms.
    func label(width: Int) -> String {
        guard let first = values.first, let last = values.last else { return "" }
        let finite = values.filter(\.isFinite)
        let minText = finite.min().map(NumberFormat.short) ?? "none"
        let f = NumberFormat.short(first), now = NumberFormat.short(last)
        let candidates = [
            "first \(f)  min \(minText)  now \(now)",
            "first \(f) min \(minText) now \(now)",
            "min \(minText)  now \(now)",
            "now \(now)",
        ].map { DrawText.prepare($0, ascii: ascii) }
        return candidates.first { $0.count <= width } ?? DrawText.truncate(candidates[candidates.count - 1], width: width, ascii: ascii)
    }

    /// The label lines: one line when "first … min … now …" fits; otherwise, when the area is tall
    /// enough to keep at least two rows of bars, the same three values over two or three lines, so
    /// a narrow panel still shows first, minimum and current; else the one-line shorter forms.
    func labelLines(width: Int, height: Int) -> [String] {
        let single = label(width: width)
        guard single.hasPrefix("first") == false, let first = values.first, let last = values.last else { return [single] }
        let minText = values.filter(\.isFinite).min().map(NumberFormat.short) ?? "none"
        let f = "first " + NumberFormat.short(first), m = "min " + minText, n = "now " + NumberFormat.short(last)
        let options = [[f + "  " + m, n], [f, m, n]].map { $0.map { DrawText.prepare($0, ascii: ascii) } }
        for lines in options where height - lines.count >= 2 && lines.allSatisfy({ $0.count <= width }) {
            return lines
        }
        return [single]
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)
        guard !values.isEmpty else {
            let text = DrawText.prepare("no epoch completed yet", ascii: ascii)
            buffer.write(DrawText.truncate(text, width: area.width, ascii: ascii), x: area.x, y: area.y, style: .dim, clip: area)
            return
        }
        let labels = area.height >= 2 ? labelLines(width: area.width, height: area.height) : []
        let barRows = max(1, area.height - labels.count)
        for (i, line) in labels.enumerated() {
            buffer.write(line, x: area.x, y: area.maxY - labels.count + i, clip: area)
        }
        drawBars(into: &buffer, x: area.x, bottom: area.y + barRows - 1, rows: barRows, width: area.width)
    }

    private func drawBars(into buffer: inout Buffer, x: Int, bottom: Int, rows: Int, width: Int) {
        let levels = ascii ? Self.asciiLevels : Self.unicodeLevels
        let columns = Self.columnValues(values, width: width)
        let finite = columns.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else {
            for (i, v) in columns.enumerated() where !v.isFinite {
                buffer[x + i, bottom - rows + 1] = Cell(Self.marker, style: .bold)
            }
            return
        }
        let units = rows * levels.count
        for (i, v) in columns.enumerated() {
            guard v.isFinite else {
                buffer[x + i, bottom - rows + 1] = Cell(Self.marker, style: .bold)
                continue
            }
            // Halves keep the range finite when the values span most of the Doubles.
            let span = high / 2 - low / 2
            let height: Int
            if span > 0 {
                let t = (v / 2 - low / 2) / span
                height = 1 + Int((t * Double(units - 1)).rounded())
            } else {
                height = max(1, units / 2)
            }
            for row in 0..<rows {
                let filled = min(height - row * levels.count, levels.count)
                guard filled > 0 else { break }
                buffer[x + i, bottom - row] = Cell(levels[filled - 1])
            }
        }
    }
}
