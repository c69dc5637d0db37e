import Foundation

// usage-bench: the project's benchmarks, each printing its figure and a baseline from the same run.
//
//   swift run -c release usage-bench capture [--calls N]
//   swift run -c release usage-bench ingest [--events N] [--database-url URL]
//   swift run -c release usage-bench delivery [--events N]
//   swift run -c release usage-bench spool [--records N]
//   swift run -c release usage-bench crc32 [--megabytes N]
//   swift run -c release usage-bench middleware [--requests N] [--rounds N] [--concurrency N]
//   swift run -c release usage-bench login [--attempts N] [--cost N]
//   swift run -c release usage-bench funnel [--events N] [--persons N] [--repeat N]

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "capture":
    await CaptureBenchmark(arguments: Array(arguments.dropFirst())).run()
case "ingest":
    try await runIngestBenchmark(arguments: Array(arguments.dropFirst()))
case "delivery":
    try await DeliveryBenchmark(arguments: Array(arguments.dropFirst())).run()
case "funnel":
    try await FunnelBenchmark(arguments: Array(arguments.dropFirst())).run()
case "crc32":
    CRC32Benchmark(arguments: Array(arguments.dropFirst())).run()
case "spool":
    try await SpoolRecoveryBenchmark(arguments: Array(arguments.dropFirst())).run()
case "middleware":
    try await MiddlewareBenchmark(arguments: Array(arguments.dropFirst())).run()
case "login":
    try await LoginTimingBenchmark(arguments: Array(arguments.dropFirst())).run()
default:
    print(
        "usage: usage-bench capture [--calls N] | ingest [--events N] [--database-url URL] | delivery [--events N]"
            + " | spool [--records N] | crc32 [--megabytes N] | funnel [--events N] [--persons N] [--repeat N]"
            + " | middleware [--requests N] [--rounds N] [--concurrency N] | login [--attempts N] [--cost N]")
    exit(2)
}
