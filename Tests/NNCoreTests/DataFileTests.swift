import Foundation
import XCTest
@testable import NNCore

/// `--data FILE`: what the CSV reader accepts, and the exact line it prints for everything else.
/// File-system cases (FIFO, directory, device, missing, size) are in DataFileTests+Load.swift.
final class DataFileTests: XCTestCase {
    // MARK: Helpers

    func parse(_ text: String, path: String = "data.csv") -> Result<[Sample], DataFileError> {
        DataFile.parse(Array(text.utf8), path: path)
    }

    func samples(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [Sample] {
        switch parse(text) {
        case .success(let samples): return samples
        case .failure(let error):
            XCTFail("expected samples, got \(error)", file: file, line: line)
            return []
        }
    }

    func assertError(_ bytes: [UInt8], _ expected: String, path: String = "data.csv",
                     file: StaticString = #filePath, line: UInt = #line) {
        switch DataFile.parse(bytes, path: path) {
        case .success(let samples): XCTFail("expected \(expected), got \(samples.count) samples", file: file, line: line)
        case .failure(let error): XCTAssertEqual(error.description, expected, file: file, line: line)
        }
    }

    func assertError(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        assertError(Array(text.utf8), expected, file: file, line: line)
    }

    func fixture(_ name: String) throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/data"))
    }

    func s(_ x1: Double, _ x2: Double, _ y: Double) -> Sample { Sample(x: SIMD2(x1, x2), y: y) }

    static let xRule = "x1 and x2 must be finite numbers, like 0.5, -2 or 1e-05"

    // MARK: Accepted shapes

    /// Real pandas output (`to_csv(index=False)`), checked bit for bit against float.hex().
    func testPandasFloatsAreReadExactly() throws {
        let url = try fixture("pandas-floats.csv")
        let expected = try String(contentsOf: fixture("pandas-floats.hex"), encoding: .utf8)
            .split(separator: "\n").map { line in
                let v = line.split(separator: " ").map { Double(String($0))! }
                return s(v[0], v[1], v[2])
            }
        XCTAssertEqual(expected.count, 14)
        let got = try DataFile.load(path: url.path).get()
        XCTAssertEqual(got, expected)
        XCTAssertEqual(got[9].x.x.sign, .minus, "-0.0 keeps its sign in x")
        XCTAssertEqual(got[12].x.x, -2.5e-300)
    }

    func testPandasBooleanLabelsAndAnotherColumnOrder() throws {
        let got = try DataFile.load(path: fixture("pandas-bool-y.csv").path).get()
        XCTAssertEqual(got, [s(1, 0.5, 1), s(0, -1, 0), s(1, 2, 1)])
    }

    /// BOM, CRLF, every field quoted, upper-case names, spaces, a blank line, no final newline.
    func testSpreadsheetStyleFile() throws {
        let got = try DataFile.load(path: fixture("spreadsheet.csv").path).get()
        XCTAssertEqual(got, [s(0.5, -1.25, 1), s(0, 1, 0), s(2.5, -3, 1), s(-0.125, 1000, 0)])
    }

    func testLineEndsAndFinalNewlineDoNotMatter() {
        let expected = [s(0, 1, 1), s(1, 0, 1)]
        for text in ["x1,x2,y\n0,1,1\n1,0,1\n", "x1,x2,y\n0,1,1\n1,0,1", "x1,x2,y\r\n0,1,1\r\n1,0,1\r\n",
                     "x1,x2,y\r\n0,1,1\r\n1,0,1", "x1,x2,y\r0,1,1\r1,0,1\r", "x1,x2,y\n0,1,1\r\n1,0,1\r",
                     "\u{FEFF}x1,x2,y\n0,1,1\n1,0,1\n\n\n"] {
            XCTAssertEqual(samples(text), expected, text.debugDescription)
        }
    }

    func testBlankLinesAnywhereAreSkipped() {
        XCTAssertEqual(samples("\n  \nx1,x2,y\n\n0,1,1\n \t \n\r\n1,0,0\n\n"), [s(0, 1, 1), s(1, 0, 0)])
    }

