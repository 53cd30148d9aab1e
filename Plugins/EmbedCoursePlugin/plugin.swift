import Foundation
import PackagePlugin

/// Compiles the course into the binary: every `lessons/NN-name.md`, read at build time, becomes one
/// entry of `BuiltInCourse.lessons` in file-name order. The lesson files stay the single source;
/// editing one and building is all it takes.
@main
struct EmbedCoursePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "lessons")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter(Self.isLesson).sorted()
        let inputs = names.map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltInCourse.swift")
        return [
            .buildCommand(
                displayName: "Embedding the course (\(names.count) lessons)",
                executable: try context.tool(named: "EmbedCourse").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }

    /// `01-forward-pass.md`: two digits, a hyphen, a lowercase name.
    static func isLesson(_ name: String) -> Bool {
        let characters = Array(name)
        guard name.hasSuffix(".md"), characters.count > 6, characters[0].isNumber, characters[1].isNumber, characters[2] == "-" else {
            return false
        }
        return name.dropFirst(3).dropLast(3).allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }
    }
}
