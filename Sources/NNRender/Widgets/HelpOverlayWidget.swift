/// A boxed list of keys and what they do, centred in its area over whatever is drawn there.
///
/// Only the box itself is cleared and drawn; the rest of the area keeps the screen beneath.
/// When the entries do not all fit, the last row shows "…".
public struct HelpOverlayWidget: Widget {
    public var entries: [(keys: String, action: String)]
    public var title: String
    public var ascii: Bool

    public init(entries: [(keys: String, action: String)], title: String = "keys", ascii: Bool = false) {
        self.entries = entries
        self.title = title
        self.ascii = ascii
    }

    private var prepared: [(keys: String, action: String)] {
        entries.map { (DrawText.prepare($0.keys, ascii: ascii), DrawText.prepare($0.action, ascii: ascii)) }
    }

    /// The rectangle the box takes inside `area`: sized to the entries, centred, clipped to the area.
    public func box(in area: Rect) -> Rect {
        let rows = prepared
        let keysWidth = rows.map(\.keys.count).max() ?? 0
        let actionWidth = rows.map(\.action.count).max() ?? 0
        let content = max(1 + keysWidth + 2 + actionWidth + 1, DrawText.prepare(title, ascii: ascii).count + 4)
        let width = min(area.width, content + 2)
        let height = min(area.height, rows.count + 2)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let box = box(in: area)
        buffer.fill(box, with: .blank)
        Frame(title: title, ascii: ascii, style: .bold).render(into: &buffer, area: box)
        let inner = Frame.inner(of: box)
        guard !inner.isEmpty else { return }
        let rows = prepared
        let keysWidth = rows.map(\.keys.count).max() ?? 0
        let shown = rows.count > inner.height ? max(0, inner.height - 1) : rows.count
        for (i, row) in rows.prefix(shown).enumerated() {
            let y = inner.y + i
            buffer.write(" " + row.keys, x: inner.x, y: y, style: .bold, clip: inner)
            let actionX = inner.x + 1 + keysWidth + 2
            let action = DrawText.truncate(row.action, width: inner.maxX - actionX, ascii: ascii)
            buffer.write(action, x: actionX, y: y, clip: inner)
        }
        if shown < rows.count {
            buffer.write(" " + (ascii ? "..." : "…"), x: inner.x, y: inner.y + shown, style: .dim, clip: inner)
        }
    }
}
