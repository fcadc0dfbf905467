import Foundation

/// Works out where a situation leads, in one go: the pathways walked for every person with no questions asked.
///
/// It is the interactive ``NavigatorWalk`` auto-answered from the situation:
/// the two share one replay, so they always agree. A question the situation
/// cannot answer (unknown consent, unknown concerns) ends that person's walk
/// with a warning; the other people are still walked.
///
/// ```swift
/// let result = Navigator().evaluate(situation, at: Date())
/// print(result.text)
/// ```
public struct Navigator: Sendable {
    public let pathways: Pathways

    public init(pathways: Pathways = .islington) { self.pathways = pathways }

    /// The destinations, levels, path and warnings for `situation` at `instant` (London time decides office hours).
    public func evaluate(_ situation: Situation, at instant: Date) -> NavigationResult {
        WalkRun(pathways: pathways, situation: situation, at: instant, given: [:], stopAtUnknown: false).result()
    }
}

extension WalkRun {
    /// The reached destinations merged by service, with levels and warnings.
    func result() -> NavigationResult {
        let directory = pathways.directory
        var order: [ServiceID] = []
        var merged: [ServiceID: NavigationDestination] = [:]
        for (person, destination, why) in reached {
            let service = directory[destination.service]
            if var existing = merged[destination.service] {
                if !existing.people.contains(person) { existing.people.append(person) }
                existing.urgency = max(existing.urgency, destination.urgency)
                // A reason to contact the service that needs no consent (safeguarding, urgency) stands without it.
                existing.consentRequired = existing.consentRequired && destination.consentRequired
                if destination.kind == .referral { existing.kind = .referral }
                // A contact to make now outweighs a follow-up on the next working day.
                if !destination.nextWorkingDay { existing.followUp = nil }
                for action in destination.actions where !existing.actions.contains(action) {
                    existing.actions.append(action)
                }
                if !existing.why.contains(where: { $0.person == person }) {
                    existing.why.append(DestinationReason(person: person, path: why))
                }
                merged[destination.service] = existing
            } else {
                order.append(destination.service)
                merged[destination.service] = NavigationDestination(
                    service: destination.service, name: service?.name ?? destination.service.rawValue, people: [person],
                    urgency: destination.urgency, consentRequired: destination.consentRequired, kind: destination.kind,
                    contact: contact(for: destination.service), actions: destination.actions,
                    why: [DestinationReason(person: person, path: why)],
                    followUp: destination.nextWorkingDay ? followUp(for: destination.service) : nil)
            }
        }
        // People in the situation's order, whatever order their walks reached the service in.
        let rank = Dictionary(
            situation.people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var destinations = order.compactMap { merged[$0] }
        for index in destinations.indices {
            destinations[index].people.sort { rank[$0, default: 0] < rank[$1, default: 0] }
            destinations[index].why.sort { rank[$0.person, default: 0] < rank[$1.person, default: 0] }
        }
        // Most urgent first; among equals, the order the walk reached them (999 before the team that follows it).
        destinations = destinations.enumerated().sorted {
            ($0.element.urgency, -$0.offset) > ($1.element.urgency, -$1.offset)
        }.map(\.element)

        var allWarnings: [String] = []
        var levels: [PersonLevel] = []
        let today = LondonTime.today(at: instant)
        for person in situation.people {
            let suggestion = situation.suggestedLevel(for: person, today: today)
            levels.append(
                PersonLevel(
                    person: person.id, name: person.displayName, level: person.level ?? suggestion?.level,
                    suggested: person.level == nil && suggestion != nil,
                    suggestedLevel: suggestion?.level, reasons: suggestion?.reasons ?? []))
            if let given = person.level, let suggestion, given < suggestion.level {
                allWarnings.append(
                    "\(person.displayName): level \(given.rawValue) given, lower than the suggested level "
                        + "\(suggestion.level.rawValue) (\(suggestion.reasons.joined(separator: "; "))); record why")
            }
            if person.unborn, let expected = person.expectedDate, expected < today {
                allWarnings.append(
                    "\(person.displayName): the expected date \(expected.british) has passed; record the date of birth")
            }
        }
        allWarnings += warnings
        if !directory.holidays.isConfirmed(today) {
            allWarnings.append(
                "Bank holidays for \(today.year) are worked out from England's rules, not confirmed by the pathways "
                    + "file: check for any extra or moved bank holiday")
        }
        for destination in destinations
        where destination.urgency > .routine && !destination.contact.openNow && destination.followUp == nil {
            if let alternative = destination.contact.alternative, let phone = destination.contact.alternativePhone {
                let name = directory[alternative]?.name ?? alternative.rawValue
                allWarnings.append(
                    "\(destination.name) is closed now (\(destination.contact.status)): if it cannot wait, \(name) on \(phone)"
                )
            }
        }
        return NavigationResult(
            destinations: destinations, levels: levels, path: path, warnings: allWarnings, at: Timestamp.text(instant))
    }

    private func contact(for id: ServiceID) -> ServiceContact {
        guard let service = pathways.directory[id] else {
            return ServiceContact(
                name: id.rawValue, phones: [], email: nil, url: nil, openNow: false, status: "Not in the directory",
                openUntil: nil, opensAt: nil, alternative: nil, alternativePhone: nil)
        }
        let availability = service.availability(at: instant)
        var openUntil: String?
        var opensAt: String?
        var alternative: ServiceID?
        switch availability {
        case .open(let until): openUntil = until.map(Timestamp.text)
        case .closed(let opens, let other):
            opensAt = opens.map(Timestamp.text)
            alternative = other
        }
        return ServiceContact(
            name: service.contact.isEmpty ? service.name : service.contact, phones: service.phones,
            email: service.email,
            url: service.url, openNow: availability.isOpen, status: availability.summary, openUntil: openUntil,
            opensAt: opensAt, alternative: alternative,
            alternativePhone: alternative.flatMap { pathways.directory[$0]?.phones.first?.number },
            alternativeName: alternative.flatMap { pathways.directory[$0]?.name },
            sessions: service.sessions.map(\.description))
    }

    /// "next working day: opens Mon 29/12/2025 09:00" for a follow-up at a service that is closed now.
    private func followUp(for id: ServiceID) -> String {
        guard let service = pathways.directory[id] else { return "next working day" }
        switch service.availability(at: instant) {
        case .closed(let opens?, _): return "next working day: opens \(ServiceAvailability.londonWhen(opens))"
        case .open: return "next working day: it is open now, so today"
        case .closed(nil, _): return "next working day"
        }
    }
}
