import NNCore

/// Numbers as JSON text: the shortest decimal that reads back to the same double.
///
/// JSON has no NaN or infinities, so those become the strings "NaN", "Infinity", "-Infinity".
/// The common cases (integers, and integral doubles such as the inputs 0.0 and 1.0) are
/// written digit by digit without building a String, since JSONL output is a hot path.
enum JSONNumber {
    @inline(__always)
    static func append(_ v: Double, to out: inout [UInt8]) {
        if v.isFinite {
            if v == v.rounded(.towardZero), abs(v) < 1e15 {
                // Same text as Swift's description ("1.0", "-0.0", "42.0"), without the String.
                if v.sign == .minus { out.append(UInt8(ascii: "-")) }
                append(Int(abs(v)), to: &out)
                out.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "0")])
            } else {
                // Swift's description is the shortest round-trip form ("0.1", "1e-05", "-1.1118801180469204").
                out.append(contentsOf: v.description.utf8)
            }
        } else if v.isNaN {
            out.append(contentsOf: #""NaN""#.utf8)
        } else {
            out.append(contentsOf: (v < 0 ? #""-Infinity""# : #""Infinity""#).utf8)
        }
    }

    @inline(__always)
    static func append(_ value: TraceValue, to out: inout [UInt8]) {
        if let pair = value.pair {
            // The common case (x, W, ∂L/∂W): "[a, b]" straight away.
            out.append(UInt8(ascii: "["))
            append(pair.x, to: &out)
            out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")])
            append(pair.y, to: &out)
            out.append(UInt8(ascii: "]"))
            return
        }
        guard value.isVector else {
            append(value.first, to: &out)
            return
        }
        // A matrix (W1) is an array of rows: [[w11, w12], [w21, w22], ...].
        let columns = value.columns ?? value.count
        let nested = value.columns != nil
        if nested { out.append(UInt8(ascii: "[")) }
        for i in 0..<value.count {
            if i > 0 { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
            if i % max(1, columns) == 0 { out.append(UInt8(ascii: "[")) }
            append(value[i], to: &out)
            if i % max(1, columns) == columns - 1 || i == value.count - 1 { out.append(UInt8(ascii: "]")) }
        }
        if nested { out.append(UInt8(ascii: "]")) }
        if value.count == 0 { out.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")]) }
    }

    /// Decimal digits of an integer.
    @inline(__always)
    static func append(_ n: Int, to out: inout [UInt8]) {
        if n < 0 {
            out.append(UInt8(ascii: "-"))
            append(UInt(n.magnitude), to: &out)
        } else {
            append(UInt(n), to: &out)
        }
    }

    @inline(__always)
    static func append(_ n: UInt, to out: inout [UInt8]) {
        if n < 10 {
            out.append(UInt8(ascii: "0") &+ UInt8(n))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = n
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(ascii: "0") &+ UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }
}
