import NNCore

/// Numbers as JSON text: the shortest decimal that reads back to the same double.
///
/// JSON has no NaN or infinities, so those become the strings "NaN", "Infinity", "-Infinity".
enum JSONNumber {
    @inline(__always)
    static func append(_ v: Double, to out: inout [UInt8]) {
        if v.isFinite {
            // Swift's description is the shortest round-trip form ("0.1", "1e-05", "-1.1118801180469204").
            out.append(contentsOf: v.description.utf8)
        } else if v.isNaN {
            out.append(contentsOf: #""NaN""#.utf8)
        } else {
            out.append(contentsOf: (v < 0 ? #""-Infinity""# : #""Infinity""#).utf8)
        }
    }

    @inline(__always)
    static func append(_ value: TraceValue, to out: inout [UInt8]) {
        switch value {
        case .scalar(let v):
            append(v, to: &out)
        case .vector(let v):
            out.append(UInt8(ascii: "["))
            for (i, c) in v.enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                append(c, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    @inline(__always)
    static func append(_ n: Int, to out: inout [UInt8]) {
        out.append(contentsOf: n.description.utf8)
    }
}
