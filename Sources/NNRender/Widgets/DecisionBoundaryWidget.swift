import NNCore

/// The input plane shaded by the network's output ŷ, with its decision boundary and the data.
///
/// x[0] runs to the right and x[1] up, over the points' range plus a margin (the truth tables'
/// four corners keep the square [−0.5, 1.5]), with tick labels in a left gutter and a bottom row.
/// Each cell is shaded by ŷ at its centre, in four levels (ten under ASCII). The single neuron's
/// boundary is the straight line W·x + b = 0, drawn where |z| at a cell's centre is at most half
/// the change of z from one cell to the next, with a glyph that follows its slope. A layered
/// network's boundary ŷ = 0.5 is curved: `∙` marks the cell nearer to it wherever the output's z
/// changes sign between neighbouring cells.
///
/// Points: many share a cell when there are many, so a cell shows its majority class (○ y = 0,
/// ● y = 1), ◐ when it holds both, and test points as ◇ ◆ (ASCII o x, +#, %). The current sample's
/// cell is reversed. With room, a last row explains the marks and shades.
public struct DecisionBoundaryWidget: Widget {
    public var network: MLP?
    public var samples: [Sample]
    /// The first `trainingCount` samples are trained on; the rest are the test set, drawn apart.
    public var trainingCount: Int
    public var currentSample: Int?
    public var ascii: Bool
    public var color: Bool
    public var labels: Bool
    /// Remembers the last shading, so frames that show the same network (stepping within a step)
    /// do not run the network over every cell again.
    public var cache: BoundaryCache?

    public init(
        network: MLP?, samples: [Sample], trainingCount: Int? = nil, currentSample: Int? = nil,
        ascii: Bool = false, color: Bool = false, labels: Bool = true, cache: BoundaryCache? = nil
    ) {
        self.cache = cache
        self.network = network
        self.samples = samples
        self.trainingCount = trainingCount ?? samples.count
        self.currentSample = currentSample
        self.ascii = ascii
        self.color = color
        self.labels = labels
    }

    /// The square the truth tables are drawn in.
    public static let low = -0.5
    public static let high = 1.5

    /// Shading from ŷ = 0 to ŷ = 1; level = ⌊ŷ · count⌋, the last level including ŷ = 1. An even
    /// number of levels, so that ŷ = 0.5 is where one ends and the next begins: the light shades
    /// (" ", ░) predict 0 and the dark ones (▓, █) predict 1, never one shade on both sides.
    public static let unicodeShades: [Character] = [" ", "░", "▓", "█"]
    public static let asciiShades: [Character] = [" ", ".", ":", ";", "+", "=", "*", "#", "%", "@"]
    /// Drawn where ŷ is NaN.
    public static let undefined: Character = "?"

    /// The glyph of a curved (layered) boundary.
    public var curveGlyph: Character { ascii ? "~" : "∙" }

    /// Whether the boundary is the single neuron's straight line W·x + b = 0.
    var isLine: Bool { network?.architecture.isSingleNeuron == true }

    // MARK: Geometry

