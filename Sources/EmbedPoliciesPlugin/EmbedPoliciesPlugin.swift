import Foundation
import PackagePlugin

/// Embeds every `*.policy` file under the package's `Policies/` folder into the `incentive`
/// executable as Swift string literals, so an installed binary carries its bundled policies and
/// works from any directory (no resource bundle to lose beside it).
@main
struct EmbedPoliciesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let policies = context.package.directoryURL.appending(path: "Policies")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: policies, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "policy" {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledPolicySources.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) policy files",
                executable: try context.tool(named: "embed-policies").url,
                arguments: [policies.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
