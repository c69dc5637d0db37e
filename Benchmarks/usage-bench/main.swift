import Foundation

// usage-bench: the project's benchmarks, each printing its figure and a baseline from the same run.
//
//   swift run -c release usage-bench capture [--calls N]

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "capture":
    await CaptureBenchmark(arguments: Array(arguments.dropFirst())).run()
default:
    print("usage: usage-bench capture [--calls N]")
    exit(2)
}
