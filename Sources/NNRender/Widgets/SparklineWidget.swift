import NNCore

/// The loss of each completed epoch as a row of bars, with its first, lowest and latest values.
///
/// One column per epoch while they fit; with more epochs than columns each column shows the
/// mean of the epochs it covers (read from the series' halving levels, so a frame costs its width,
/// not the run's length), and the marker if any of them is NaN or infinite. With two or more rows
/// the last row holds the labels and the bars stack in the rows above; a narrow, tall area spreads
/// the labels over two or three rows so first, min and now all show. With a second curve (the test
/// set's loss) and room for both, each gets half the area and its name in front of its labels.
public struct SparklineWidget: Widget {
    /// One series, read up to `prefix`, and its name ("train", "test"; empty for a lone curve).
    public struct Curve: Sendable {
        public var series: EpochSeries
        public var prefix: Int
        public var name: String

        public init(series: EpochSeries, prefix: Int, name: String = "") {
            self.series = series
            self.prefix = prefix
            self.name = name
        }
    }

    public var curves: [Curve]
    public var ascii: Bool
    /// The loss at the bottom and at the top of the bars, when several panels must be read against
    /// each other (two runs side by side); nil: each curve spans its own range.
    public var scale: ClosedRange<Double>?

    public init(values: [Double], ascii: Bool = false) {
        let series = EpochSeries(values)
        self.init(curves: [Curve(series: series, prefix: series.count)], ascii: ascii)
    }

    public init(curves: [Curve], ascii: Bool = false, scale: ClosedRange<Double>? = nil) {
        self.curves = curves
        self.ascii = ascii
        self.scale = scale
    }

    /// One range for all of `curves` as they are drawn `width` columns wide: the lowest and the
    /// highest finite column of any of them. Nil when none has a finite value.
    public static func sharedScale(_ curves: [Curve], width: Int) -> ClosedRange<Double>? {
        let finite = curves.flatMap { $0.series.columns(prefix: $0.prefix, width: max(1, width)) }.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return nil }
        return low...high
    }

    /// The curve drawn when there is room for one: the first.
    private var curve: Curve? { curves.first }
    var values: ArraySlice<Double> { curve.map { $0.series.values.prefix($0.prefix) } ?? [] }

    /// Eighths of a cell, lowest first.
    static let unicodeLevels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// Sixths of a cell, lowest first, for `--ascii`.
    static let asciiLevels: [Character] = ["_", ".", "-", "=", "*", "#"]
    /// Drawn in the top row of a column whose value is NaN or infinite.
    public static let marker: Character = "!"

    /// The label under the bars, as long as fits: "first a  min b  now c", then shorter forms.
    func label(width: Int) -> String {
        guard let curve, let first = values.first, let last = values.last else { return "" }
        let minText = curve.series.minimum(prefix: curve.prefix).map(NumberFormat.short) ?? "none"
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
        guard single.hasPrefix("first") == false, let curve, let first = values.first, let last = values.last else { return [single] }
        let minText = curve.series.minimum(prefix: curve.prefix).map(NumberFormat.short) ?? "none"
        let f = "first " + NumberFormat.short(first), m = "min " + minText, n = "now " + NumberFormat.short(last)
        let options = [[f + "  " + m, n], [f, m, n]].map { $0.map { DrawText.prepare($0, ascii: ascii) } }
        for lines in options where height - lines.count >= 2 && lines.allSatisfy({ $0.count <= width }) {
            return lines
        }
        return [single]
    }

    /// A curve's name padded to the longest name, so that every curve's bars start in the same
    /// column and epoch k of one sits above epoch k of the other.
    private func padded(_ name: String) -> String {
        let longest = curves.prefix(2).map(\.name.count).max() ?? 0
        return name + String(repeating: " ", count: max(0, longest - name.count))
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)
        if curves.count > 1 && area.height >= 6 {
            // Each curve in its own half, its name in front of its labels.
            let top = area.height / 2
            for (i, curve) in curves.prefix(2).enumerated() {
                var named = SparklineWidget(curves: [curve], ascii: ascii, scale: scale)
                named.curves[0].name = ""
                let half = Rect(x: area.x, y: area.y + (i == 0 ? 0 : top), width: area.width, height: i == 0 ? top : area.height - top)
                let tag = DrawText.prepare(padded(curve.name) + " ", ascii: ascii)
                let inner = Rect(x: half.x + tag.count, y: half.y, width: half.width - tag.count, height: half.height)
                named.render(into: &buffer, area: inner)
                buffer.write(tag, x: half.x, y: half.maxY - 1, style: .bold, clip: half)
            }
            return
        }
        if curves.count > 1 && area.height >= 2 {
            // Too short for two pictures: each curve as one row of bars after its name, its latest
            // value at the end, so the test curve is never silently left out.
            for (i, curve) in curves.prefix(area.height).enumerated() {
                let y = area.y + i
                let tag = DrawText.prepare(padded(curve.name) + " ", ascii: ascii)
                let shown = min(curve.prefix, curve.series.count)
                let last = shown > 0 ? " now " + NumberFormat.short(curve.series[shown - 1]) : ""
                let now = DrawText.prepare(last, ascii: ascii)
                buffer.write(tag, x: area.x, y: y, style: .bold, clip: area)
                let barWidth = max(0, area.width - tag.count - now.count)
                var single = SparklineWidget(curves: [curve], ascii: ascii, scale: scale)
                single.curves[0].name = ""
                single.drawBars(into: &buffer, x: area.x + tag.count, bottom: y, rows: 1, width: barWidth)
                buffer.write(now, x: area.x + tag.count + barWidth, y: y, clip: area)
            }
            return
        }
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

    fileprivate func drawBars(into buffer: inout Buffer, x: Int, bottom: Int, rows: Int, width: Int) {
        let levels = ascii ? Self.asciiLevels : Self.unicodeLevels
        let columns = curve.map { $0.series.columns(prefix: $0.prefix, width: width) } ?? []
        let finite = columns.filter(\.isFinite)
        guard let low = scale?.lowerBound ?? finite.min(), let high = scale?.upperBound ?? finite.max(), !finite.isEmpty else {
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
                height = 1 + Int((min(1, max(0, t)) * Double(units - 1)).rounded())
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
