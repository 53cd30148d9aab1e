import NNCore

/// Fills a stop's `{{…}}` references with the live values of a trace snapshot.
public enum NarrativeRenderer {
    /// Shown for a value that is not computed yet at the snapshot.
    public static let missing = "—"

    /// Replaces every `{{…}}` with its value at `snapshot`. A reference that cannot be read (or names no value
    /// of the snapshot's network) is left as written, for `LessonChecker` reports it; one with no value yet, or
    /// with no snapshot, shows `missing`.
    public static func render(_ text: String, snapshot: TraceSnapshot?) -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let inside = String(rest[open.upperBound..<close.lowerBound])
            switch ValueReference.parse(inside) {
            case .success(let ref):
                if let snapshot, case .failure = ref.resolve(in: snapshot.schema) {
                    out += rest[open.lowerBound..<close.upperBound]
                } else {
                    out += snapshot.flatMap { ref.formatted(in: $0) } ?? missing
                }
            case .failure:
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }
}
