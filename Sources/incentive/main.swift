import Foundation

/// `incentive <command> [options]`. The CLI reads files, calls the engine and renders; it holds no
/// policy logic.
let commands: [String: ([String]) throws -> Int32] = [
    "estimate": EstimateCommand.run,
    "batch": BatchCommand.run,
    "explain": ExplainCommand.run,
    "check": CheckCommand.run,
    "test": TestCommand.run,
    "list": ListCommand.run,
    "eval": EvalCommand.run,
    "replay": ReplayCommand.run,
    "snapshot": SnapshotCommand.run,
]

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first, !["-h", "--help", "help"].contains(command) || arguments.count > 1 else {
    Console.print(Help.page(nil))
    exit(arguments.isEmpty ? 2 : 0)
}
if command == "help" || command == "-h" || command == "--help" {
    Console.print(Help.page(arguments[1]))
    exit(0)
}
guard let run = commands[command] else {
    let known = commands.keys.sorted().joined(separator: ", ")
    Console.error(Language.say("incentive: unknown command '\(command)'; commands: \(known)\nrun 'incentive help' for usage",
                               "incentive：未知命令 '\(command)'；可用命令：\(known)\n用法见 'incentive help'"))
    exit(2)
}
// `incentive COMMAND --help` (or -h) anywhere before `--`: the command's help, for every command.
if arguments.dropFirst().prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
    Console.print(Help.page(command))
    exit(0)
}
do {
    exit(try run(Array(arguments.dropFirst())))
} catch let error as Arguments.UsageError {
    Console.error(Language.say("incentive \(command): \(error.message)\nrun 'incentive help \(command)' for usage",
                               "incentive \(command)：\(error.message)\n用法见 'incentive help \(command)'"))
    exit(2)
} catch {
    Console.error(Language.say("incentive \(command): \(error)", "incentive \(command)：\(error)"))
    exit(1)
}
