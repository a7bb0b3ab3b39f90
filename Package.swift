// swift-tools-version:6.0
import PackageDescription

/// Layers, one way only: IncentiveSupport (exact decimal, dates, JSON, SHA-256) → PolicyLanguage
/// (text → checked policy set) → IncentiveEngine (profiles, evaluation, explanations) → incentive (CLI).
let package = Package(
    name: "incentive",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "IncentiveEngine", targets: ["IncentiveEngine"]),
        .library(name: "PolicyLanguage", targets: ["PolicyLanguage"]),
        .executable(name: "incentive", targets: ["incentive"]),
    ],
    targets: [
        .target(name: "IncentiveSupport"),
        .target(name: "PolicyLanguage", dependencies: ["IncentiveSupport"]),
        .target(name: "IncentiveEngine", dependencies: ["PolicyLanguage", "IncentiveSupport"]),
        .executableTarget(
            name: "embed-policies",
            path: "Sources/EmbedPolicies"
        ),
        .plugin(
            name: "EmbedPoliciesPlugin",
            capability: .buildTool(),
            dependencies: ["embed-policies"],
            path: "Sources/EmbedPoliciesPlugin"
        ),
        // Release builds on Linux link the Swift runtime and Foundation statically: loading and
        // relocating libswiftCore, libFoundation and ICU at every start took most of the
        // time of a short command.
        .executableTarget(
            name: "incentive",
            dependencies: ["IncentiveEngine", "PolicyLanguage", "IncentiveSupport"],
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            plugins: ["EmbedPoliciesPlugin"]
        ),
        // Benchmarks: a population generator and measurements of the release binary.
        .executableTarget(name: "incentive-bench", dependencies: ["PolicyLanguage"]),
        .testTarget(name: "IncentiveSupportTests", dependencies: ["IncentiveSupport", "TestSupport"]),
        /// Helpers shared by the test targets: a seeded generator and random expression trees.
        .target(name: "TestSupport", dependencies: ["PolicyLanguage", "IncentiveSupport"], path: "Tests/TestSupport"),
        .testTarget(
            name: "PolicyLanguageTests",
            dependencies: ["PolicyLanguage", "IncentiveSupport", "TestSupport"],
            exclude: ["Corpus"]
        ),
        .testTarget(name: "IncentiveEngineTests", dependencies: ["IncentiveEngine", "PolicyLanguage", "IncentiveSupport", "TestSupport"]),
        .testTarget(
            name: "IncentiveCLITests",
            dependencies: ["IncentiveEngine", "TestSupport"],
            resources: []
        ),
    ]
)
