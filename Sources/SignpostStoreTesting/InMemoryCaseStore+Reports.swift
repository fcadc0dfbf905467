import Foundation
import SignpostDomain
import SignpostStore

/// The managers' report queries counted over whole families in memory: the answers the SQLite store's
/// aggregate SQL must agree with.
extension InMemoryCaseStore {
    public func openCaseload() throws -> [CaseloadCount] {
        let families = withState { Array($0.families.values) }
        var counts: [CaseloadKey: Int] = [:]
        for family in families where family.isOpen {
            counts[CaseloadKey(lead: family.leadProfessional?.name, locality: family.locality), default: 0] += 1
        }
        return counts.map {
            CaseloadCount(leadProfessional: $0.key.lead, locality: $0.key.locality, families: $0.value)
        }
    }

    public func contactCounts(on days: [ReportDay]) throws -> [ContactCount] {
        guard let first = days.first?.start, let last = days.last?.end else { return [] }
        let families = withState { Array($0.families.values) }
        var counts: [ContactCountKey: Int] = [:]
        for family in families {
            for contact in family.contacts where contact.receivedAt >= first && contact.receivedAt < last {
                let key = ContactCountKey(
                    day: LondonTime.today(at: contact.receivedAt), outcome: contact.outcome, source: contact.source)
                counts[key, default: 0] += 1
            }
        }
        return counts.map {
            ContactCount(day: $0.key.day, outcome: $0.key.outcome, source: $0.key.source, contacts: $0.value)
        }
    }

    public func decisionTimes(on days: [ReportDay]) throws -> [DecisionTime] {
        guard let first = days.first?.start, let last = days.last?.end else { return [] }
        let families = withState { Array($0.families.values) }
        var counts: [DecisionKey: Int] = [:]
        for family in families {
            let contacts = Dictionary(family.contacts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for referral in family.referrals {
                guard let contactID = referral.contact, let contact = contacts[contactID],
                    contact.receivedAt >= first && contact.receivedAt < last
                else { continue }
                let day = LondonTime.today(at: contact.receivedAt)
                let taken = referral.status == .sent ? nil : referral.outcomeOn.map { day.days(to: $0) }
                counts[DecisionKey(day: day, days: taken), default: 0] += 1
            }
        }
        return counts.map { DecisionTime(contactDay: $0.key.day, daysToDecision: $0.key.days, referrals: $0.value) }
    }

    public func assessmentSpans(from first: CalendarDate, to last: CalendarDate) throws -> [AssessmentSpan] {
        let families = withState { Array($0.families.values) }
        var counts: [SpanKey: Int] = [:]
        for family in families {
            for assessment in family.assessments {
                let started = (first...last).contains(assessment.startedOn)
                let completed = assessment.completedOn.map { (first...last).contains($0) } ?? false
                guard started || completed else { continue }
                counts[SpanKey(started: assessment.startedOn, completed: assessment.completedOn), default: 0] += 1
            }
        }
        return counts.map {
            AssessmentSpan(startedOn: $0.key.started, completedOn: $0.key.completed, assessments: $0.value)
        }
    }

    public func reviewCounts(today: CalendarDate, horizon: CalendarDate) throws -> [ReviewCount] {
        let due = try reviewsDue(by: horizon, leadProfessional: nil, limit: Int.max)
        var counts: [String?: (overdue: Int, soon: Int)] = [:]
        for review in due {
            var count = counts[review.leadProfessional] ?? (0, 0)
            if review.nextReview < today { count.overdue += 1 } else { count.soon += 1 }
            counts[review.leadProfessional] = count
        }
        return counts.map { ReviewCount(leadProfessional: $0.key, overdue: $0.value.overdue, dueSoon: $0.value.soon) }
    }

    public func stepCounts(from first: CalendarDate, to last: CalendarDate) throws -> [StepCount] {
        let families = withState { Array($0.families.values) }
        var counts: [StepKey: Int] = [:]
        for episode in families.flatMap(\.episodes) {
            if episode.closureReason == .steppedUpToSocialCare, let closed = episode.closedOn,
                (first...last).contains(closed)
            {
                counts[StepKey(day: closed, direction: .up), default: 0] += 1
            }
            if episode.steppedDownFrom != nil, (first...last).contains(episode.openedOn) {
                counts[StepKey(day: episode.openedOn, direction: .down), default: 0] += 1
            }
        }
        return counts.map { StepCount(day: $0.key.day, direction: $0.key.direction, episodes: $0.value) }
    }

    public func familiesWithActivity(from first: CalendarDate, to last: CalendarDate, after: FamilyID?, limit: Int)
        throws -> [FamilyID]
    {
        let start = LondonTime.start(of: first)
        let end = LondonTime.start(of: last.adding(days: 1))
        let families = withState { Array($0.families.values) }
        return
            families.filter { family in
                guard after.map({ family.id.rawValue > $0.rawValue }) ?? true else { return false }
                return family.contacts.contains { $0.receivedAt >= start && $0.receivedAt < end }
                    || family.referrals.contains { $0.madeAt >= start && $0.madeAt < end }
                    || family.assessments.contains {
                        (first...last).contains($0.startedOn)
                            || $0.completedOn.map { (first...last).contains($0) } ?? false
                    }
            }
            .map(\.id).sorted { $0.rawValue < $1.rawValue }.prefix(max(limit, 0)).map { $0 }
    }
}

private struct CaseloadKey: Hashable {
    var lead: String?
    var locality: Locality
}

private struct ContactCountKey: Hashable {
    var day: CalendarDate
    var outcome: ContactOutcome
    var source: ContactSource
}

private struct DecisionKey: Hashable {
    var day: CalendarDate
    var days: Int?
}

private struct SpanKey: Hashable {
    var started: CalendarDate
    var completed: CalendarDate?
}

private struct StepKey: Hashable {
    var day: CalendarDate
    var direction: StepDirection
}
