import Foundation
import SignpostDomain
import SignpostTerminal

/// A family's record as plain text, for `signpost show`.
enum FamilyReport {
    static func text(_ family: Family, today: CalendarDate, significantOnly: Bool) -> String {
        var lines: [String] = []
        lines.append("\(family.name) family (\(family.id)) — \(family.locality.label) locality")
        lines.append("Address: \(family.address.singleLine)")
        let interpreter = family.interpreterNeeded ? "; interpreter needed" : ""
        lines.append("Languages: \(family.languages.joined(separator: ", "))\(interpreter)")
        if !family.accessNotes.isEmpty { lines.append("Access: \(family.accessNotes)") }
        if let lead = family.leadProfessional { lines.append("Lead professional: \(lead.summary)") }
        lines.append("")
        lines.append("Members")
        for person in family.members {
            let level = person.currentLevel.map { $0.description } ?? "no level set"
            var line = "  \(person.fullName) (\(person.id)): \(person.role.label), \(person.ageDescription(on: today)), \(level)"
            if !person.alsoKnownAs.isEmpty { line += "; also known as \(person.alsoKnownAs.joined(separator: ", "))" }
            if person.needs.isRecorded { line += "; SEND/disability: \(person.needs.details)" }
            lines.append(line)
            for (kind, other) in family.relationships(of: person.id) {
                if let other = family.member(other) { lines.append("    \(kind.label) of \(other.fullName)") }
            }
        }
        lines.append("")
        lines.append("Services: " + (family.openServices.isEmpty ? "none open" : family.openServices.map(\.rawValue).joined(separator: ", ")))
        for episode in family.episodes {
            let state = episode.closedOn.map { "closed \($0.short) (\(episode.closureReason?.label ?? "no reason"))" } ?? "open"
            lines.append("  \(episode.service) from \(episode.openedOn.short), \(state)")
        }
        if !family.teamAroundFamily.isEmpty {
            lines.append("Team around the family")
            for member in family.teamAroundFamily { lines.append("  \(member.summary)") }
        }
        if !family.assessments.isEmpty {
            lines.append("")
            lines.append("Early help assessments (CAF)")
            for assessment in family.assessments {
                let subject = family.member(assessment.subject)?.fullName ?? assessment.subject.rawValue
                lines.append("  \(assessment.id) for \(subject): \(assessment.status.label), started \(assessment.startedOn.short)")
            }
        }
        lines.append("")
        lines.append(significantOnly ? "Chronology (significant events), newest first" : "Chronology, newest first")
        for entry in family.chronology(significantOnly: significantOnly) {
            lines.append("  " + ChronologyText.line(entry, in: family))
        }
        return lines.map(TextSafety.visible).joined(separator: "\n")
    }
}

/// One chronology entry in words.
enum ChronologyText {
    static func line(_ entry: ChronologyEntry, in family: Family) -> String {
        let when = timestamp(entry.at)
        func names(_ ids: [PersonID]) -> String {
            ids.isEmpty ? "family" : ids.map { family.member($0)?.givenName ?? $0.rawValue }.joined(separator: ", ")
        }
        let flag = entry.isSignificant ? "! " : "  "
        switch entry {
        case .contact(let contact):
            return "\(flag)\(when) contact from \(contact.caller.summary) about \(names(contact.about)): \(contact.concernInCallersWords) → \(contact.outcome.label) [\(contact.recordedBy)]"
        case .referral(let referral):
            return "\(flag)\(when) referral to \(referral.service) for \(names(referral.people)), \(referral.urgency.label.lowercased()), \(referral.status.label.lowercased()), \(referral.consent.label.lowercased()) [\(referral.madeBy)]"
        case .note(let note):
            return "\(flag)\(when) note about \(names(note.about)): \(note.text) [\(note.author)]"
        case .levelChange(let person, let level):
            let override = level.overrodeSuggestion ? " (suggested L\(level.suggestedLevel!.rawValue), overridden)" : ""
            return "\(flag)\(when) level for \(names([person])) set to \(level.level)\(override): \(level.reason) [\(level.setBy)]"
        }
    }

    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .london
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%02d/%02d/%04d %02d:%02d", parts.day!, parts.month!, parts.year!, parts.hour!, parts.minute!)
    }
}
