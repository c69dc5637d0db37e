if CommandLine.arguments.dropFirst().first == "ingest" {
    try await runIngestBenchmark(arguments: Array(CommandLine.arguments.dropFirst(2)))
} else {
    print("warmup")
}
