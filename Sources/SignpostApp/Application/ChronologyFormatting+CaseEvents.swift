import Foundation
import SignpostDomain

/// Social-care statuses, episodes on hold and team changes in words, for the chronology.
extension ChronologyFormatting {
    /// The day a case event happened on, when it happened on a day rather than at a moment.
    static func caseEventDay(_ event: CaseEvent) -> CalendarDate? {
        switch event {
        case .socialCareBegan(let record): return record.from
        case .socialCareEnded(let record): return record.endedOn
        case .episodeSuspended(_, let hold): return hold.from
        case .episodeResumed(_, let hold): return hold.resumedOn
        case .teamChange(let change): return change.on
        }
    }

    /// One line: "Social care: child protection plan for Ava (referral to CSCT accepted)".
    static func caseEventSummary(_ event: CaseEvent, in family: Family) -> String {
        switch event {
        case .socialCareBegan(let record):
            let source = record.sourceReferral == nil ? "" : " (stepped up: referral to CSCT accepted)"
            return "Social care: \(record.status.label) for \(names([record.person], in: family)) began\(source)"
        case .socialCareEnded(let record):
            return
                "Social care: \(record.status.label) for \(names([record.person], in: family)) ended: \(record.endReason ?? "no reason recorded")"
        case .episodeSuspended(let episode, let hold):
            return "Episode with \(ServiceNames.name(episode.service)) put on hold: \(hold.reason)"
        case .episodeResumed(let episode, let hold):
            return "Episode with \(ServiceNames.name(episode.service)) resumed: \(hold.resumeReason ?? "")"
        case .teamChange(let change):
            let verb = change.kind == .added ? "joined" : "left"
            // "Team", not "Team around the family": the line keeps room for the role and agency at 80 columns.
            return "Team: \(change.professional.summary) \(verb)"
        }
    }

    /// The event read in full.
    static func caseEventDetails(_ event: CaseEvent, in family: Family) -> [String] {
        var lines = [caseEventSummary(event, in: family)]
        switch event {
        case .socialCareBegan(let record), .socialCareEnded(let record):
            lines.append("Status: \(record.span)")
            lines.append("Recorded by \(record.recordedBy)")
            if let referral = record.sourceReferral { lines.append("Began when referral \(referral) was accepted") }
            if let ended = record.endedOn {
                lines.append("Ended \(ended.british) by \(record.endedBy ?? "?"): \(record.endReason ?? "")")
            }
        case .episodeSuspended(let episode, let hold), .episodeResumed(let episode, let hold):
            lines.append("Episode opened \(episode.openedOn.british); on hold from \(hold.from.british)")
            lines.append("Put on hold by \(hold.suspendedBy): \(hold.reason)")
            if let resumed = hold.resumedOn {
                lines.append("Resumed \(resumed.british) by \(hold.resumedBy ?? "?"): \(hold.resumeReason ?? "")")
            }
        case .teamChange(let change):
            lines.append("Name: \(change.professional.name)")
            lines.append("Role: \(change.professional.role.isEmpty ? "not recorded" : change.professional.role)")
            lines.append(
                "Agency: \(change.professional.organisation.isEmpty ? "not recorded" : change.professional.organisation)"
            )
            let contact = [change.professional.phone, change.professional.email].filter { !$0.isEmpty }
            if !contact.isEmpty { lines.append("Contact: \(contact.joined(separator: ", "))") }
            lines.append(
                "\(change.kind == .added ? "Added" : "Removed") from \(change.on.british) by \(change.recordedBy)")
        }
        return lines
    }
}
