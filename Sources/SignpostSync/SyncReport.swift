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
    /// The size of the pulled changes as the server sent them (their JSON), in bytes.
    public var bytes = 0
    /// What the first sync of a store that had pulled nothing brought, when this was one.
    public var firstSync: FirstSyncProgress?
}

/// How far a first sync (a store that has pulled nothing yet) has come: families and bytes
/// received, and an estimate of what remains from the server's latest sequence number.
///
/// ```swift
/// progress.line  // "First sync: 120 families, 1.2 MB received; about 2.4 MB to go (seq 4000 of 12000)."
/// ```
public struct FirstSyncProgress: Sendable, Hashable {
    /// Every family the pulled changes were about (this store's own included).
    public var families = Set<String>()
    public var bytes = 0
    /// The last seq received so far.
    public var seq: Int64 = 0
    /// The server's latest seq when the sync began.
    public var latestSeq: Int64

    public init(latestSeq: Int64) {
        self.latestSeq = latestSeq
    }

    /// Bytes still to come, estimated from the bytes per seq so far; nil before anything arrived.
    public var estimatedBytesToGo: Int? {
        guard seq > 0 else { return nil }
        let remaining = max(latestSeq - seq, 0)
        return Int(Double(bytes) / Double(seq) * Double(remaining))
    }

    /// One line while it runs.
    public var line: String {
        var text =
            "First sync: \(families.count) \(families.count == 1 ? "family" : "families"), "
            + "\(Self.megabytes(bytes)) received"
        if let toGo = estimatedBytesToGo {
            text += "; about \(Self.megabytes(toGo)) to go (seq \(seq) of \(latestSeq))"
        }
        return text + "."
    }

    /// The figures once it is done: "first sync: 412 families, 3.2 MB" (what the header shows).
    public var done: String {
        "first sync: \(families.count) \(families.count == 1 ? "family" : "families"), \(Self.megabytes(bytes))"
    }

    /// "3.2 MB", one decimal place (a million bytes to the megabyte).
    public static func megabytes(_ bytes: Int) -> String {
        let tenths = Int((Double(bytes) / 100_000).rounded())
        return "\(tenths / 10).\(tenths % 10) MB"
    }
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
    /// Families removed from the laptop (or kept, unsent) because they left the practitioner's scope.
    public var scope = ScopeReport()

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
        if let first = pull.firstSync {
            lines.append(first.done.prefix(1).uppercased() + first.done.dropFirst() + " received.")
        }
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
        lines += scope.lines
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