    func testSamplesKeepFileOrder() {
        let rows = (0..<50).map { "\($0),\(-$0),\($0 % 2)" }
        let got = samples("x1,x2,y\n" + rows.joined(separator: "\n"))
        XCTAssertEqual(got.map(\.x.x), (0..<50).map(Double.init))
        XCTAssertEqual(got.map(\.y), (0..<50).map { Double($0 % 2) })
    }

    func testColumnsInAnyOrderAndAnyCase() {
        XCTAssertEqual(samples("y,x2,x1\n1,2,3\n"), [s(3, 2, 1)])
        XCTAssertEqual(samples("x2,y,x1\n-1,0,0.5\n"), [s(0.5, -1, 0)])
        XCTAssertEqual(samples("X1,X2,Y\n1,2,1\n"), [s(1, 2, 1)])
        XCTAssertEqual(samples(" x1 ,\tx2, \"y\" \n1,2,1\n"), [s(1, 2, 1)])
    }

    func testNumberShapes() {
        let got = samples("""
            x1,x2,y
            0.5,-1.25,1
            1e-05,3.0,0
            -0.0,+2,1
            .5,5.,0
            1E3,-2.5e+2,1
             7 , 8\t,0
            "0.25"," -4 ",1
            """)
        XCTAssertEqual(got, [s(0.5, -1.25, 1), s(1e-05, 3, 0), s(-0.0, 2, 1), s(0.5, 5, 0),
                             s(1000, -250, 1), s(7, 8, 0), s(0.25, -4, 1)])
    }

    func testLabelShapesBecomePlainZeroOrOne() {
        let got = samples("x1,x2,y\n0,0,0.0\n0,0,1.0\n0,0,1e0\n0,0,-0\n0,0,True\n0,0,false\n0,0,TRUE\n0,0,\"1\"\n")
        XCTAssertEqual(got.map(\.y), [0, 1, 1, 0, 1, 0, 1, 1])
        XCTAssertTrue(got.allSatisfy { $0.y.sign == .plus }, "-0 becomes 0")
        XCTAssertEqual(samples("x1,x2,y\nTrue,False,1\n"), [s(1, 0, 1)], "booleans count as 1 and 0 in x too")
    }

    func testQuotedFieldsWithEscapesCommasAndLineBreaks() {
        // A quoted field may hold a comma: it stays one field (so this is a value error, not a count).
        assertError("x1,x2,y\n\"0,5\",1,0\n",
                    "data.csv:2: x1 is '0,5', not a number (decimals take a point: 0.5); \(Self.xRule)")
        assertError("x1,x2,y\n\"say \"\"hi\"\"\",1,0\n",
                    "data.csv:2: x1 is 'say \"hi\"', not a number; \(Self.xRule)")
        // A line break typed into a cell is ignored around a number, and its lines still count.
        let text = "x1,x2,y\n\"0.5\n\",1,0\n0,\"1\n\n\",1\n0,abc,1\n"
        assertError(text, "data.csv:7: x2 is 'abc', not a number; \(Self.xRule)")
        XCTAssertEqual(samples("x1,x2,y\n\"0.5\n\",1,0\n0,\"1\r\n\",1\n"), [s(0.5, 1, 0), s(0, 1, 1)])
    }

    func testTenThousandRowsAreAcceptedAndFast() {
        let row = "-0.12345678901234568,0.9876543210987654,1\n"
        let bytes = Array(("x1,x2,y\n" + String(repeating: row, count: DataFile.maxRows)).utf8)
        let start = ContinuousClock.now
        let got = DataFile.parse(bytes, path: "big.csv")
        let elapsed = ContinuousClock.now - start
        XCTAssertEqual(try got.get().count, 10_000)
        XCTAssertEqual(try got.get().last, s(-0.12345678901234568, 0.9876543210987654, 1))
        // Milliseconds in release; a debug build is slower, so the bound here only catches blow-ups.
        XCTAssertLessThan(elapsed, .seconds(2), "parsing 10 000 rows took \(elapsed)")
    }

    // MARK: Refused files: the whole message

