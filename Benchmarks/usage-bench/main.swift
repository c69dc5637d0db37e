import Foundation

// usage-bench: the project's benchmarks, each printing its figure and a baseline from the same run.
//
//   swift run -c release usage-bench capture [--calls N]
//   swift run -c release usage-bench ingest [--events N] [--database-url URL]

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "capture":
    await CaptureBenchmark(arguments: Array(arguments.dropFirst())).run()
case "ingest":
    try await runIngestBenchmark(arguments: Array(arguments.dropFirst()))
default:
    print("usage: usage-bench capture [--calls N] | ingest [--events N] [--database-url URL]")
    exit(2)
}
