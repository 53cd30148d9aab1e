import NNFormat
import NNCore

/// Numbers as JSON text, written in place: the shortest decimal that reads back to the same double.
///
/// JSON has no NaN or infinities, so those become the strings "NaN", "Infinity", "-Infinity".
enum JSONNumber {
    /// The most bytes one number takes.
    static let maxLength = 32

    @inline(__always)
    static func literal(_ text: StaticString, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        p.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return p + text.utf8CodeUnitCount
    }

    @inline(__always)
    static func write(_ n: Int, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        p + ShortestDouble.write(n, to: p)
    }

    @inline(__always)
    static func write(_ v: Double, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if v.isFinite { return p + ShortestDouble.write(v, to: p) }
        if v.isNaN { return literal(#""NaN""#, at: p) }
        return v < 0 ? literal(#""-Infinity""#, at: p) : literal(#""Infinity""#, at: p)
    }

    /// A value in its shape: a number, "[a, b]", or a matrix as an array of rows "[[a, b], [c, d]]".
    static func write(_ values: UnsafeBufferPointer<Double>, shape: TraceShape, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var p = start
        switch shape {
        case .scalar:
            return write(values[0], at: p)
        case .vector:
            p[0] = UInt8(ascii: "[")
            p += 1
            for i in 0..<values.count {
                if i > 0 { p = literal(", ", at: p) }
                p = write(values[i], at: p)
            }
            p[0] = UInt8(ascii: "]")
            return p + 1
        case .matrix(_, let columns):
            p[0] = UInt8(ascii: "[")
            p += 1
            for i in 0..<values.count {
                if i > 0 { p = literal(", ", at: p) }
                if i % columns == 0 { p[0] = UInt8(ascii: "["); p += 1 }
                p = write(values[i], at: p)
                if i % columns == columns - 1 { p[0] = UInt8(ascii: "]"); p += 1 }
            }
            p[0] = UInt8(ascii: "]")
            return p + 1
        }
    }
}
