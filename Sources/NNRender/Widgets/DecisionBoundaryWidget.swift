import NNCore

/// The input square x₁, x₂ ∈ [−0.5, 1.5] shaded by the neuron's output ŷ, with the decision
/// line W·x + b = 0 and the dataset's points.
///
/// x₁ runs to the right and x₂ up. Each cell is shaded by ŷ = σ(W·x + b) at its centre; a cell is
/// on the line when the line crosses it closely enough that |z| at the centre is at most half
/// of the larger per-cell change of z (so the line is one cell thick along its main direction).
/// Points are `○`/`●` (ASCII `o`/`x`) for y = 0 / y = 1, drawn over the shading; the current
/// sample is reversed. With room (12×6 or more, `labels` on), a left gutter and a bottom row
/// carry axis labels.
///
/// A 2-N-1 network's boundary is curved: its cells are shaded by that network's ŷ, and the
/// boundary (ŷ = 0.5, where z₂ changes sign between neighbouring cells) is marked with `∙`
/// (ASCII `~`) on the cell nearer to it.
public struct DecisionBoundaryWidget: Widget {
    public var network: MLP?
    public var samples: [Sample]
    public var currentSample: Int?
    public var ascii: Bool
    public var color: Bool
    public var labels: Bool

    public init(
        network: MLP?, samples: [Sample], currentSample: Int? = nil,
        ascii: Bool = false, color: Bool = false, labels: Bool = true
    ) {
        self.network = network
        self.samples = samples
        self.currentSample = currentSample
        self.ascii = ascii
        self.color = color
        self.labels = labels
    }

    /// Whether the boundary is the single neuron's straight line W·x + b = 0.
    var isLine: Bool { network?.architecture.isSingleNeuron == true }

    /// The glyph of a curved (hidden-layer) boundary.
    public var curveGlyph: Character { ascii ? "~" : "∙" }

    /// The plotted range on both axes.
    public static let low = -0.5
    public static let high = 1.5

    /// Shading from ŷ = 0 to ŷ = 1; level = ⌊ŷ · count⌋, the last level including ŷ = 1.
    public static let unicodeShades: [Character] = [" ", "░", "▒", "▓", "█"]
    public static let asciiShades: [Character] = [" ", ".", ":", ";", "+", "=", "*", "#", "%", "@"]
    /// Drawn where ŷ is NaN.
    public static let undefined: Character = "?"

    /// The smallest area that gets axis labels.
    static let labelledMinimum = (width: 12, height: 6)

    /// The plot's area inside `area`: all of it, or less a 2-column gutter and a bottom row for labels.
    func plotArea(_ area: Rect) -> Rect {
        guard hasLabels(area) else { return area }
        return Rect(x: area.x + 2, y: area.y, width: area.width - 2, height: area.height - 1)
    }

    func hasLabels(_ area: Rect) -> Bool {
        labels && area.width >= Self.labelledMinimum.width && area.height >= Self.labelledMinimum.height
    }

    /// The centre of a plot cell in input coordinates.
    static func centre(column: Int, row: Int, width: Int, height: Int) -> SIMD2<Double> {
        let span = high - low
        return SIMD2(
            low + (Double(column) + 0.5) * span / Double(width),
            high - (Double(row) + 0.5) * span / Double(height))
    }

    /// The plot cell holding input point `x`, clamped into the plot.
    static func cell(of x: SIMD2<Double>, width: Int, height: Int) -> (column: Int, row: Int) {
        let span = high - low
        func index(_ t: Double, _ n: Int) -> Int {
            guard t.isFinite else { return t > 0 ? n - 1 : 0 }
            return min(n - 1, max(0, Int((t * Double(n)).rounded(.down))))
        }
        return (index((x.x - low) / span, width), index((high - x.y) / span, height))
    }

