import NNFormat
import NNCore

/// Numbers as JSON text, written in place: the shortest decimal that reads back to the same double.
///
/// JSON has no NaN or infinities, so those are written as `null`; a record names what they were
/// in a sibling of the same shape (`kinds`): "NaN", "Infinity" or "-Infinity", null where finite.
enum JSONNumber {
    /// The most bytes one number takes.
    static let maxLength = 32

    @inline(__always)
    static func literal(_ text: StaticString, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        p.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return p + text.utf8CodeUnitCount
    }

    @inline(__always)
    static func bytes(_ bytes: [UInt8], at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return p }
            p.update(from: base, count: buffer.count)
            return p + buffer.count
        }
    }

    @inline(__always)
    static func write(_ n: Int, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        p + ShortestDouble.write(n, to: p)
    }

    /// A number, or null when it is not finite.
    @inline(__always)
    static func write(_ v: Double, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if v.isFinite { return p + ShortestDouble.write(v, to: p) }
        return literal("null", at: p)
    }

    /// What a number is when it is not one: "NaN", "Infinity", "-Infinity"; null when it is finite.
    @inline(__always)
    static func writeKind(_ v: Double, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if v.isFinite { return literal("null", at: p) }
        if v.isNaN { return literal(#""NaN""#, at: p) }
        return v < 0 ? literal(#""-Infinity""#, at: p) : literal(#""Infinity""#, at: p)
    }

    @inline(__always)
    static func allFinite(_ values: UnsafeBufferPointer<Double>) -> Bool {
        for v in values where !v.isFinite { return false }
        return true
    }

    /// A value in its shape: a number, "[a, b]", or a matrix as an array of rows "[[a, b], [c, d]]";
    /// with `kinds`, the same shape naming each non-finite number instead.
    static func write(_ values: UnsafeBufferPointer<Double>, shape: TraceShape, kinds: Bool = false,
                      at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        @inline(__always) func element(_ v: Double, _ p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
            kinds ? writeKind(v, at: p) : write(v, at: p)
        }
        var p = start
        switch shape {
        case .scalar:
            return element(values[0], p)
        case .vector:
            p[0] = UInt8(ascii: "[")
            p += 1
            for i in 0..<values.count {
                if i > 0 { p = literal(", ", at: p) }
                p = element(values[i], p)
            }
            p[0] = UInt8(ascii: "]")
            return p + 1
        case .matrix(_, let columns):
            p[0] = UInt8(ascii: "[")
            p += 1
            for i in 0..<values.count {
                if i > 0 { p = literal(", ", at: p) }
                if i % columns == 0 { p[0] = UInt8(ascii: "["); p += 1 }
                p = element(values[i], p)
                if i % columns == columns - 1 { p[0] = UInt8(ascii: "]"); p += 1 }
            }
            p[0] = UInt8(ascii: "]")
            return p + 1
        }
    }
}
