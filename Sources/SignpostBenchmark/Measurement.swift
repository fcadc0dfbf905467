import Foundation

/// Timings of one measure: median, 95th percentile and maximum, in milliseconds, after warm-up.
struct Timing: Codable {
    var median: Double
    var p95: Double
    var max: Double
    var runs: Int

    /// Runs `body` `warmup` times untimed, then `runs` times timed.
    static func measure(runs: Int, warmup: Int, _ body: () throws -> Void) rethrows -> Timing {
        for _ in 0..<warmup { try body() }
        var samples: [Double] = []
        samples.reserveCapacity(runs)
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let elapsed = try clock.measure { try body() }
            samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return Timing(samples: samples)
    }

    init(samples: [Double]) {
        let sorted = samples.sorted()
        runs = sorted.count
        median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        p95 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
        max = sorted.last ?? 0
    }
}

/// The peak resident memory of this process so far, in megabytes.
func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}
