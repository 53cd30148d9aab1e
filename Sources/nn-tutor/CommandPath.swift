import ArgumentParser

/// The commands a command line names (`nn-tutor lesson check …`), so that a mistake in them is
/// reported against the right command: `nn-tutor help foo` and `nn-tutor lesson foo` name the
/// word and the commands there are, and every usage error points to the help of the command used.
enum CommandPath {
    static let root: ParsableCommand.Type = NNTutorCommand.self

    static func name(_ command: ParsableCommand.Type) -> String {
        command.configuration.commandName ?? String(describing: command).lowercased()
    }

    /// The subcommands of `command` by name, with argument-parser's own `help` at the root.
    static func subcommands(of command: ParsableCommand.Type) -> [String] {
        command.configuration.subcommands.map(name) + (command == root ? ["help"] : [])
    }

    /// The commands named by the leading words, from the root, and the word after them.
    static func resolve(_ words: ArraySlice<String>, from start: ParsableCommand.Type = root) -> (path: [ParsableCommand.Type], next: String?) {
        var path = [start]
        var rest = words
        while let word = rest.first, let sub = path.last?.configuration.subcommands.first(where: { name($0) == word }) {
            path.append(sub)
            rest = rest.dropFirst()
        }
        return (path, rest.first)
    }

    /// "nn-tutor lesson": the words that run a path.
    static func spelled(_ path: [ParsableCommand.Type]) -> String {
        path.map(name).joined(separator: " ")
    }

    /// The help to point a usage error in these arguments to: "nn-tutor lesson --help".
    static func helpHint(_ arguments: [String]) -> String {
        spelled(resolve(arguments[...]).path) + " --help"
    }

    /// A message for a word that names no command where only commands can be, or nil:
    /// `nn-tutor help foo`, `nn-tutor lesson foo`, `nn-tutor foo`.
    static func unknownCommand(in arguments: [String]) -> String? {
        if arguments.first == "help" {
            let words = arguments.dropFirst().filter { !$0.hasPrefix("-") }
            let (path, next) = resolve(words[...])
            guard let next else { return nil }
            return "help: " + noCommand(next, in: path)
        }
        let (path, next) = resolve(arguments[...])
        // Only a command made of subcommands takes no words of its own (the root takes only flags).
        guard let next, !next.hasPrefix("-"), let command = path.last, !command.configuration.subcommands.isEmpty else { return nil }
        return noCommand(next, in: path)
    }

    private static func noCommand(_ word: String, in path: [ParsableCommand.Type]) -> String {
        let commands = subcommands(of: path[path.count - 1]).joined(separator: ", ")
        let place = path.count == 1 ? "no command '\(word)'; the commands are \(commands)"
            : "'\(spelled(path))' has no command '\(word)'; its commands are \(commands)"
        return place + " (see '\(spelled(path)) --help')"
    }
}
