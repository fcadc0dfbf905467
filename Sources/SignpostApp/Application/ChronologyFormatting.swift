import Foundation
import SignpostDomain

/// Chronology entries in words, for the family screen and `signpost show`.
public enum ChronologyFormatting {
    /// One line: when, what, about whom, by whom. Significant events start with `!`.
    public static func line(_ entry: ChronologyEntry, in family: Family) -> String {
        let flag = entry.isSignificant ? "! " : "  "
        return "\(flag)\(LondonTime.timestamp(entry.at))  \(summary(entry, in: family)) [\(entry.author)]"
    }

    /// The entry in full, every field, for reading.
    public static func full(_ entry: ChronologyEntry, in family: Family) -> String {
        var lines = ["\(LondonTime.timestamp(entry.at)), recorded by \(entry.author)"]
        if entry.isSignificant { lines.append("Significant event") }
        lines.append("")
        switch entry {
        case .contact(let contact):
            lines.append(
                "Contact from \(contact.caller.summary)\(contact.caller.phone.isEmpty ? "" : ", \(contact.caller.phone)")"
            )
            lines.append(
                "Source: \(contact.source.label)\(contact.door.map { "; came in through: \($0.label)" } ?? "")")
            lines.append("About: \(names(contact.about, in: family))")
            if !contact.concerns.isEmpty {
                lines.append("Concerns: \(contact.concerns.map(\.label).joined(separator: ", "))")
            }
            lines.append("In the caller's words: \(contact.concernInCallersWords)")
            lines.append(
                "Outcome: \(contact.outcome.label)\(contact.outcomeReason.isEmpty ? "" : ": \(contact.outcomeReason)")")
        case .referral(let referral):
            lines.append("Referral to \(ServiceNames.name(referral.service)) for \(names(referral.people, in: family))")
            lines.append("\(referral.status.label) · \(referral.urgency.label) · \(referral.consent.label)")
            if !referral.reason.isEmpty { lines.append("Reason: \(referral.reason)") }
        case .note(let note):
            lines.append("Case note about \(names(note.about, in: family))")
            lines.append("")
            lines.append(note.text)
        case .levelChange(let person, let entry):
            lines.append("Level of need for \(names([person], in: family)): \(entry.level) — \(entry.level.meaning)")
            if let suggested = entry.suggestedLevel {
                lines.append(
                    entry.overrodeSuggestion
                        ? "Suggested L\(suggested.rawValue); the practitioner chose otherwise"
                        : "Agrees with the suggested level")
            }
            if !entry.indicators.isEmpty { lines.append("Indicators: \(entry.indicators.joined(separator: "; "))") }
            lines.append("Reason: \(entry.reason)")
        case .consent, .consentWithdrawn, .moved, .relationshipChange:
            lines.append(householdSummary(entry, in: family))
            if case .consent(let consent) = entry {
                lines.append("Covers: \(consent.scope)")
                if let method = consent.method { lines.append("Given: \(method.label)") }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func summary(_ entry: ChronologyEntry, in family: Family) -> String {
        switch entry {
        case .contact(let contact):
            return
                "Contact from \(contact.caller.summary) about \(names(contact.about, in: family)): \(contact.concernInCallersWords) → \(contact.outcome.label)"
        case .referral(let referral):
            return
                "Referral to \(ServiceNames.name(referral.service)) for \(names(referral.people, in: family)) (\(referral.status.label.lowercased()), \(referral.consent.label.lowercased()))"
        case .note(let note):
            return "Note about \(names(note.about, in: family)): \(note.text.replacingOccurrences(of: "\n", with: " "))"
        case .levelChange(let person, let entry):
            let override = entry.overrodeSuggestion ? " (suggested L\(entry.suggestedLevel!.rawValue), overridden)" : ""
            return "Level for \(names([person], in: family)) set to \(entry.level)\(override): \(entry.reason)"
        case .consent, .consentWithdrawn, .moved, .relationshipChange:
            return householdSummary(entry, in: family)
        }
    }

    /// Consents, moves and relationship changes in a line.
    static func householdSummary(_ entry: ChronologyEntry, in family: Family) -> String {
        func name(_ id: PersonID) -> String { family.member(id)?.givenName ?? id.rawValue }
        switch entry {
        case .consent(let consent):
            let decision = consent.decision == .refused ? "refused" : "given"
            return "Consent \(decision) by \(consent.givenBy): \(consent.scope)"
        case .consentWithdrawn(let consent):
            return "Consent withdrawn by \(consent.givenBy): \(consent.scope)"
        case .moved(let previous):
            return "Moved from \(previous.summary)"
        case .relationshipChange(let event):
            let relationship = event.relationship
            let pair = "\(name(relationship.from)) \(relationship.kind.label) of \(name(relationship.to))"
            switch event.kind {
            case .added: return "Relationship recorded: \(pair)"
            case .changed: return "Relationship changed: \(pair)\(event.previous.map { " (was \($0.label))" } ?? "")"
            case .removed: return "Relationship removed: \(pair)"
            }
        default:
            return summary(entry, in: family)
        }
    }

    static func names(_ ids: [PersonID], in family: Family) -> String {
        ids.isEmpty ? "the family" : ids.map { family.member($0)?.givenName ?? $0.rawValue }.joined(separator: ", ")
    }
}

/// Service names for display.
public enum ServiceNames {
    /// "Bright Start" for `bright-start`; acronyms stay upper case (`csct` → "CSCT").
    public static func name(_ id: ServiceID) -> String {
        let acronyms: Set<String> = ["csct", "camhs", "send", "tys", "asc", "edt"]
        return id.rawValue.split(separator: "-").map { word in
            acronyms.contains(String(word)) ? word.uppercased() : word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
    }

    /// The services the case list can filter by.
    static let filterable: [ServiceID] = [
        "bright-start", "bright-futures", "targeted-youth-support", "csct", "camhs", "disabled-childrens-team",
        "send-support", "adult-social-care", "bright-lives",
    ]
}
