import Foundation
import UsageAnalytics

/// `usage-bench crc32`: the spool's record checksum (zlib's `crc32_z`) against the hand-written
/// slicing-by-8 loop it replaced, on the record sizes a spool holds and on a whole segment.
struct CRC32Benchmark {
    var megabytes = 256

    init(arguments: [String]) {
        megabytes = BenchmarkArguments(arguments: arguments).integer("--megabytes", minimum: 1) ?? megabytes
    }

    func run() {
        let clock = ContinuousClock()
        for size in [12, 200, 4 << 10, 1 << 20] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            guard CRC32.checksum(bytes) == SlicingCRC32.checksum(bytes) else {
                print("zlib and the baseline disagree on \(size) bytes")
                exit(1)
            }
            let repetitions = max(16, (megabytes << 20) / size)
            var mixed: UInt32 = 0
            let baselineStart = clock.now
            for _ in 0..<repetitions { mixed ^= SlicingCRC32.checksum(bytes) }
            let baseline = (clock.now - baselineStart).seconds
            let start = clock.now
            for _ in 0..<repetitions { mixed ^= CRC32.checksum(bytes) }
            let seconds = (clock.now - start).seconds
            let megabytesHashed = Double(size * repetitions) / 1_000_000
            print(
                String(
                    format:
                        "crc32 %7d-byte input: zlib %6.0f MB/s, slicing-by-8 %6.0f MB/s, ratio_vs_slicing=%.2f (%u)",
                    size, megabytesHashed / seconds, megabytesHashed / baseline, baseline / seconds, mixed))
        }
    }
}
