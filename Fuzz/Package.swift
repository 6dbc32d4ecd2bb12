// swift-tools-version:6.1
// The parser's libFuzzer target. Kept out of the root package so that `swift build`/`swift test` never
// build it; run it with Fuzz/run.sh.
import PackageDescription

let package = Package(
    name: "finwire-fuzz",
    dependencies: [.package(name: "finwire", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzParser",
            dependencies: [.product(name: "FinwireParse", package: "finwire")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ]
)
