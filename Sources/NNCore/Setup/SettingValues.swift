/// How setting values are read, the same way everywhere: the command line, a lesson's setup
/// block and `--compare` all go through these.
///
/// Numbers are plain decimals (`0.5`, `-1`, `1e-3`, and `−` for minus); hex, `nan` and `inf` are
/// refused. Words are matched without regard to case.
public enum SettingValues {
    /// A finite decimal number.
    public static func number(_ text: String) -> Double? {
        var t = trimmed(text)
        t = t.replacing("−", with: "-").replacing("–", with: "-")
        guard !t.isEmpty, t.count < 64, t.allSatisfy({ "0123456789+-.eE".contains($0) }), let v = Double(t), v.isFinite else {
            return nil
        }
        return v
    }

    /// A whole number within `range` (digits, with an optional sign); nothing Int cannot hold.
    public static func integer(_ text: String, in range: ClosedRange<Int>) -> Int? {
        let t = trimmed(text).replacing("−", with: "-")
        guard !t.isEmpty, t.count <= 20, t.dropFirst(t.first == "-" || t.first == "+" ? 1 : 0).allSatisfy(\.isASCIIDigit),
              let v = Int(t), range.contains(v) else { return nil }
        return v
    }

    /// The text without surrounding spaces and tabs.
    public static func trimmed(_ text: String) -> String {
        String(text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }

    /// A comma list, each part trimmed; empty parts are kept (so "1,,2" can be refused).
    public static func list(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { trimmed(String($0)) }
    }

    /// A word, lowercased and trimmed, for matching a fixed vocabulary.
    public static func word(_ text: String) -> String { trimmed(text).lowercased() }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
