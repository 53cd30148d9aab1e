import Foundation
import XCTest

/// Parses Python's `float.hex` ("-0x1.73e1905b3b731p-3") independently of Swift's own parser,
/// so a fixture and the code under test never share a float parser.
func pythonHexDouble(_ text: String) throws -> Double {
    var s = Substring(text)
    var sign = 1.0
    if s.hasPrefix("-") { sign = -1; s = s.dropFirst() }
    XCTAssertTrue(s.hasPrefix("0x"), text)
    s = s.dropFirst(2)
    let parts = s.split(separator: "p")
    XCTAssertEqual(parts.count, 2, text)
    let mantissaParts = parts[0].split(separator: ".", omittingEmptySubsequences: false)
    let lead = try XCTUnwrap(UInt64(mantissaParts[0], radix: 16), text)
    let fractionHex = mantissaParts.count > 1 ? String(mantissaParts[1]) : ""
    let fraction = fractionHex.isEmpty ? 0 : try XCTUnwrap(UInt64(fractionHex, radix: 16), text)
    let exponent = try XCTUnwrap(Int(parts[1]), text)
    // mantissa = lead + fraction / 16^digits, exactly representable as 53-bit integer / power of two.
    let bits = UInt64(fractionHex.count * 4)
    let integer = (lead << bits) | fraction
    return sign * Double(integer) * pow(2.0, Double(exponent) - Double(bits))
}
