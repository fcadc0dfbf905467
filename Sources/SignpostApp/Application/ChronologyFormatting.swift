import Foundation
import SignpostDomain

/// Chronology entries in words, for the family screen and `signpost show`.
public enum ChronologyFormatting {
    /// One line: when, what, about whom, by whom. Significant events start with `!`.
    public static func line(_ entry: ChronologyEntry, in family: Family) -> String {
        let flag = entry.isSignificant ? "! " : "  "
        let author = entry.author.isEmpty ? "" : " [\(entry.author)]"
        return "\(flag)\(when(entry))  \(summary(entry, in: family))\(author)"
    }

    /// The entry in full, every field, for reading.
    public static func full(_ entry: ChronologyEntry, in family: Family) -> String {
        let time = when(entry).trimmingCharacters(in: .whitespaces)
        var lines = [entry.author.isEmpty ? time : "\(time), recorded by \(entry.author)"]
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
            lines.append(
                "\(note.kind == .other ? "Case note" : note.kind.label) about \(names(note.about, in: family))")
            lines.append("")
            lines.append(note.currentText)
            if note.isAmended {
                // The note is never edited in place: every earlier version stays readable here.
                lines.append("")
                lines.append(
                    "Amended \(note.amendments.count == 1 ? "once" : "\(note.amendments.count) times"); every version is kept:"
                )
                lines.append("")
                lines.append("Original, written \(LondonTime.timestamp(note.writtenAt)) by \(note.author):")
                lines.append(note.text)
                for amendment in note.amendments {
                    lines.append("")
                    lines.append(
                        "Amended \(LondonTime.timestamp(amendment.amendedAt)) by \(amendment.by), because: \(amendment.reason)"
                    )
                    lines.append(amendment.text)
                }
            }
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
        case .episodeOpened, .episodeClosed, .referralOutcome, .leadProfessionalChange, .meeting:
            lines += lifecycleDetails(entry, in: family)
        case .caseEvent(let event):
            lines += caseEventDetails(event, in: family)
        case .assessmentStarted(let assessment), .assessmentCompleted(let assessment):
            lines.append(summary(entry, in: family))
            lines.append("Status now: \(assessment.status.label)")
            if !assessment.whatLedToAssessment.isEmpty {
                lines.append("What led to it: \(assessment.whatLedToAssessment)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The entry's time; entries that happened on a day rather than at a moment (an episode opened, an
    /// outcome dated) show the day alone.
    static func when(_ entry: ChronologyEntry) -> String {
        // Padded to the width of "dd/mm/yyyy hh:mm" so that every line's text starts in one column.
        func day(_ date: CalendarDate) -> String { date.british + "      " }
        switch entry {
        case .episodeOpened(let episode): return day(episode.openedOn)
        case .episodeClosed(let episode): return day(episode.closedOn ?? episode.openedOn)
        case .referralOutcome(let referral): return referral.outcomeOn.map(day) ?? LondonTime.timestamp(entry.at)
        case .leadProfessionalChange(let change): return day(change.on)
        case .meeting(let meeting): return day(meeting.heldOn)
        case .assessmentStarted(let assessment): return day(assessment.startedOn)
        case .assessmentCompleted(let assessment): return day(assessment.completedOn ?? assessment.startedOn)
        case .caseEvent(let event): return caseEventDay(event).map(day) ?? LondonTime.timestamp(entry.at)
        // A consent and a move are kept by the day, as they were given: no time is made up for them.
        case .consent(let consent): return day(consent.givenOn)
        case .consentWithdrawn(let consent): return day(consent.withdrawnOn ?? consent.givenOn)
        case .moved(let previous): return day(previous.until)
        default: return LondonTime.timestamp(entry.at)
        }
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
            let kind = note.kind == .other ? "Note" : note.kind.label
            let amended = note.isAmended ? " (amended)" : ""
            return
                "\(kind) about \(names(note.about, in: family))\(amended): \(note.currentText.replacingOccurrences(of: "\n", with: " "))"
        case .levelChange(let person, let entry):
            let override = entry.overrodeSuggestion ? " (suggested L\(entry.suggestedLevel!.rawValue), overridden)" : ""
            return "Level for \(names([person], in: family)) set to \(entry.level)\(override): \(entry.reason)"
        case .consent, .consentWithdrawn, .moved, .relationshipChange:
            return householdSummary(entry, in: family)
        case .episodeOpened(let episode):
            let lead = episode.leadProfessional.map { ", lead \($0)" } ?? ""
            let why = episode.openedBecause.map { ": \($0)" } ?? ""
            let from = episode.steppedDownFrom == nil ? "" : " (stepped down from social care)"
            return "Episode opened with \(ServiceNames.name(episode.service))\(from)\(lead)\(why)"
        case .episodeClosed(let episode):
            return
                "Episode with \(ServiceNames.name(episode.service)) closed: \(episode.closureReason?.label ?? "no reason recorded")"
        case .referralOutcome(let referral):
            let why = (referral.outcomeReason ?? "").isEmpty ? "" : ": \(referral.outcomeReason ?? "")"
            return "Referral to \(ServiceNames.name(referral.service)) \(referral.status.label.lowercased())\(why)"
        case .leadProfessionalChange(let change):
            let who = change.professional?.summary ?? "no lead professional"
            return "Lead professional now \(who): \(change.reason)"
        case .caseEvent(let event):
            return caseEventSummary(event, in: family)
        case .meeting(let meeting) where meeting.kind == .adHoc:
            return
                "Ad-hoc meeting: \(meeting.actions.count) action\(meeting.actions.count == 1 ? "" : "s"); review date unchanged"
        case .meeting(let meeting) where meeting.kind == .review:
            return
                "Review held: \(meeting.actions.count) action\(meeting.actions.count == 1 ? "" : "s"), next review \(meeting.nextReview.british)"
        case .meeting(let meeting):
            return
                "Team around the family meeting: \(meeting.actions.count) action\(meeting.actions.count == 1 ? "" : "s"), next review \(meeting.nextReview.british)"
        case .assessmentStarted(let assessment):
            return "Early help assessment (CAF) started for \(names([assessment.subject], in: family))"
        case .assessmentCompleted(let assessment):
            return "Early help assessment (CAF) completed for \(names([assessment.subject], in: family))"
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

    /// The lines of an episode, a referral's outcome or a change of lead professional, read in full.
    private static func lifecycleDetails(_ entry: ChronologyEntry, in family: Family) -> [String] {
        var lines: [String] = []
        switch entry {
        case .episodeOpened(let episode), .episodeClosed(let episode):
            lines.append(
                "Early-help episode with \(ServiceNames.name(episode.service)), opened \(episode.openedOn.british)")
            if let why = episode.openedBecause { lines.append("Opened because: \(why)") }
            if let lead = episode.leadProfessional { lines.append("Lead professional: \(lead)") }
            if let second = episode.concurrentReason {
                lines.append("Opened beside another episode because: \(second)")
            }
            if let history = episode.steppedDownFrom { lines.append("Stepped down from social care: \(history)") }
            for hold in episode.suspensionHistory {
                lines.append("On hold from \(hold.from.british) (\(hold.suspendedBy)): \(hold.reason)")
                if let resumed = hold.resumedOn {
                    lines.append("Resumed \(resumed.british) (\(hold.resumedBy ?? "")): \(hold.resumeReason ?? "")")
                }
            }
            if let closed = episode.closedOn {
                lines.append(
                    "Closed \(closed.british): \(episode.closureReason?.label ?? "no reason recorded")"
                        + (episode.closedBy.map { ", by \($0)" } ?? ""))
            }
        case .referralOutcome(let referral):
            lines.append("Referral to \(ServiceNames.name(referral.service)) for \(names(referral.people, in: family))")
            lines.append("Sent \(LondonTime.timestamp(referral.madeAt)) by \(referral.madeBy)")
            lines.append("\(referral.status.label) on \(referral.outcomeOn?.british ?? "a day not recorded")")
            if let why = referral.outcomeReason, !why.isEmpty { lines.append("Why: \(why)") }
        case .leadProfessionalChange(let change):
            lines.append("Lead professional from \(change.on.british): \(change.professional?.summary ?? "none")")
            lines.append("Before: \(change.previous?.summary ?? "none")")
            let contact = [change.professional?.phone ?? "", change.professional?.email ?? ""].filter { !$0.isEmpty }
            if !contact.isEmpty { lines.append("Contact: \(contact.joined(separator: ", "))") }
            lines.append("Reason: \(change.reason)")
        case .meeting(let meeting):
            lines.append("\(meeting.kind.label) on \(meeting.heldOn.british)")
            lines.append("Attending: \(meeting.attendees.joined(separator: ", "))")
            lines.append("The family's views: \(meeting.familyViews.isEmpty ? "not recorded" : meeting.familyViews)")
            lines.append("The child's views: \(meeting.childViews.isEmpty ? "not recorded" : meeting.childViews)")
            lines.append(meeting.actions.isEmpty ? "No actions agreed" : "Actions:")
            for action in meeting.actions {
                lines.append("- \(action.who): \(action.what), by \(action.byWhen.british)")
            }
            lines.append(
                meeting.kind == .adHoc
                    ? "Review date unchanged: \(meeting.nextReview.british)"
                    : "Next review: \(meeting.nextReview.british)")
        default:
            break
        }
        return lines
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