    /// The plotted ranges: the truth-table square, or the points' bounding box plus 10% a side.
    public var range: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let points = samples.map(\.x).filter { $0.x.isFinite && $0.y.isFinite }
        let corners = points.allSatisfy { ($0.x == 0 || $0.x == 1) && ($0.y == 0 || $0.y == 1) }
        guard !points.isEmpty, !corners else { return (Self.low...Self.high, Self.low...Self.high) }
        func padded(_ values: [Double]) -> ClosedRange<Double> {
            let lo = values.min() ?? 0, hi = values.max() ?? 1
            let margin = hi > lo ? (hi - lo) * 0.1 : 0.5
            return (lo - margin)...(hi + margin)
        }
        return (padded(points.map(\.x)), padded(points.map(\.y)))
    }

    /// Ticks along a range: the truth tables' 0 and 1, or two to four round numbers.
    static func ticks(_ range: ClosedRange<Double>) -> [Double] {
        if range == low...high { return [0, 1] }
        let span = range.upperBound - range.lowerBound
        guard span.isFinite, span > 0 else { return [] }
        var step = 1.0
        while span / step > 4 { step *= 10 }
        while span / step < 1.5 { step /= 10 }
        for factor in [1.0, 2, 5, 10] where span / (step * factor) <= 4 {
            step *= factor
            break
        }
        var ticks: [Double] = []
        var t = (range.lowerBound / step).rounded(.up) * step
        while t <= range.upperBound && ticks.count < 6 {
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return ticks
    }

    /// A tick's label: "1", "−0.5", "2.5".
    static func tickLabel(_ t: Double) -> String {
        let rounded = (t * 100).rounded() / 100
        if rounded == rounded.rounded() { return NumberFormat.short(rounded) }
        var text = String(rounded.magnitude)
        if text.hasPrefix("0.") { text.removeFirst() ; text = "0" + text }
        return (rounded < 0 ? "−" : "") + text
    }

    /// What the plot takes of `area`: a gutter for x[1]'s labels, a row for x[0]'s, a legend row.
    func plotArea(_ area: Rect) -> Rect {
        guard hasLabels(area) else { return area }
        let gutter = gutterWidth
        let legend = hasLegend(area) ? 1 : 0
        return Rect(x: area.x + gutter, y: area.y, width: area.width - gutter, height: area.height - 1 - legend)
    }

    /// Room for x[1]'s ticks, and its name above them.
    var gutterWidth: Int { max(4, (Self.ticks(range.y).map { Self.tickLabel($0).count }.max() ?? 1) + 1) }

    func hasLabels(_ area: Rect) -> Bool { labels && area.width >= 12 && area.height >= 6 }
    func hasLegend(_ area: Rect) -> Bool { labels && area.width >= 20 && area.height >= 10 }

    /// The centre of a plot cell in input coordinates.
    func centre(column: Int, row: Int, plot: Rect) -> SIMD2<Double> {
        let (rx, ry) = range
        return SIMD2(
            rx.lowerBound + (Double(column) + 0.5) * (rx.upperBound - rx.lowerBound) / Double(plot.width),
            ry.upperBound - (Double(row) + 0.5) * (ry.upperBound - ry.lowerBound) / Double(plot.height))
    }

    /// The plot cell holding point `x`, clamped into the plot.
    func cell(of x: SIMD2<Double>, plot: Rect) -> (column: Int, row: Int) {
        let (rx, ry) = range
        func index(_ t: Double, _ n: Int) -> Int {
            guard t.isFinite else { return t > 0 ? n - 1 : 0 }
            return min(n - 1, max(0, Int((t * Double(n)).rounded(.down))))
        }
        return (index((x.x - rx.lowerBound) / (rx.upperBound - rx.lowerBound), plot.width),
                index((ry.upperBound - x.y) / (ry.upperBound - ry.lowerBound), plot.height))
    }

    /// The glyph the boundary is drawn with in `area`, or nil when none is drawn; for legends.
    public func lineGlyph(in area: Rect) -> Character? {
        let plot = plotArea(area)
        guard let network, !plot.isEmpty else { return nil }
        if !isLine { return curveGlyph }
        let (rx, ry) = range
        return LineGeometry(network: network, cellWidth: (rx.upperBound - rx.lowerBound) / Double(plot.width),
                            cellHeight: (ry.upperBound - ry.lowerBound) / Double(plot.height), ascii: ascii)?.glyph
    }

    // MARK: Drawing

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)
        let plot = plotArea(area)
        guard !plot.isEmpty else { return }
        var drewBoundary = false
        if let network {
            drewBoundary = isLine ? shadeLine(into: &buffer, plot: plot, network: network) : shadeCurve(into: &buffer, plot: plot, network: network)
        }
        let mixed = drawPoints(into: &buffer, plot: plot)
        if hasLabels(area) { drawLabels(into: &buffer, area: area, plot: plot) }
        if hasLegend(area) { drawLegend(into: &buffer, area: area, mixed: mixed, boundary: drewBoundary) }
    }

    private func shadeCell(_ yHat: Double, into buffer: inout Buffer, at point: (Int, Int)) {
        let shades = ascii ? Self.asciiShades : Self.unicodeShades
        guard !yHat.isNaN else {
            buffer[point.0, point.1] = Cell(Self.undefined)
            return
        }
        let level = min(shades.count - 1, max(0, Int(yHat * Double(shades.count))))
        buffer[point.0, point.1] = Cell(shades[level], style: color ? Style(foreground: Self.color(yHat: yHat)) : .plain)
    }

    /// Returns whether the line crosses the plot (for the legend).
    private func shadeLine(into buffer: inout Buffer, plot: Rect, network: MLP) -> Bool {
        let (rx, ry) = range
        let line = LineGeometry(network: network, cellWidth: (rx.upperBound - rx.lowerBound) / Double(plot.width),
                                cellHeight: (ry.upperBound - ry.lowerBound) / Double(plot.height), ascii: ascii)
        var drew = false
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                let x = centre(column: column, row: row, plot: plot)
                if let line, line.contains(x) {
                    buffer[plot.x + column, plot.y + row] = Cell(line.glyph, style: color ? Style(foreground: .yellow, bold: true) : .bold)
                    drew = true
                    continue
                }
                shadeCell(network.forward(x).yHat, into: &buffer, at: (plot.x + column, plot.y + row))
            }
        }
        return drew
    }

    /// ŷ and the output's z at every cell's centre, row by row.
    func grid(_ network: MLP, plot: Rect) -> BoundaryCache.Grid {
        var yHat: [Double] = [], zOut: [Double] = []
        yHat.reserveCapacity(plot.width * plot.height)
        zOut.reserveCapacity(plot.width * plot.height)
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                let forward = network.forward(centre(column: column, row: row, plot: plot))
                yHat.append(forward.yHat)
                zOut.append(forward.zOut)
            }
        }
        return BoundaryCache.Grid(yHat: yHat, zOut: zOut)
    }

    /// A layered network: shade by its ŷ, then mark the cells where the output's z changes sign.
    /// Returns whether the curve crosses the plot (for the legend).
    private func shadeCurve(into buffer: inout Buffer, plot: Rect, network: MLP) -> Bool {
        let key = BoundaryCache.Key(parameters: network.parameters, width: plot.width, height: plot.height,
                                    low: SIMD2(range.x.lowerBound, range.y.lowerBound), high: SIMD2(range.x.upperBound, range.y.upperBound))
        let computed = cache?.grid(for: key) ?? grid(network, plot: plot)
        cache?.remember(computed, for: key)
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                shadeCell(computed.yHat[row * plot.width + column], into: &buffer, at: (plot.x + column, plot.y + row))
            }
        }
        let style = color ? Style(foreground: .yellow, bold: true) : Style.bold
        var drew = false
        func mark(_ a: (Int, Int), _ b: (Int, Int)) {
            let za = computed.zOut[a.0 * plot.width + a.1], zb = computed.zOut[b.0 * plot.width + b.1]
            guard za.isFinite, zb.isFinite, (za < 0) != (zb < 0) else { return }
            let (row, column) = abs(za) <= abs(zb) ? a : b
            buffer[plot.x + column, plot.y + row] = Cell(curveGlyph, style: style)
            drew = true
        }
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                if column + 1 < plot.width { mark((row, column), (row, column + 1)) }
                if row + 1 < plot.height { mark((row, column), (row + 1, column)) }
            }
        }
        return drew
    }

    /// Blue for ŷ near 0 through cyan and magenta to red for ŷ near 1.
    public static func color(yHat: Double) -> Color {
        switch yHat {
        case ..<0.25: return .blue
        case ..<0.5: return .cyan
        case ..<0.75: return .magenta
        default: return .red
        }
    }

    /// The marks: train ○ ●, test ◇ ◆, both classes ◐ (ASCII o x, + #, %).
    private func glyph(test: Bool, positive: Bool?) -> Character {
        guard let positive else { return ascii ? "%" : "◐" }
        if test { return ascii ? (positive ? "#" : "+") : (positive ? "◆" : "◇") }
        return ascii ? (positive ? "x" : "o") : (positive ? "●" : "○")
    }

    /// Draws the points; returns whether some cell holds both classes (for the legend).
    @discardableResult
    private func drawPoints(into buffer: inout Buffer, plot: Rect) -> Bool {
        // Per cell: counts of each class, training and test apart.
        struct Tally { var train = (0, 0), test = (0, 0) }
        var cells: [Int: Tally] = [:]
        for (i, sample) in samples.enumerated() {
            let (column, row) = cell(of: sample.x, plot: plot)
            let key = row * plot.width + column
            var tally = cells[key] ?? Tally()
            let positive = sample.y >= 0.5
            if i < trainingCount {
                if positive { tally.train.1 += 1 } else { tally.train.0 += 1 }
            } else {
                if positive { tally.test.1 += 1 } else { tally.test.0 += 1 }
            }
            cells[key] = tally
        }
        let current = currentSample.flatMap { samples.indices.contains($0) ? cell(of: samples[$0].x, plot: plot) : nil }
        var mixed = false
        for (key, tally) in cells {
            let column = key % plot.width, row = key / plot.width
            let zeros = tally.train.0 + tally.test.0, ones = tally.train.1 + tally.test.1
            let test = tally.train.0 + tally.train.1 == 0
            let positive: Bool? = zeros > 0 && ones > 0 ? nil : ones > 0
            if positive == nil { mixed = true }
            var style = Style(bold: true)
            if color { style.foreground = positive == nil ? .yellow : (positive == true ? .red : .blue) }
            if let current, current.column == column, current.row == row { style.reverse = true }
            buffer[plot.x + column, plot.y + row] = Cell(glyph(test: test, positive: positive), style: style)
        }
        return mixed
    }

    private func drawLabels(into buffer: inout Buffer, area: Rect, plot: Rect) {
        let style = Style.dim
        let (rx, ry) = range
        // Left gutter: x[1]'s name at the top, its ticks beside their rows.
        buffer.write(DrawText.prepare("x[1]", ascii: ascii), x: area.x, y: plot.y, style: style,
                     clip: Rect(x: area.x, y: plot.y, width: plot.x - area.x, height: 1))
        for t in Self.ticks(ry) {
            let row = cell(of: SIMD2(rx.lowerBound, t), plot: plot).row
            guard row > 0 else { continue }
            let label = DrawText.prepare(Self.tickLabel(t), ascii: ascii)
            buffer.write(label, x: plot.x - 1 - label.count, y: plot.y + row, style: style, clip: area)
        }
        // Bottom row: x[0]'s ticks under their columns, its name at the right end.
        let bottom = plot.maxY
        var used = plot.x
        for t in Self.ticks(rx) {
            let label = DrawText.prepare(Self.tickLabel(t), ascii: ascii)
            let column = cell(of: SIMD2(t, ry.lowerBound), plot: plot).column
            let x = max(used, plot.x + column - (label.count - 1) / 2)
            guard x + label.count <= area.maxX else { continue }
            buffer.write(label, x: x, y: bottom, style: style, clip: area)
            used = x + label.count + 1
        }
        let name = DrawText.prepare("x[0]", ascii: ascii)
        let nameX = area.maxX - name.count
        if nameX >= used { buffer.write(name, x: nameX, y: bottom, style: style, clip: area) }
    }

    /// The last row: what the marks and shades mean, as much as fits.
    private func drawLegend(into buffer: inout Buffer, area: Rect, mixed: Bool, boundary: Bool) {
        let hasTest = trainingCount < samples.count
        var parts = [ascii ? "o x: y=0 1" : "○ ●: y = 0, 1"]
        if hasTest { parts.append(ascii ? "+ #: test" : "◇ ◆: test") }
        if mixed { parts.append(ascii ? "%: both" : "◐: both") }
        if boundary, let glyph = lineGlyph(in: area) { parts.append("\(glyph): ŷ = 0.5") }
        parts.append(ascii ? "shade: y_hat 0 to 1 (@)" : "░▓█: ŷ → 1")
        var text = ""
        for part in parts {
            let candidate = text.isEmpty ? part : text + "  " + part
            guard candidate.count <= area.width else { break }
            text = candidate
        }
        buffer.write(DrawText.prepare(text, ascii: ascii), x: area.x, y: area.maxY - 1, style: .dim, clip: area)
    }
}

