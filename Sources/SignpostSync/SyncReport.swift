import Foundation
import SignpostStore

/// What a push moved.
public struct PushReport: Sendable {
    /// A change the server did not apply, and why.
    public struct Held: Sendable {
        public var envelope: ChangeEnvelope
        public var reason: String
    }

    public var applied = 0
    public var duplicates = 0
    public var conflicts: [Held] = []
    public var refused: [Held] = []
    public var batches = 0
}

/// What a pull moved.
public struct PullReport: Sendable {
    /// Changes made by others, applied to the store.
    public var changes = 0
    /// This store's own changes, returned with their seq (already applied here).
    public var ownReturned = 0
    public var pages = 0
    public var families = Set<String>()
    public var authors = Set<String>()
    /// Families brought whole because they became readable to this login (put on its caseload,
    /// moved into its locality, opened) while the store did not hold them.
    public var backFilled = Set<String>()
    /// The last pulled seq before and after.
    public var from: Int64 = 0
    public var to: Int64 = 0
}

/// What one `signpost sync` moved, for printing.
///
/// ```swift
/// print(report.summary)  // "Pushed 3 changes (1 batch); pulled 5 changes for 2 families from alex, sam."
/// ```
public struct SyncReport: Sendable {
    public var push: PushReport
    public var pull: PullReport
    /// Seconds this computer's clock was ahead of the server's (negative: behind), when beyond the team's limit.
    public var clockOffset: TimeInterval?

    public init(push: PushReport, pull: PullReport, clockOffset: TimeInterval? = nil) {
        self.push = push
        self.pull = pull
        self.clockOffset = clockOffset
    }

    /// One line per fact: counts, then every held change with its reason.
    public var summary: String {
        var lines: [String] = []
        var pushed = "Pushed \(push.applied) \(push.applied == 1 ? "change" : "changes")"
        if push.duplicates > 0 { pushed += " (\(push.duplicates) already on the server)" }
        lines.append(pushed + ".")
        var pulled = "Pulled \(pull.changes) \(pull.changes == 1 ? "change" : "changes")"
        if pull.changes > 0 {
            pulled += " for \(pull.families.count) \(pull.families.count == 1 ? "family" : "families")"
            pulled += " from \(pull.authors.sorted().joined(separator: ", "))"
        }
        if !pull.backFilled.isEmpty {
            pulled += "; brought whole, newly readable: \(pull.backFilled.sorted().joined(separator: ", "))"
        }
        if pull.ownReturned > 0 { pulled += "; \(pull.ownReturned) of this store's own came back numbered" }
        lines.append(pulled + " (server seq \(pull.to)).")
        if let clockOffset {
            lines.append(
                "This computer's clock is \(Self.duration(abs(clockOffset))) \(clockOffset > 0 ? "ahead of" : "behind") "
                    + "the team server's: set it right. Changes were sent; the server keeps their times within "
                    + "five minutes of its own.")
        }
        for held in push.conflicts {
            lines.append(
                "Conflict: \(held.envelope.kind) on \(held.envelope.family.rawValue) \(held.envelope.record): "
                    + "\(held.reason); the server's value stands (signpost conflicts lists it).")
        }
        for held in push.refused {
            lines.append(
                "Refused: \(held.envelope.kind) on \(held.envelope.family.rawValue) \(held.envelope.record): "
                    + "\(held.reason); it stays to be sent.")
        }
        return lines.joined(separator: "\n")
    }

    /// "1 day 2 hours", "3 hours 5 minutes", "7 minutes": how far a clock is out, in words.
    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = Int((seconds / 60).rounded())
        let parts = [(minutes / 1_440, "day"), (minutes / 60 % 24, "hour"), (minutes % 60, "minute")]
            .filter { $0.0 > 0 }.prefix(2)
            .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }
        return parts.isEmpty ? "less than a minute" : parts.joined(separator: " ")
    }
}