    func testEmptyAndBlankFiles() {
        let needs = "it needs a header line naming x1, x2 and y, then one row per sample"
        assertError([], "data.csv:1: the file is empty: \(needs)")
        assertError("\n\r\n  \n", "data.csv:1: the file has only blank lines: \(needs)")
        assertError([0xEF, 0xBB, 0xBF], "data.csv:1: the file has only blank lines: \(needs)")
        assertError("x1,x2,y\n", "data.csv:1: no samples: the header is the only line; add one row per sample, with x1, x2 and y")
        assertError("\n\nx1,x2,y\n\n", "data.csv:3: no samples: the header is the only line; add one row per sample, with x1, x2 and y")
    }

    func testMissingColumns() {
        let must = "the header must name x1, x2 and y (in any order)"
        assertError("x1,x2,label\n0,1,1\n", "data.csv:1: no column 'y': \(must); it names x1, x2, label")
        assertError("x1\n0\n", "data.csv:1: no columns 'x2' and 'y': \(must); it names x1")
        assertError("a,b,c\n0,1,1\n", "data.csv:1: no columns 'x1', 'x2' and 'y': \(must); it names a, b, c")
        assertError(",x1,x2\n0,1,1\n", "data.csv:1: no column 'y': \(must); it names '', x1, x2")
        assertError("x 1,x2,y\n", "data.csv:1: no column 'x1': \(must); it names x 1, x2, y")
        assertError("a,b,c,d,e,f,g,h,i,j\n", "data.csv:1: no columns 'x1', 'x2' and 'y': \(must); it names a, b, c, d, e, f, g, h, …")
    }

    func testExtraDuplicateAndUnnamedColumns() throws {
        let only = "the file may have only x1, x2 and y"
        assertError("x1,x2,y,label\n0,1,1,a\n", "data.csv:1: extra column 'label': \(only)")
        assertError("id,x1,x2,y,label\n", "data.csv:1: extra columns 'id' and 'label': \(only)")
        assertError("x1,x2,y,a,b,c,d,e,f\n", "data.csv:1: extra columns 'a', 'b', 'c', 'd', 'e' and 'f': \(only)")
        assertError("x1,x2,y,a,b,c,d,e,f,g,h,i,j\n", "data.csv:1: extra columns 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h' and 2 more: \(only)")
        assertError("x1,x2,x1,y\n", "data.csv:1: column 'x1' appears twice (columns 1 and 3); the header must name x1, x2 and y once each")
        assertError("x1,X1,x2,y\n", "data.csv:1: column 'x1' appears twice (columns 1 and 2); the header must name x1, x2 and y once each")
        assertError("x1,x2,y,\n0,1,1,\n", "data.csv:1: column 4 has no name (a comma at the end of the line?): \(only)")
        assertError("x1,,x2,y\n", "data.csv:1: column 2 has no name: \(only)")
        // Real pandas without index=False: the index column has no name.
        let index = try fixture("pandas-index.csv").path
        XCTAssertEqual(DataFile.load(path: index).failure?.description,
                       "\(index):1: column 1 has no name (pandas' index? save with to_csv(index=False)): \(only)")
    }

    func testHeaderThatIsNotAHeader() {
        assertError("x1;x2;y\n0;1;1\n", "data.csv:1: the header 'x1;x2;y' is one column; separate x1, x2 and y with commas, not ';'")
        assertError("x1\tx2\ty\n", "data.csv:1: the header 'x1\\tx2\\ty' is one column; separate x1, x2 and y with commas, not tabs")
        assertError("0,1,1\n1,1,0\n", "data.csv:1: the first line is data, not a header; the file must start with a line naming x1, x2 and y (in any order), like x1,x2,y")
    }

