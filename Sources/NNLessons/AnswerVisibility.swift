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
        if questionTextShowsAnswer(stop, schema: asked.schema) { return true }
        guard let entry = revealingEntry(of: stop, schema: asked.schema), asked.event.step == stopEvent.event.step else { return false }
        return asked.values.has(entry)
    }

    /// True when the question's own text gives a live answer away: its prompt, or its hint (shown
    /// on request, before answering), shows the number that reveals it, such as
    /// `ask: ŷ = {{y_hat}}. What is ŷ?` or, for a direction question on `−{{dL_dW[1]}}`, a prompt
    /// showing `{{update.W[1]}}`. Showing the gradient itself is fine: it is what the learner
    /// reasons from. A fixed answer has no value to compare, so its text is never judged here.
    public static func questionTextShowsAnswer(_ stop: LessonStop, schema: TraceSchema) -> Bool {
        guard let question = stop.question, case .live(let answer, _) = question.answer,
              case .success(let resolved) = answer.resolve(in: schema), case .value(_, let range, _) = resolved.kind,
              let revealing = revealingEntry(of: stop, schema: schema) else { return false }
        for text in [question.prompt, question.hint ?? ""] {
            for reference in references(in: text) {
                guard case .success(let shown) = reference.resolve(in: schema), case .value(let entry, let shownRange, _) = shown.kind,
                      entry.id == revealing.id else { continue }
                // The same numbers of the entry (a gradient and its parameter share one layout).
                if shownRange.overlaps(range) { return true }
            }
        }
        return false
    }

    /// The `{{…}}` references in a piece of question text that parse.
    static func references(in text: String) -> [ValueReference] {
        var found: [ValueReference] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            if case .success(let reference) = ValueReference.parse(String(rest[open.upperBound..<close.lowerBound])) {
                found.append(reference)
            }
            rest = rest[close.upperBound...]
        }
        return found
    }
}
