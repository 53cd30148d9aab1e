import Foundation

// Writes the Swift source that carries the course: `EmbedCourse OUTPUT LESSON...`. Run by the
// EmbedCoursePlugin at build time; each lesson becomes a raw string literal, so the binary holds
// the course and runs from any directory.

/// A raw string literal holding `text` exactly: the number of #s is chosen so that neither the
/// closing delimiter nor an interpolation can occur inside.
func literal(_ text: String) -> String {
    var n = 1
    while text.contains("\"\"\"" + String(repeating: "#", count: n)) || text.contains("\\" + String(repeating: "#", count: n)) {
        n += 1
    }
    let hashes = String(repeating: "#", count: n)
    // A multi-line literal drops the newline before its closing delimiter, so add one back.
    return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
}

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: EmbedCourse OUTPUT LESSON...\n".utf8))
    exit(64)
}
var source = """
    // Generated at build time by the EmbedCourse plugin from lessons/*.md. Do not edit; edit the lessons.

    /// The course's lesson files, name and exact text, compiled into the binary.
    public enum BuiltInCourse {
        public static let lessons: [(name: String, text: String)] = [

    """
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        FileHandle.standardError.write(Data("EmbedCourse: \(path): not readable UTF-8 text\n".utf8))
        exit(1)
    }
    guard !text.contains("\r") else {
        FileHandle.standardError.write(Data("EmbedCourse: \(path): lesson files must use \\n line endings\n".utf8))
        exit(1)
    }
    source += "        (name: \"\(url.lastPathComponent)\", text: \(literal(text))),\n"
}
source += "    ]\n}\n"
do {
    try source.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("EmbedCourse: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
