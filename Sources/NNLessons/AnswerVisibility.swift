import NNCore

/// Whether a question's answer can already be read on screen when the question is asked: the
/// rule behind "predict, then reveal", used by the walkthrough and by `lesson check`.
///
/// A question is asked at the event just before its stop. Its answer is revealed by one entry: a
/// live answer's own value; for a direction question on a gradient (`−{{dL_dW[1]}}`), the update
/// of that parameter, since the gradient is what the learner reasons from; for a fixed answer,
/// the stop's own value. The answer shows too early when that entry is already published.
public enum AnswerVisibility {
    /// The entry whose publication reveals the answer, or nil when there is no telling (a fixed
    /// answer at a condition stop).
    public static func revealingEntry(of stop: LessonStop, schema: TraceSchema) -> TraceEntry? {
        guard let question = stop.question else { return nil }
        if case .live(let reference, _) = question.answer, case .success(let resolved) = reference.resolve(in: schema),
           let entry = resolved.entry {
            if question.kind == .direction {
                switch entry.quantity {
                case .dLossDWeights, .meanDWeights:
                    return schema.entry(.weights, layer: entry.layer, phase: .update) ?? entry
                case .dLossDBias, .meanDBias:
                    return schema.entry(.bias, layer: entry.layer, phase: .update) ?? entry
                default: break
                }
            }
            return entry
        }
        if case .point(let point) = stop.trigger { return point.entry }
        return nil
    }

    /// True when the answer is on screen at `asked` (the moment the question is asked), for a stop
    /// whose own event is `stop` (the values shown are those of the cursor's step only).
    public static func isVisible(_ stop: LessonStop, asked: TraceSnapshot, stopEvent: TraceSnapshot) -> Bool {
        guard let entry = revealingEntry(of: stop, schema: asked.schema), asked.event.step == stopEvent.event.step else { return false }
        return asked.values.has(entry)
    }
}
