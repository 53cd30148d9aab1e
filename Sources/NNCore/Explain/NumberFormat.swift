/// How numbers are shown to a learner: four decimals, integers as integers, a true minus sign.
///
/// The trace itself (JSONL, CSV) keeps full precision; this is only for reading.
public enum NumberFormat {
    /// "−1.1119", "0", "1", "0.006648", "4.908e−04", "Infinity", "NaN": four decimals, or four
    /// significant digits below 0.01 so a small gradient never shows as "0.0066", "0.0005" or "0". A number within a
    /// hair of a whole one keeps the digits that show how far it is ("0.99999774", not "1.0000"), so
    /// a worked line such as (1 − ŷ)² still adds up at the precision shown.
    public static func short(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "−Infinity" : "Infinity" }
        if v == 0 { return "0" }  // also −0: a learner should not meet "−0"
        let magnitude = abs(v)
        let text: String
        if v == v.rounded(), magnitude < 1e6 {
            text = String(Int(magnitude))
        } else if magnitude >= 1e6 || magnitude < 1e-3 {
            text = scientific(magnitude)
        } else {
            // Below 0.01, six places: four significant digits here too, not two, so that a worked
            // line such as (−149.4132)(0.006648) = −0.9933 checks out by hand at the precision shown.
            let places = magnitude < 1e-2 ? 6 : decimals(magnitude)
            var digits = fixed(magnitude, decimals: places)
            // Places past four are there to show digits, not to pad: 0.99996 reads "0.99996", not
            // "0.9999600", and 0.0054 reads "0.0054", not "0.005400".
            if places > 4 {
                var trimmable = 2
                while trimmable > 0, digits.last == "0" { digits.removeLast(); trimmable -= 1 }
            }
            text = digits
        }
        return v < 0 ? "−" + text : text
    }

    /// Four decimals, or more when those would round to a whole number: two past the first digit
    /// that differs from it (0.99999774 → 8), at most 12.
    static func decimals(_ magnitude: Double) -> Int {
        let distance = abs(magnitude - magnitude.rounded())
        guard distance < 0.00005, distance > 0 else { return 4 }
        var d = 0
        var scale = 1.0
        while distance * scale < 1 && d < 12 {
            scale *= 10
            d += 1
        }
        return min(12, d + 2)
    }

    /// A vector's components, the small ones in one format: if any needs scientific notation, the
    /// others below 0.01 use it too ("(5.306e−04, 1.8e−03)", not "(5.306e−04, 0.0018)", which would
    /// show fewer digits of the larger one), while those from 0.01 up keep four decimals
    /// ("(−1.1119, 1.605e−04)": a weight reads as it did before a small one joined it). A component
    /// that is rounding noise beside the others (below 10⁻¹² of the largest) reads "≈0"; its exact
    /// value is in the trace.
    public static func components<C: Collection>(_ v: C) -> [String] where C.Element == Double {
        let largest = v.reduce(0.0) { $1.isFinite ? max($0, abs($1)) : $0 }
        let noise = { (x: Double) in x != 0 && x.isFinite && abs(x) < 1e-12 * largest }
        let scientificNeeded = v.contains { x in
            !noise(x) && x.isFinite && x != 0 && x != x.rounded() && (abs(x) < 1e-3 || abs(x) >= 1e6)
        }
        return v.map { x in
            if noise(x) { return "≈0" }
            if scientificNeeded, x.isFinite, x != 0, (x != x.rounded() && abs(x) < 0.01) || abs(x) >= 1e6 {
                return (x < 0 ? "−" : "") + scientific(abs(x))
            }
            return short(x)
        }
    }

    /// A fraction as a percentage to a tenth: 0.875 → "87.5%", 1 → "100%".
    public static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return short(fraction) }
        let tenths = (fraction * 1000).rounded()
        let whole = Int(tenths) / 10, rest = Int(tenths) % 10
        return rest == 0 ? "\(whole)%" : "\(whole).\(rest)%"
    }

    /// A setting the learner typed (η = 0.5, 0.001, 1e+06, 1.5e−07): the shortest digits that read
    /// back to it, never rounded; from 10⁶ up, and below 10⁻⁴ (as Swift and Python do), in
    /// scientific form with a signed two-digit exponent, so 10⁶ reads "1e+06", not "1000000.0".
    public static func parameter(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e6 { return short(v) }
        guard v.isFinite else { return short(v) }
        var text = abs(v).description
        if abs(v) >= 1e6, !text.contains("e") {
            // "1234567.5" → digits "12345675" and exponent 6 (the places before the point, less one).
            let whole = text.prefix { $0 != "." }
            var digits = text.filter { $0 != "." }
            while digits.count > 1, digits.last == "0" { digits.removeLast() }
            let exponent = whole.count - 1
            let mantissa = digits.count > 1 ? digits.prefix(1) + "." + digits.dropFirst() : digits
            text = mantissa + "e+" + (exponent < 10 ? "0" : "") + String(exponent)
        }
        return (v < 0 ? "−" : "") + text.replacing("-", with: "−")
    }

    /// "(a, b)" for two numbers.
    public static func pair(_ v: SIMD2<Double>) -> String { vector([v.x, v.y]) }

    /// "(a, b, c)" for a vector.
    public static func vector<C: Collection>(_ v: C) -> String where C.Element == Double {
        "(" + components(v).joined(separator: ", ") + ")"
    }

    /// "[(a, b), (c, d)]" for a matrix stored row-major with `columns` numbers a row.
    public static func rows<C: Collection>(_ v: C, columns: Int) -> String where C.Element == Double, C.Index == Int {
        // One format for the whole matrix, so its rows line up in meaning.
        let shown = components(v)
        let width = max(1, columns)
        return "[" + stride(from: 0, to: shown.count, by: width).map { i in
            "(" + shown[i..<min(shown.count, i + width)].joined(separator: ", ") + ")"
        }.joined(separator: ", ") + "]"
    }

    /// A value in the shape the schema gives it: a number, a vector or a matrix; beyond
    /// `limit` numbers, a summary "16×16 from −2.1 to 1.9" rather than a wall of digits.
    public static func value<C: Collection>(_ v: C, shape: TraceShape, limit: Int = 8) -> String where C.Element == Double, C.Index == Int {
        switch shape {
        case .scalar: return v.first.map(short) ?? "?"
        case .vector(let n):
            return n <= limit ? vector(v) : "\(n) values " + range(v)
        case .matrix(let rows, let columns):
            return rows * columns <= limit ? self.rows(v, columns: columns) : "\(rows)×\(columns) " + range(v)
        }
    }

    /// "from −2.1 to 1.9": the smallest and largest of many numbers.
    public static func range<C: Collection>(_ v: C) -> String where C.Element == Double {
        let finite = v.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return "(not finite)" }
        let span = low == high ? "all \(short(low))" : "from \(short(low)) to \(short(high))"
        return span + (finite.count < v.count ? ", some not finite" : "")
    }

    /// A factor in a product: parenthesised, "(−1.1119)".
    public static func factor(_ v: Double) -> String { "(" + short(v) + ")" }

    /// `magnitude` (≥ 0, finite) rounded half-away to `decimals` places, without Foundation.
    static func fixed(_ magnitude: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (magnitude * scale).rounded()
        guard scaled < 9e15 else { return scientific(magnitude) }
        let whole = Int(scaled) / Int(scale)
        let fraction = String(Int(scaled) % Int(scale))
        let zeros = decimals - fraction.count
        return String(whole) + (zeros > 0 ? "." + String(repeating: "0", count: zeros) : ".") + fraction
    }

    /// `short`, or when that is wider than `width` columns, fewer digits: a small or large number
    /// as "−4.9e−6" (one decimal, the exponent unpadded), a fixed one rounded to fewer places. For
    /// a diagram's fixed-width cells, where the full value is one keystroke away (inspect).
    public static func fitting(_ v: Double, width: Int) -> String {
        let full = short(v)
        guard full.count > width, v.isFinite else { return full }
        let sign = v < 0 ? "−" : ""
        let magnitude = abs(v)
        if magnitude >= 1e6 || magnitude < 1e-3 {
            var exponent = 0
            var mantissa = magnitude
            while mantissa >= 10 { mantissa /= 10; exponent += 1 }
            while mantissa < 1 { mantissa *= 10; exponent -= 1 }
            var digits = fixed(mantissa, decimals: 1)
            if digits.hasPrefix("10.") { digits = "1.0"; exponent += 1 }  // 9.96 rounds to the next decade
            return sign + digits + "e" + (exponent < 0 ? "−" : "") + String(abs(exponent))
        }
        let places = max(0, width - sign.count - String(Int(magnitude)).count - 1)
        return sign + (places == 0 ? String(Int(magnitude.rounded())) : fixed(magnitude, decimals: places))
    }

    /// "3.2e−07" style: four significant digits, exponent with a true minus.
    static func scientific(_ magnitude: Double) -> String {
        var exponent = 0
        var mantissa = magnitude
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        var digits = fixed(mantissa, decimals: 3)
        if digits.hasPrefix("10.") {  // 9.9996 rounds up to the next decade
            digits = "1.000"
            exponent += 1
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.hasSuffix(".") { digits.removeLast() }
        let sign = exponent < 0 ? "−" : "+"
        let e = abs(exponent) < 10 ? "0\(abs(exponent))" : "\(abs(exponent))"
        return "\(digits)e\(sign)\(e)"
    }
}
