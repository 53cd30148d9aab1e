import Foundation
import XCTest

/// The setup record a trace opens with, worked out from the flags alone (and, for what the flags
/// do not say, from the records that follow it), then compared with the line byte for byte.
enum SetupRecordCheck {
    /// The flags of a fixture's `.args`, as key → values (a flag given twice keeps both).
    static func flags(_ args: String) -> [String: [String]] {
        var flags: [String: [String]] = [:]
        let words = args.split(separator: " ").map(String.init)
        var i = 0
        while i < words.count {
            let flag = words[i]
            if flag == "--check-gradients" {
                flags[flag, default: []].append("true")
                i += 1
            } else {
                flags[flag, default: []].append(i + 1 < words.count ? words[i + 1] : "")
                i += 2
            }
        }
        return flags
    }

    /// A JSON string.
    static func quoted(_ text: String) -> String { "\"" + text + "\"" }

    /// A number as Swift's own `description` writes it (the shortest round trip, "2.0" for 2).
    static func number(_ text: String) -> String { Double(text).map(\.description) ?? "?" }

    /// `{"key": value, …}` of the values in the records that follow: the first step's forward W…, b….
    static func parameters(_ records: [String]) -> String {
        let firstStep = records.prefix { $0.hasPrefix(#"{"step": 0, "#) }
        let members = firstStep.compactMap { record -> String? in
            guard record.contains(#""phase": "forward""#),
                  let name = record.components(separatedBy: #""name": ""#).last?.components(separatedBy: "\"").first,
                  name.hasPrefix("W") || name.hasPrefix("b"),
                  let value = record.components(separatedBy: #""value": "#).last?.dropLast() else { return nil }
            return quoted(name) + ": " + value
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    /// Every name the records hold, in order of first appearance.
    static func names(_ records: [String]) -> [String] {
        var seen = Set<String>(), names: [String] = []
        for record in records {
            guard let name = record.components(separatedBy: #""name": ""#).last?.components(separatedBy: "\"").first else { continue }
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    static func check(_ line: String, states args: String, before records: [String], version: String,
                      file: StaticString = #filePath, line callLine: UInt = #line) {
        let f = flags(args)
        func one(_ flag: String) -> String? { f[flag]?.last }
        let hidden = one("--hidden").map { $0.split(separator: ",").map(String.init) } ?? []
        let mode = one("--mode") ?? "corrected"
        // The notebook's order: the sign of loss_deriv, then σ′ at ŷ; the notebook's mode has both.
        let bugs = ["sign", "deriv-at-yhat"].filter { mode == "notebook" || (f["--bug"] ?? []).contains($0) }
        let batch = one("--batch").map { $0 == "full" ? quoted($0) : $0 } ?? "1"
        let epochs = Int(one("--epochs") ?? "1000") ?? 0
        let members: [(String, String)] = [
            ("phase", quoted("setup")),
            ("version", quoted(version)),
            ("dataset", quoted(one("--dataset") ?? "or")),
            ("data_file", "null"), ("samples", "null"), ("noise", "null"), ("data_seed", "null"),
            ("test_percent", "0"),
            ("lr", number(one("--lr") ?? "0.5")),
            ("epochs", String(epochs)),
            ("seed", one("--seed") ?? "42"),
            ("hidden", "[" + hidden.joined(separator: ", ") + "]"),
            ("architecture", quoted((["2"] + hidden + ["1"]).joined(separator: "-"))),
            ("activation", quoted(one("--activation") ?? "sigmoid")),
            ("loss", quoted(one("--loss") ?? "squared")),
            ("batch", batch),
            ("init", one("--init").map { "[" + $0.split(separator: ",").map { number(String($0)) }.joined(separator: ", ") + "]" } ?? "null"),
            ("mode", quoted(mode)),
            ("bugs", "[" + bugs.map(quoted).joined(separator: ", ") + "]"),
            ("check_gradients", one("--check-gradients") ?? "false"),
            ("parameters", parameters(records)),
            ("names", "[" + names(records).map(quoted).joined(separator: ", ") + "]"),
            ("from_epoch", epochs > 0 ? "0" : "null"),
            ("to_epoch", epochs > 0 ? String(epochs - 1) : "null"),
        ]
        let expected = "{" + members.map { quoted($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
        XCTAssertEqual(line, expected, "the setup record of `\(args)`", file: file, line: callLine)
    }
}