/// The last shading of a layered network's boundary, kept by a session so that frames showing the
/// same parameters reuse it.
public final class BoundaryCache {
    public struct Key: Equatable {
        var parameters: [Double]
        var width: Int
        var height: Int
        var low: SIMD2<Double>
        var high: SIMD2<Double>
    }

    public struct Grid {
        var yHat: [Double]
        var zOut: [Double]
    }

    private var key: Key?
    private var grid: Grid?

    public init() {}

    func grid(for key: Key) -> Grid? { self.key == key ? grid : nil }

    func remember(_ grid: Grid, for key: Key) {
        self.key = key
        self.grid = grid
    }
}

/// Where the line W·x + b = 0 crosses the plot, computed on weights scaled to at most 1 so
/// huge weights do not overflow; nil when there is no line (W = 0, or non-finite weights).
struct LineGeometry {
    var w: SIMD2<Double>
    var b: Double
    var halfWidth: Double
    var glyph: Character

    init?(network: MLP, cellWidth: Double, cellHeight: Double, ascii: Bool) {
        let p = network.parameters
        guard p.count == 3 else { return nil }
        let scale = max(abs(p[0]), abs(p[1]), abs(p[2]))
        guard scale.isFinite, scale > 0 else { return nil }
        w = SIMD2(p[0], p[1]) / scale
        b = p[2] / scale
        // z changes by |w₀|·cellWidth from one column to the next and |w₁|·cellHeight between rows.
        let stepAcross = abs(w.x) * cellWidth, stepUp = abs(w.y) * cellHeight
        halfWidth = max(stepAcross, stepUp) / 2
        guard halfWidth > 0, halfWidth.isFinite else { return nil }
        // Along the line, x moves by (−w₁, w₀); measured in cells that is (−w₁/cellWidth, w₀/cellHeight).
        // A terminal cell is about twice as tall as wide, so on screen `across` counts half.
        let across = -w.y / cellWidth / 2, up = w.x / cellHeight
        if abs(across) > 2 * abs(up) {
            glyph = ascii ? "-" : "─"
        } else if abs(up) > 2 * abs(across) {
            glyph = ascii ? "|" : "│"
        } else if (across > 0) == (up > 0) {
            glyph = ascii ? "/" : "╱"
        } else {
            glyph = ascii ? "\\" : "╲"
        }
    }

    func contains(_ x: SIMD2<Double>) -> Bool {
        let z = (w.x * x.x + w.y * x.y) + b
        return abs(z) <= halfWidth
    }
}
