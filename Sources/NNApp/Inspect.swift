import NNCore
import NNRender

/// Inspect mode: a cursor on one traced number of the current step, and where it came from:
/// its equation with its inputs substituted, and the inputs themselves, each a key press away.
/// The chain rule, walked value by value.
public struct InspectState: Sendable, Equatable {
    /// The number inspected: an entry of the current step and its component.
    public internal(set) var entryID: Int
    public internal(set) var index: Int
    /// Where the learner came from, for `b`.
    var trail: [Stop] = []

    struct Stop: Sendable, Equatable {
        var cursor: Int
        var entryID: Int
        var index: Int
    }
}

enum Inspect {
    /// `i`: inspect the value the cursor is on.
    static func begin(_ model: inout TutorModel) {
        guard let event = model.snapshot?.event else {
            model.notice = "nothing computed yet to inspect"
            return
        }
        model.inspect = InspectState(entryID: event.entry.id, index: 0)
        model.autoplay = false
    }

    /// The published numbers of the current step, in publication order.
    static func components(_ snapshot: TraceSnapshot) -> [TraceComponent] {
        snapshot.schema.entries.filter { snapshot.values.has($0) }.flatMap { entry in
            (0..<entry.count).map { TraceComponent(entry: entry, index: $0) }
        }
    }

    /// The provenance of the inspected number.
    static func provenance(_ model: TutorModel) -> Provenance? {
        guard let state = model.inspect, let snapshot = model.snapshot else { return nil }
        let schema = snapshot.schema
        guard schema.entries.indices.contains(state.entryID) else { return nil }
        let component = TraceComponent(entry: schema.entries[state.entryID], index: state.index)
        let position = snapshot.event.sample.map { StepPosition(step: snapshot.event.step, sample: $0) }
        return ProvenanceBuilder.explain(component, in: snapshot.values, setup: model.session.setup, at: position)
    }

    /// Keys in inspect mode; returns false for keys it leaves to the walkthrough (q).
    static func key(_ model: inout TutorModel, _ key: InputKey) -> Bool {
        guard var state = model.inspect, let snapshot = model.snapshot else {
            model.inspect = nil
            return false
        }
        switch key {
        case .character("i"), .escape:
            model.inspect = nil
        case .left, .right, .character("h"), .character("l"), .up, .down:
            let all = components(snapshot)
            let here = all.firstIndex { $0.entry.id == state.entryID && $0.index == state.index } ?? 0
            let forward = key == .right || key == .character("l") || key == .down
            let next = all.isEmpty ? here : (here + (forward ? 1 : all.count - 1)) % all.count
            if all.indices.contains(next) {
                state.entryID = all[next].entry.id
                state.index = all[next].index
            }
            model.inspect = state
        case .character(let c) where c.isASCII && c.isNumber:
            guard let provenance = provenance(model), let n = c.wholeNumberValue, n >= 1, n <= provenance.inputs.count else {
                model.notice = "type the number of an input listed under \"from\""
                return true
            }
            follow(&model, provenance.inputs[n - 1], from: state)
        case .character("b"), .backspace:
            guard let back = state.trail.popLast() else {
                model.notice = "this is where you started inspecting"
                return true
            }
            model.cursor = back.cursor
            state.entryID = back.entryID
            state.index = back.index
            model.inspect = state
        case .character("q"):
            return false
        default:
            model.notice = "inspecting: ←→ another value, 1–9 an input, b back, Esc leaves"
        }
        return true
    }

    /// Goes to an input: in this step, or at the update that set a parameter in force.
    static func follow(_ model: inout TutorModel, _ input: Provenance.Input, from state: InspectState) {
        var next = state
        next.trail.append(InspectState.Stop(cursor: model.cursor, entryID: state.entryID, index: state.index))
        let entry = input.component.entry
        switch input.source {
        case .thisStep, .thisBatch:
            next.entryID = entry.id
            next.index = input.component.index
        case .previousUpdate:
            // The update record of the step that set it: that step's events hold it.
            let recorder = model.session.recorder
            guard let snapshot = model.snapshot, let update = snapshot.schema.entry(entry.quantity, layer: entry.layer, phase: .update) else { return }
            var position = recorder.stepPosition(ofEvent: model.cursor)
            // Back to the step whose update is the one in force (the last step that published an update).
            while position > 0 {
                position -= 1
                let range = recorder.eventRange(ofStep: position)
                if let event = range.first(where: { recorder.event(at: $0).entry == update }) {
                    model.cursor = event
                    next.entryID = update.id
                    next.index = input.component.index
                    model.inspect = next
                    return
                }
            }
            model.notice = "that update is no longer recorded"
            return
        case .initialDraw:
            model.notice = "\(input.symbol) comes from the seeded draw (or --init): nothing comes before it"
            return
        }
        model.inspect = next
    }

    /// The lines the inspect box shows.
    static func lines(_ model: TutorModel) -> [String] {
        guard let provenance = provenance(model) else { return ["This value is not computed yet at the cursor."] }
        var lines = ["\(provenance.symbol) = \(Provenance.fullPrecision(provenance.value))",
                     "  = \(provenance.formula)"]
        if provenance.substituted != provenance.formula { lines.append("  = \(provenance.substituted)") }
        if !provenance.inputs.isEmpty {
            for (k, input) in provenance.inputs.enumerated() {
                let source: String
                switch input.source {
                case .thisStep: source = "this step"
                case .thisBatch: source = "this sample's term of the batch"
                case .previousUpdate: source = "set by an earlier update"
                case .initialDraw: source = "the seeded draw"
                }
                lines.append("\(k < 9 ? String(k + 1) : " ") \(input.symbol) = \(Provenance.fullPrecision(input.value))  (\(source))")
            }
        }
        if let note = provenance.note { lines.append(note) }
        return lines
    }
}
