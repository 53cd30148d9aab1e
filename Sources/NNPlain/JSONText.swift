import NNCore

/// JSON text for setup records and labels: strings escaped as JSON requires, numbers as the
/// trace writes them (`JSONNumber`), so a setup's η reads exactly as its records' numbers do.
enum JSONText {
    /// A value as compact JSON with a space after each ", " and ": ", like every trace record.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let n): return String(n)
        case .number(let v): return number(v)
        case .text(let s): return string(s)
        case .list(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { string($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// A number as the trace writes it; JSON has no NaN or infinities, so those are null.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONNumber.maxLength) { buffer in
            guard let base = buffer.baseAddress else { return "null" }
            let end = JSONNumber.write(v, at: base)
            return String(decoding: UnsafeBufferPointer(start: base, count: end - base), as: UTF8.self)
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped; everything else as is (UTF-8).
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
