// swift-tools-version:6.1
// `finwire serve`'s program, finwire-serve: the live view and JSON API on Hummingbird 2, a reader of the
// store. A package of its own beside finwire's so that the quick start (`swift build` at the root) builds no
// web server: Hummingbird brings SwiftNIO and swift-distributed-tracing, whose build prints a warning we
// cannot fix from here, and tripled the main program's size. Build: `swift build -c release --package-path
// Serve`; test: `swift test --package-path Serve` (README's test command runs both packages' suites).
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// A library of the finwire package at the root.
func finwire(_ names: String...) -> [Target.Dependency] { names.map { .product(name: $0, package: "finwire") } }

let package = Package(
    name: "finwire-serve",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "finwire-serve", targets: ["finwire-serve"])],
    dependencies: [
        .package(name: "finwire", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .target(
            name: "FinwireServe",
            dependencies: finwire("FinwireModel", "FinwireStore", "FinwireDaemon", "FinwireAlerts", "FinwireExport", "FinwireTag") + [
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "finwire-serve",
            dependencies: ["FinwireServe"] + finwire("FinwireCommandSupport", "FinwireDaemon") + [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "FinwireServeTests",
            dependencies: ["FinwireServe"]
                + finwire("FinwireDaemon", "FinwireStore", "FinwireModel", "FinwireFetch", "FinwireTestSupport", "FinwireTag", "FinwireAlerts")
                + [
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
    ]
)
