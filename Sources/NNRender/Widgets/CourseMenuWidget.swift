/// One lesson in the course menu.
public struct CourseEntry: Sendable, Equatable {
    public var number: Int
    public var title: String
    public var completed: Bool
    /// "resume at stop 2 of 4", "5 stops", …
    public var detail: String
    /// The part of the course ("the notebook"): a heading above the first lesson of each part.
    public var part: String

    public init(number: Int, title: String, completed: Bool, detail: String, part: String = "") {
        self.number = number
        self.title = title
        self.completed = completed
        self.detail = detail
        self.part = part
    }
}

/// The course menu: the lessons with completion marks, the selected one's introduction, and keys.
public struct CourseMenuWidget: Widget {
    public var title: String
    public var entries: [CourseEntry]
    public var selected: Int
    /// The selected lesson's introduction.
    public var description: String
    public var footer: String
    public var ascii: Bool
    public var color: Bool

    public init(title: String, entries: [CourseEntry], selected: Int, description: String, footer: String,
                ascii: Bool = false, color: Bool = false) {
        self.title = title
        self.entries = entries
        self.selected = selected
        self.description = description
        self.footer = footer
        self.ascii = ascii
        self.color = color
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)
        var y = area.y
        buffer.write(DrawText.truncate(DrawText.prepare(title, ascii: ascii), width: area.width, ascii: ascii),
                     x: area.x, y: y, style: color ? Style(foreground: .cyan, bold: true) : .bold, clip: area)
        y += 2
        let footerRow = area.maxY - 1
        // The list: a heading row where a part begins, then its lessons.
        enum Row { case heading(String), entry(Int) }
        var rows: [Row] = []
        for (i, entry) in entries.enumerated() {
            if !entry.part.isEmpty, i == 0 || entries[i - 1].part != entry.part { rows.append(.heading(entry.part)) }
            rows.append(.entry(i))
        }
        // Leave the selected lesson's introduction a few rows; scroll the list to keep the
        // selection (and its part's heading, when it fits) in view.
        let listHeight = max(1, min(rows.count, footerRow - y - 5))
        let selectedRow = rows.firstIndex { if case .entry(selected) = $0 { return true } else { return false } } ?? 0
        var offset = max(0, min(selectedRow - listHeight + 1, rows.count - listHeight))
        if selectedRow > 0, case .heading = rows[selectedRow - 1], selectedRow - 1 < offset { offset = selectedRow - 1 }
        if selectedRow < offset { offset = selectedRow }
        for row in rows.dropFirst(offset).prefix(listHeight) where y < footerRow {
            switch row {
            case .heading(let part):
                buffer.write(DrawText.truncate(DrawText.prepare(part, ascii: ascii), width: area.width, ascii: ascii),
                             x: area.x, y: y, style: Style(bold: true, underline: true), clip: area)
            case .entry(let i):
                let entry = entries[i]
                let mark = entry.completed ? (ascii ? "[x]" : " ✓ ") : (ascii ? "[ ]" : " · ")
                let pointer = i == selected ? (ascii ? ">" : "▸") : " "
                let number = entry.number < 10 ? " \(entry.number)" : "\(entry.number)"
                var line = "\(pointer)\(mark)\(number)  \(entry.title)"
                let detail = "  " + entry.detail
                let room = area.width - detail.count
                if line.count < room { line += String(repeating: " ", count: room - line.count) + detail }
                let style: Style = i == selected ? .highlight : (entry.completed && color ? Style(foreground: .green) : .plain)
                if i == selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style: style)) }
                buffer.write(DrawText.truncate(DrawText.prepare(line, ascii: ascii), width: area.width, ascii: ascii),
                             x: area.x, y: y, style: style, clip: area)
            }
            y += 1
        }
        y += 1
        for line in TextWrap.wrap(DrawText.prepare(description, ascii: ascii), width: area.width) where y < footerRow {
            buffer.write(line, x: area.x, y: y, style: .plain, clip: area)
            y += 1
        }
        if area.height >= 2 {
            buffer.write(DrawText.truncate(DrawText.prepare(footer, ascii: ascii), width: area.width, ascii: ascii),
                         x: area.x, y: footerRow, style: .dim, clip: area)
        }
    }
}