    func testValuesThatAreNotNumbers() throws {
        assertError("x1,x2,y\n0,1,1\n0,1,1\n0,1,1\n0,1,1\n0,1,1\n0,abc,1\n", "data.csv:7: x2 is 'abc', not a number; \(Self.xRule)")
        assertError("x1,x2,y\n0x10,1,1\n", "data.csv:2: x1 is '0x10', not a number; \(Self.xRule)")
        assertError("x1,x2,y\n1_000,1,1\n", "data.csv:2: x1 is '1_000', not a number; \(Self.xRule)")
        assertError("x1,x2,y\n1e,1,1\n", "data.csv:2: x1 is '1e', not a number; \(Self.xRule)")
        assertError("x1,x2,y\n-,1,1\n", "data.csv:2: x1 is '-', not a number; \(Self.xRule)")
        assertError("x1,x2,y\n\"\",1,1\n", "data.csv:2: x1 is empty (a missing value, NaN in pandas); \(Self.xRule)")
        assertError("x1,x2,y\n1,  ,1\n", "data.csv:2: x2 is empty (a missing value, NaN in pandas); \(Self.xRule)")
        assertError("x1,x2,y\nnan,1,1\n", "data.csv:2: x1 is 'nan', a missing value; \(Self.xRule)")
        assertError("x1,x2,y\n1,NA,1\n", "data.csv:2: x2 is 'NA', a missing value; \(Self.xRule)")
        assertError("x1,x2,y\n1,-inf,1\n", "data.csv:2: x2 is '-inf', an infinite value; \(Self.xRule)")
        assertError("x1,x2,y\nInfinity,1,1\n", "data.csv:2: x1 is 'Infinity', an infinite value; \(Self.xRule)")
        assertError("x1,x2,y\n1e999,1,1\n", "data.csv:2: x1 is 1e999, too large to be finite; \(Self.xRule)")
        assertError("x1,x2,y\n#DIV/0!,1,1\n", "data.csv:2: x1 is '#DIV/0!', a spreadsheet error; \(Self.xRule)")
        // pandas writes NaN as an empty cell.
        let nan = try fixture("pandas-nan.csv").path
        XCTAssertEqual(DataFile.load(path: nan).failure?.description,
                       "\(nan):4: x2 is empty (a missing value, NaN in pandas); \(Self.xRule)")
    }

    func testLabelsThatAreNotZeroOrOne() {
        let rows = String(repeating: "0,1,1\n", count: 7)
        assertError("x1,x2,y\n\(rows)0,1,2\n", "data.csv:9: y is 2; y must be 0 or 1")
        assertError("x1,x2,y\n0,1,0.5\n", "data.csv:2: y is 0.5; y must be 0 or 1")
        assertError("x1,x2,y\n0,1,-1\n", "data.csv:2: y is -1; y must be 0 or 1")
        assertError("x1,x2,y\n0,1,yes\n", "data.csv:2: y is 'yes', not a number; y must be 0 or 1")
        assertError("x1,x2,y\n0,1,\n", "data.csv:2: y is empty (a missing value, NaN in pandas); y must be 0 or 1")
        assertError("x1,x2,y\n0,1,NaN\n", "data.csv:2: y is 'NaN', a missing value; y must be 0 or 1")
        assertError("x1,x2,y\n0,1,inf\n", "data.csv:2: y is 'inf', an infinite value; y must be 0 or 1")
        assertError("y,x1,x2\n1e400,0,1\n", "data.csv:2: y is 1e400, too large to be finite; y must be 0 or 1")
        // The leftmost problem in a row is the one reported.
        assertError("y,x2,x1\n2,0,abc\n", "data.csv:2: y is 2; y must be 0 or 1")
    }

    func testRowsWithTheWrongNumberOfFields() {
        assertError("x1,x2,y\n0,1,1\n0,1\n", "data.csv:3: the row has 2 fields; the header has 3 (x1, x2, y)")
        assertError("y,x1,x2\n1,0,1,5\n", "data.csv:2: the row has 4 fields; the header has 3 (y, x1, x2)")
        assertError("x1,x2,y\n0\n", "data.csv:2: the row has 1 field; the header has 3 (x1, x2, y)")
        assertError("x1,x2,y\n0,1,1,\n", "data.csv:2: the row has 4 fields; the header has 3 (x1, x2, y)")
    }

