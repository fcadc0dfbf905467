import Foundation
import SignpostDomain
import SignpostStore

/// Audit entries in words, for the audit screens and `signpost audit`.
public enum AuditFormatting {
    /// One line: when, who, what kind of action, what happened and the values changed.
    ///
    /// `26/11/2026 14:02  jo.bloggs  Changed  updated Ava Quillfeather: phone · phone: 020 … → 020 …`
    public static func line(_ entry: AuditEntry, showingFamily: Bool) -> String {
        let family = showingFamily ? (entry.family.map { "\($0.rawValue)  " } ?? "store  ") : ""
        var text =
            "\(LondonTime.timestamp(entry.at))  \(entry.actor)  \(kindColumn(entry))  \(family)\(entry.summary)"
        if let detail = entry.detail, !detail.line.isEmpty { text += " · " + detail.line }
        return text.replacingOccurrences(of: "\n", with: " ")
    }

    /// What was done, padded to the longest kind ("Exported") so every line's summary starts in one column.
    static func kindColumn(_ entry: AuditEntry) -> String {
        let label = AuditActionKind(action: entry.action).label
        let width = AuditActionKind.allCases.map(\.label.count).max() ?? label.count
        return label + String(repeating: " ", count: max(0, width - label.count))
    }

    /// The entry in full, every value on its own line, for reading.
    public static func full(_ entry: AuditEntry) -> String {
        var lines = [
            "When: \(LondonTime.timestamp(entry.at))",
            "Who: \(entry.actor)",
            "Action: \(AuditActionKind(action: entry.action).label) (\(entry.action))",
            "Family: \(entry.family?.rawValue ?? "none (a store-wide read)")",
        ]
        if !entry.recordID.isEmpty { lines.append("Record: \(entry.recordID)") }
        lines += ["", entry.summary]
        if let detail = entry.detail {
            if let erased = detail.erased {
                lines += ["", "Values erased: \(erased)"]
            } else if !detail.changes.isEmpty {
                lines += ["", "Values:"]
                for change in detail.changes {
                    switch (change.old, change.new) {
                    case (let old?, let new?):
                        lines.append("\(change.field): \(old) → \(new)")
                    case (nil, let new?):
                        lines.append("\(change.field): \(new)")
                    case (let old?, nil):
                        lines.append("\(change.field): \(old) → (removed)")
                    case (nil, nil):
                        lines.append("\(change.field): (none)")
                    }
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// What a query shows, in words: "everyone · all actions · any date".
    public static func describe(_ query: AuditQuery) -> String {
        var parts: [String] = []
        parts.append(query.actor.map { "by \($0)" } ?? "everyone")
        parts.append(query.kind.map { "\($0.label.lowercased()) only" } ?? "all actions")
        switch (query.since, query.until) {
        case (nil, nil): parts.append("any date")
        case (let since?, nil): parts.append("from \(LondonTime.today(at: since).british)")
        case (nil, let until?): parts.append("before \(LondonTime.today(at: until).british)")
        case (let since?, let until?):
            parts.append("\(LondonTime.today(at: since).british) to before \(LondonTime.today(at: until).british)")
        }
        return parts.joined(separator: " · ")
    }
}
