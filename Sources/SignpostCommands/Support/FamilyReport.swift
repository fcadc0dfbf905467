import Foundation
import SignpostApp
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
            var line =
                "  \(person.fullName) (\(person.id)): \(person.role.label), \(person.ageDescription(on: today)), \(level)"
            if !person.alsoKnownAs.isEmpty { line += "; also known as \(person.alsoKnownAs.joined(separator: ", "))" }
            if person.needs.isRecorded { line += "; SEND/disability: \(person.needs.details)" }
            lines.append(line)
            for (kind, other) in family.relationships(of: person.id) {
                if let other = family.member(other) { lines.append("    \(kind.label) of \(other.fullName)") }
            }
        }
        lines.append("")
        lines.append(
            "Services: "
                + (family.openServices.isEmpty
                    ? "none open" : family.openServices.map(\.rawValue).joined(separator: ", ")))
        for episode in family.episodes {
            let state =
                episode.closedOn.map { "closed \($0.short) (\(episode.closureReason?.label ?? "no reason"))" } ?? "open"
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
                lines.append(
                    "  \(assessment.id) for \(subject): \(assessment.status.label), started \(assessment.startedOn.short)"
                )
            }
        }
        lines.append("")
        lines.append(significantOnly ? "Chronology (significant events), newest first" : "Chronology, newest first")
        for entry in family.chronology(significantOnly: significantOnly) {
            lines.append("  " + ChronologyFormatting.line(entry, in: family))
        }
        return lines.map { visible($0) }.joined(separator: "\n")
    }
}
