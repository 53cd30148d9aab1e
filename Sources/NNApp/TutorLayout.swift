import NNCore
import NNLessons
import NNRender

/// Where each panel goes. Wide screens (110 columns and up) put the equations and the lesson on
/// the left and the diagram, boundary and loss on the right. Narrow screens put the equations
/// across the top and share the row below: without a lesson, the diagram, boundary and loss side
/// by side (or the boundary over the loss beside the diagram); with a lesson, one of them (the diagram unless `v` or the stop chose another) beside
/// the lesson text, so the picture of backpropagation stays on screen while it is taught. The
/// diagram's panel is sized from what the network's picture needs.
struct TutorLayout {
    static let wide = 110

    var title: Rect
    var equations: Rect
    var status: Rect
    var diagram: Rect?
    var boundary: Rect?
    var sparkline: Rect?
    var lesson: Rect?

    init(model: TutorModel) {
        let needed = NetworkDiagramWidget.preferredSize(for: model.session.trainer.schema, ascii: model.ascii)
        self.init(width: model.width, height: model.height, lesson: model.lesson != nil, slot: model.lowerPanel,
                  diagram: (needed.width + 2, needed.height + 2))
    }

    init(width: Int, height: Int, lesson hasLesson: Bool, slot: LessonPanelChoice, diagram wanted: (width: Int, height: Int)) {
        title = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let top = 1, body = height - 2
        if width >= Self.wide {
            let right = min(max(52, wanted.width), width / 2)
            let left = width - right
            if hasLesson {
                let lessonHeight = max(12, body * 9 / 20)
                equations = Rect(x: 0, y: top, width: left, height: body - lessonHeight)
                lesson = Rect(x: 0, y: top + body - lessonHeight, width: left, height: lessonHeight)
            } else {
                equations = Rect(x: 0, y: top, width: left, height: body)
            }
            let sparkHeight = body >= 34 ? 8 : 6
            let diagramHeight = min(wanted.height, body - sparkHeight - 9)
            diagram = Rect(x: left, y: top, width: right, height: diagramHeight)
            boundary = Rect(x: left, y: top + diagramHeight, width: right, height: body - diagramHeight - sparkHeight)
            sparkline = Rect(x: left, y: top + body - sparkHeight, width: right, height: sparkHeight)
            return
        }
        // Narrow: the lower row is as tall as the diagram wants, leaving the equations at least 8 rows.
        let lowerHeight = min(max(hasLesson ? 12 : 9, wanted.height), body - 8)
        equations = Rect(x: 0, y: top, width: width, height: body - lowerHeight)
        let lowerTop = top + body - lowerHeight
        if hasLesson {
            let slotWidth = slot == .diagram ? min(wanted.width, width - 32) : min(34, width / 2)
            let area = Rect(x: 0, y: lowerTop, width: slotWidth, height: lowerHeight)
            switch slot {
            case .diagram: diagram = area
            case .boundary: boundary = area
            case .loss: sparkline = area
            }
            lesson = Rect(x: slotWidth, y: lowerTop, width: width - slotWidth, height: lowerHeight)
            return
        }
        let boundaryWidth = 25
        let diagramWidth = min(wanted.width, width - boundaryWidth)
        diagram = Rect(x: 0, y: lowerTop, width: diagramWidth, height: lowerHeight)
        if width - diagramWidth >= boundaryWidth + 20 {
            boundary = Rect(x: diagramWidth, y: lowerTop, width: boundaryWidth, height: lowerHeight)
            sparkline = Rect(x: diagramWidth + boundaryWidth, y: lowerTop, width: width - diagramWidth - boundaryWidth, height: lowerHeight)
        } else if lowerHeight >= 12 {
            // One column beside the diagram: the boundary over a short loss panel.
            let sparkHeight = 5
            boundary = Rect(x: diagramWidth, y: lowerTop, width: width - diagramWidth, height: lowerHeight - sparkHeight)
            sparkline = Rect(x: diagramWidth, y: lowerTop + lowerHeight - sparkHeight, width: width - diagramWidth, height: sparkHeight)
        } else {
            // Room for one more panel beside the diagram: the boundary, or the loss (v switches).
            let area = Rect(x: diagramWidth, y: lowerTop, width: width - diagramWidth, height: lowerHeight)
            if slot == .loss { sparkline = area } else { boundary = area }
        }
    }

    /// Whether the diagram, boundary and loss are all on screen.
    func shows(every: Bool) -> Bool { diagram != nil && boundary != nil && sparkline != nil }
}
