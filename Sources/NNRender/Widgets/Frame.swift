/// A box border with a title on its top edge, framing one panel.
///
/// Draws only the border (the inside is left as it is, for the panel's own widget): use
/// `Frame.inner(of:)` for the rectangle inside. Areas under 2×2 draw nothing.
public struct Frame: Widget {
    public var title: String
    public var ascii: Bool
    /// The border's style, e.g. bold for the panel that has focus.
    public var style: Style

    public init(title: String = "", ascii: Bool = false, style: Style = .plain) {
        self.title = title
        self.ascii = ascii
        self.style = style
    }

    /// The rectangle inside a frame drawn on `area`: one cell in from every side (empty when too small).
    public static func inner(of area: Rect) -> Rect {
        area.inset(by: 1)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        // Clip first, but draw corners only where the frame's own corners are visible.
        let visible = area.intersection(buffer.area)
        guard !visible.isEmpty, area.width >= 2, area.height >= 2 else { return }
        let g = BoxGlyphs.set(ascii: ascii)
        let right = area.maxX - 1, bottom = area.maxY - 1
        func put(_ character: Character, _ x: Int, _ y: Int) {
            if visible.contains(x: x, y: y) { buffer[x, y] = Cell(character, style: style) }
        }
        for x in (area.x + 1)..<right {
            put(g.horizontal, x, area.y)
            put(g.horizontal, x, bottom)
        }
        for y in (area.y + 1)..<bottom {
            put(g.vertical, area.x, y)
            put(g.vertical, right, y)
        }
        put(g.topLeft, area.x, area.y)
        put(g.topRight, right, area.y)
        put(g.bottomLeft, area.x, bottom)
        put(g.bottomRight, right, bottom)
        // "┌─ title ─┐" when there is room, else "┌ title ┐"; narrower frames get no title.
        let text = DrawText.prepare(title, ascii: ascii)
        let lead = area.width >= 7 ? 2 : 1
        let room = area.width - 2 * lead - 2
        guard !text.isEmpty, room >= 1 else { return }
        let shown = DrawText.truncate(text, width: room, ascii: ascii)
        let titleStyle = Style(foreground: style.foreground, background: style.background, bold: true,
                               reverse: style.reverse)
        buffer.write(" " + shown + " ", x: area.x + lead, y: area.y, style: titleStyle,
                     clip: Rect(x: area.x + lead, y: area.y, width: room + 2, height: 1).intersection(visible))
    }
}

/// The same widget under the name the layout code may prefer.
public typealias PanelWidget = Frame
