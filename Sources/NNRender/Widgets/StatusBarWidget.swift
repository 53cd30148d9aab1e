import NNCore

/// One status line: items in order of importance, separated by bars, and a keys hint at the right.
///
/// Items are placed left to right while whole items fit; the rest are dropped (a first item too
/// long for the width is cut with "…"). The hint is drawn right-aligned only if it fits after them.
/// The bar takes the first row of its area; any further rows are cleared.
public struct StatusBarWidget: Widget {
    public var items: [String]
    public var hint: String
    public var ascii: Bool
    public var color: Bool

    public init(items: [String], hint: String = "", ascii: Bool = false, color: Bool = false) {
        self.items = items
        self.hint = hint
        self.ascii = ascii
        self.color = color
    }

    /// The usual items, most important first: "epoch 3/100", "sample 2/4", "backward",
    /// "step 5 of 13", "η 0.001" (trailing zeros trimmed), and the mode. `epoch` and `sample` are 0-based, as on the trace,
    /// and shown 1-based; `step` is shown as given. Unknown totals are left out.
    public static func standardItems(
        epoch: Int?, epochs: Int?, sample: Int?, samples: Int?, phase: TracePhase?,
        step: Int?, steps: Int?, learningRate: Double?, mode: String?
    ) -> [String] {
        func counted(_ name: String, _ index: Int?, _ total: Int?) -> String? {
            guard let index else { return nil }
            return total.map { "\(name) \(index + 1)/\($0)" } ?? "\(name) \(index + 1)"
        }
        var items: [String] = []
        if let text = counted("epoch", epoch, epochs) { items.append(text) }
        if let text = counted("sample", sample, samples) { items.append(text) }
        if let phase { items.append(phase.rawValue) }
        if let step { items.append(steps.map { "step \(step) of \($0)" } ?? "step \(step)") }
        if let learningRate { items.append("η " + trimmed(NumberFormat.short(learningRate))) }
        if let mode, !mode.isEmpty { items.append(mode) }
        return items
    }

    /// "0.1000" → "0.1": a learning rate reads better without the padding zeros.
    static func trimmed(_ number: String) -> String {
        guard number.contains("."), !number.contains("e") else { return number }
        var text = Substring(number)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return String(text)
    }

    var barStyle: Style { color ? Style(foreground: .black, background: .cyan) : Style(reverse: true) }

    /// The left part of the bar: as many whole items as fit in `width`, with a leading space.
    func leftText(width: Int) -> String {
        let separator = ascii ? " | " : " │ "
        var text = ""
        for item in items.map({ DrawText.prepare($0, ascii: ascii) }) where !item.isEmpty {
            let candidate = text.isEmpty ? " " + item : text + separator + item
            guard candidate.count <= width else {
                if text.isEmpty { text = DrawText.truncate(candidate, width: width, ascii: ascii) }
                break
            }
            text = candidate
        }
        return text
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, with: Cell(" ", style: barStyle))
        let left = leftText(width: area.width)
        buffer.write(left, x: area.x, y: area.y, style: barStyle, clip: row)
        let hint = DrawText.prepare(self.hint, ascii: ascii)
        // At least two spaces between the items and the hint, and one after it.
        if !hint.isEmpty, left.count + 2 + hint.count + 1 <= area.width {
            var style = barStyle
            style.bold = true
            buffer.write(hint, x: area.maxX - 1 - hint.count, y: area.y, style: style, clip: row)
        }
    }
}