    /// The glyph the line W·x + b = 0 is drawn with in `area` (it follows the line's slope on
    /// screen: ╱ ╲ │ ─, or / \ | - under ASCII), or nil when no line is drawn; for legends.
    public func lineGlyph(in area: Rect) -> Character? {
        let plot = plotArea(area)
        guard let network, !plot.isEmpty else { return nil }
        if !isLine { return curveGlyph }
        let span = Self.high - Self.low
        return LineGeometry(network: network, cellWidth: span / Double(plot.width), cellHeight: span / Double(plot.height), ascii: ascii)?.glyph
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)
        let plot = plotArea(area)
        if let network {
            if isLine { shade(into: &buffer, plot: plot, neuron: network) } else { shade(into: &buffer, plot: plot, layered: network) }
        }
        drawPoints(into: &buffer, plot: plot)
        if hasLabels(area) { drawLabels(into: &buffer, area: area, plot: plot) }
    }

    private func shade(into buffer: inout Buffer, plot: Rect, neuron: MLP) {
        let shades = ascii ? Self.asciiShades : Self.unicodeShades
        let line = LineGeometry(network: neuron, cellWidth: (Self.high - Self.low) / Double(plot.width),
                                cellHeight: (Self.high - Self.low) / Double(plot.height), ascii: ascii)
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                let x = Self.centre(column: column, row: row, width: plot.width, height: plot.height)
                let (z, yHat) = neuron.forward(x)
                if let line, line.contains(x) {
                    buffer[plot.x + column, plot.y + row] = Cell(
                        line.glyph, style: color ? Style(foreground: .yellow, bold: true) : .bold)
                    continue
                }
                _ = z
                guard !yHat.isNaN else {
                    buffer[plot.x + column, plot.y + row] = Cell(Self.undefined)
                    continue
                }
                let level = min(shades.count - 1, max(0, Int(yHat * Double(shades.count))))
                buffer[plot.x + column, plot.y + row] = Cell(
                    shades[level], style: color ? Style(foreground: Self.color(yHat: yHat)) : .plain)
            }
        }
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

    /// A layered network: shade by its ŷ, then mark the cells where the output's z changes sign.
    private func shade(into buffer: inout Buffer, plot: Rect, layered network: MLP) {
        var z2 = [[Double]](repeating: [Double](repeating: 0, count: plot.width), count: plot.height)
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                let forward = network.forward(Self.centre(column: column, row: row, width: plot.width, height: plot.height))
                z2[row][column] = forward.zOut
                shadeCell(forward.yHat, into: &buffer, at: (plot.x + column, plot.y + row))
            }
        }
        let style = color ? Style(foreground: .yellow, bold: true) : Style.bold
        func mark(_ a: (Int, Int), _ b: (Int, Int)) {
            let za = z2[a.0][a.1], zb = z2[b.0][b.1]
            guard za.isFinite, zb.isFinite, (za < 0) != (zb < 0) else { return }
            let (row, column) = abs(za) <= abs(zb) ? a : b
            buffer[plot.x + column, plot.y + row] = Cell(curveGlyph, style: style)
        }
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                if column + 1 < plot.width { mark((row, column), (row, column + 1)) }
                if row + 1 < plot.height { mark((row, column), (row + 1, column)) }
            }
        }
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

    private func drawPoints(into buffer: inout Buffer, plot: Rect) {
        let order = samples.indices.filter { $0 != currentSample } + samples.indices.filter { $0 == currentSample }
        for i in order {
            let sample = samples[i]
            let (column, row) = Self.cell(of: sample.x, width: plot.width, height: plot.height)
            let positive = sample.y >= 0.5
            let glyph: Character = ascii ? (positive ? "x" : "o") : (positive ? "●" : "○")
            var style = Style(bold: true)
            if color { style.foreground = positive ? .red : .blue }
            if i == currentSample { style.reverse = true }
            buffer[plot.x + column, plot.y + row] = Cell(glyph, style: style)
        }
    }

    private func drawLabels(into buffer: inout Buffer, area: Rect, plot: Rect) {
        let style = Style.dim
        let axis2 = DrawText.prepare("x₂", ascii: ascii)
        let axis1 = DrawText.prepare("x₁", ascii: ascii)
        // Left gutter: the x₂ name at the top, then 1 and 0 beside their rows.
        buffer.write(String(axis2.prefix(2)), x: area.x, y: plot.y, style: style, clip: area)
        for value in [1.0, 0.0] {
            let row = Self.cell(of: SIMD2(0, value), width: plot.width, height: plot.height).row
            if row > 0 { buffer.write(" " + (value == 1 ? "1" : "0"), x: area.x, y: plot.y + row, style: style, clip: area) }
        }
        // Bottom row: 0 and 1 under their columns, the x₁ name at the right end.
        let bottom = plot.maxY
        var used = plot.x
        for value in [0.0, 1.0] {
            let column = Self.cell(of: SIMD2(value, 0), width: plot.width, height: plot.height).column
            buffer.write(value == 1 ? "1" : "0", x: plot.x + column, y: bottom, style: style, clip: area)
            used = plot.x + column + 1
        }
        let nameX = area.maxX - axis1.count
        if nameX > used { buffer.write(axis1, x: nameX, y: bottom, style: style, clip: area) }
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
        // z changes by |w₁|·cellWidth from one column to the next and |w₂|·cellHeight between rows.
        let stepAcross = abs(w.x) * cellWidth, stepUp = abs(w.y) * cellHeight
        halfWidth = max(stepAcross, stepUp) / 2
        guard halfWidth > 0, halfWidth.isFinite else { return nil }
        // Along the line, x moves by (−w₂, w₁); measured in cells that is (−w₂/cellWidth, w₁/cellHeight).
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