    func testBrokenQuotes() {
        let inside = "inside quotes, write a quote as \"\""
        assertError("x1,x2,y\n0,1,1\n\"0.5,1,1\n1,1,1\n",
                    "data.csv:3: a quoted field starts here and is never closed; end it with \" (\(inside))")
        assertError("x1,x2,y\n\"0.5\n\n\"x,1,1\n", "data.csv:4: 'x' follows a closing quote; only a comma or a line end may (\(inside))")
        assertError("x1,x2,y\n\"0.5\" 7,1,1\n", "data.csv:2: '7' follows a closing quote; only a comma or a line end may (\(inside))")
        // A quote inside an unquoted field is an ordinary character, as in pandas.
        assertError("x1,x2,y\n0.5\",1,1\n", "data.csv:2: x1 is '0.5\"', not a number; \(Self.xRule)")
    }

    func testTooManyRows() {
        let bytes = Array(("x1,x2,y\n" + String(repeating: "0,1,1\n", count: DataFile.maxRows + 5)).utf8)
        assertError(bytes, "data.csv:10002: too many samples: a data file may have at most 10000 rows after the header")
    }

    func testNotUTF8() {
        let latin1: [UInt8] = Array("x1,x2,y\n0,1,1\n".utf8) + [0x63, 0x61, 0x66, 0xE9] + Array(",1,1\n".utf8)
        assertError(latin1, "data.csv:3: not valid UTF-8 (byte 0xE9); save the file as UTF-8")
        let crLines: [UInt8] = Array("x1,x2,y\r0,1,1\r\n1,1,1\r".utf8) + [0x80]
        assertError(crLines, "data.csv:4: not valid UTF-8 (byte 0x80); save the file as UTF-8")
        assertError([0xFF, 0xFE] + Array("x1".utf8), "data.csv:1: not valid UTF-8 (the file is UTF-16); save the file as UTF-8")
        let utf16NoBOM: [UInt8] = Array("x1,x2,y\n".utf8).flatMap { [$0, UInt8(0)] }
        assertError(utf16NoBOM, "data.csv:1: not valid UTF-8 text (a NUL byte: UTF-16 or a binary file?); save the file as UTF-8")
        assertError([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "data.csv:1: not a CSV file but a zip archive (an .xlsx spreadsheet?); save the sheet as CSV UTF-8")
        // Valid UTF-8 beyond ASCII is read, and shown as written.
        assertError("x1,x2,y,größe\n", "data.csv:1: extra column 'größe': the file may have only x1, x2 and y")
    }

    func testUTF8ValidatorFollowsRFC3629() {
        let valid: [[UInt8]] = [[0x41], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xED, 0x9F, 0xBF], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF]]
        for bytes in valid { XCTAssertNil(TextEncodingCheck.firstInvalidByte([0x41] + bytes), "\(bytes)") }
        let invalid: [[UInt8]] = [
            [0x80], [0xC0, 0xAF], [0xC1, 0xBF],  // lone continuation, overlong 2-byte
            [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],  // overlong 3-byte, surrogate
            [0xF0, 0x80, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],  // overlong, > U+10FFFF
            [0xE2, 0x82], [0xC3], [0xE2, 0x28, 0xA1],  // truncated, bad continuation
        ]
        for bytes in invalid { XCTAssertEqual(TextEncodingCheck.firstInvalidByte([0x41] + bytes), 1, "\(bytes)") }
    }

    func testValuesAreShownOnOneLine() {
        assertError("x1,x2,y\n\"a\u{1B}[31mb\",1,1\n", "data.csv:2: x1 is 'a\\u{1B}[31mb', not a number; \(Self.xRule)")
        assertError("x1,x2,y\n\"two\nlines\",1,1\n", "data.csv:2: x1 is 'two\\nlines', not a number; \(Self.xRule)")
        let long = String(repeating: "z", count: 100)
        assertError("x1,x2,y\n\(long),1,1\n", "data.csv:2: x1 is '\(String(repeating: "z", count: 40))…', not a number; \(Self.xRule)")
        for text in ["x1,x2,y\n\"a\rb\u{2028}c\",1,1\n", "x1,x2,label\u{85}\n"] {
            guard case .failure(let error) = parse(text) else { return XCTFail(text) }
            XCTAssertFalse(error.description.unicodeScalars.contains { $0.properties.generalCategory == .control
                || $0.properties.generalCategory == .lineSeparator }, error.description)
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
