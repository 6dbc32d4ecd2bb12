// swift-tools-version:6.1
import PackageDescription

/// Settings every finwire target shares: Swift 6 strict concurrency is the language mode's default;
/// these add the upcoming features that keep imports and existentials explicit.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// For the parse path only (FinwireXML's SAX reader, FinwireParse's builder), whose state lives in class
/// properties touched at every SAX event: Swift's dynamic exclusivity checks on them cost about a tenth of
/// parse time (BENCHMARKS.md). Debug builds, and so the test suite, keep the checks.
let uncheckedExclusivityInRelease: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
]

let package = Package(
    name: "finwire",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "finwire", targets: ["finwire"]),
        // For the packages beside this one, which the quick start does not build: the fuzzer (Fuzz/), the
        // benchmarks (Benchmarks/) and `finwire serve`'s own program (Serve/, on Hummingbird).
        .library(name: "FinwireParse", targets: ["FinwireParse"]),
        .library(name: "FinwireModel", targets: ["FinwireModel"]),
        .library(name: "FinwireStore", targets: ["FinwireStore"]),
        .library(name: "FinwireTag", targets: ["FinwireTag"]),
        .library(name: "FinwireExport", targets: ["FinwireExport"]),
        .library(name: "FinwireAlerts", targets: ["FinwireAlerts"]),
        .library(name: "FinwireFetch", targets: ["FinwireFetch"]),
        .library(name: "FinwireDaemon", targets: ["FinwireDaemon"]),
        .library(name: "FinwireCommandSupport", targets: ["FinwireCommandSupport"]),
        .library(name: "FinwireTestSupport", targets: ["FinwireTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // C interop lives only in these three folders: a module map and a shim.h each.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(name: "FinwireModel", swiftSettings: strict),
        .target(name: "FinwireXML", dependencies: ["CLibXML2"], swiftSettings: strict + uncheckedExclusivityInRelease),
        .target(
            name: "FinwireFetch",
            dependencies: ["FinwireModel", "CCurl", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),
        .target(
            name: "FinwireParse", dependencies: ["FinwireModel", "FinwireXML"],
            swiftSettings: strict + uncheckedExclusivityInRelease),
        .target(name: "FinwireNormalize", dependencies: ["FinwireModel", "FinwireXML"], swiftSettings: strict),
        .target(name: "FinwireStore", dependencies: ["FinwireModel", "CSQLite"], swiftSettings: strict),
        .target(name: "FinwireExport", dependencies: ["FinwireModel", "FinwireTag"], swiftSettings: strict),
        .target(name: "FinwireDedupe", dependencies: ["FinwireModel"], swiftSettings: strict),
        // The dictionaries are compiled in (Generated/EmbeddedData.swift); Data/ holds their sources.
        .target(name: "FinwireTag", dependencies: ["FinwireModel"], exclude: ["Data"], swiftSettings: strict),
        // Watches' alerts: messages, the chat platforms' formats and signatures, delivery from the outbox.
        .target(
            name: "FinwireAlerts",
            dependencies: [
                "FinwireModel", "FinwireStore", "FinwireFetch", "FinwireTag", "CCrypto",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // What `finwire` and `finwire-serve` (Serve/) share at their edges: logging, configuration, opening the store.
        .target(
            name: "FinwireCommandSupport",
            dependencies: [
                "FinwireDaemon", "FinwireStore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // The ingest pass (fetch → decide → ingest), which `finwire fetch` and the daemon both run.
        .target(
            name: "FinwireIngest",
            dependencies: [
                "FinwireModel", "FinwireFetch", "FinwireParse", "FinwireNormalize", "FinwireStore", "FinwireTag",
                "FinwireDedupe", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(
            name: "FinwireDaemon",
            dependencies: [
                "FinwireModel", "FinwireFetch", "FinwireParse", "FinwireNormalize", "FinwireStore", "FinwireTag",
                "FinwireDedupe", "FinwireIngest", "FinwireExport", "FinwireAlerts",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "finwire",
            dependencies: [
                "FinwireModel", "FinwireParse", "FinwireStore", "FinwireExport", "FinwireDaemon", "FinwireFetch",
                "FinwireXML", "FinwireTag", "FinwireDedupe", "FinwireIngest", "FinwireAlerts", "FinwireCommandSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),

        .target(
            name: "FinwireTestSupport", dependencies: ["FinwireModel"], path: "Tests/FinwireTestSupport",
            swiftSettings: strict),
        .testTarget(
            name: "FinwireParseTests", dependencies: ["FinwireParse", "FinwireModel", "FinwireXML", "FinwireTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "FinwireNormalizeTests", dependencies: ["FinwireNormalize", "FinwireModel", "FinwireXML"],
            swiftSettings: strict),
        .testTarget(
            name: "FinwireStoreTests", dependencies: ["FinwireStore", "FinwireModel", "FinwireTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "FinwireFetchTests", dependencies: ["FinwireFetch", "FinwireModel", "FinwireTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "FinwireDaemonTests",
            dependencies: [
                "FinwireDaemon", "FinwireFetch", "FinwireStore", "FinwireExport", "FinwireModel", "FinwireTestSupport",
                "FinwireTag", "FinwireDedupe", "FinwireAlerts", "FinwireIngest",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "FinwireIngestTests",
            dependencies: [
                "FinwireIngest", "FinwireDaemon", "FinwireFetch", "FinwireStore", "FinwireExport", "FinwireModel",
                "FinwireTestSupport", "FinwireTag", "FinwireDedupe", "FinwireNormalize",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "FinwireAlertsTests",
            dependencies: [
                "FinwireAlerts", "FinwireDaemon", "FinwireIngest", "FinwireFetch", "FinwireStore", "FinwireModel",
                "FinwireTestSupport", "FinwireTag", "FinwireDedupe",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "FinwireTagTests", dependencies: ["FinwireTag", "FinwireModel", "FinwireTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "FinwireDedupeTests", dependencies: ["FinwireDedupe", "FinwireTag", "FinwireModel", "FinwireTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "FinwireExportTests",
            dependencies: [
                "FinwireExport", "FinwireStore", "FinwireTag", "FinwireModel", "FinwireXML", "FinwireTestSupport",
                "FinwireParse", "FinwireNormalize",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "FinwireCLITests", dependencies: ["FinwireTestSupport"], swiftSettings: strict),
    ]
)
