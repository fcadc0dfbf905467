extension NavigationResult {
    /// The result as plain text for a terminal: destinations first, then levels and warnings.
    ///
    /// ```text
    /// 1. Bright Start (routine, referral, needs consent): ava
    ///    020 7527 8376 (Family support surgeries) · Open until Mon 23/11/2026 12:00
    ///    - Complete the early help request form …
    ///    why (ava): Is this person in immediate danger? No → …
    /// ```
    public var text: String {
        let names = Dictionary(levels.map { ($0.person, $0.name) }, uniquingKeysWith: { first, _ in first })
        func name(_ person: PersonID) -> String { names[person] ?? person.rawValue }
        var lines: [String] = []
        if destinations.isEmpty { lines.append("No destinations: nothing was raised that needs a service.") }
        for (index, destination) in destinations.enumerated() {
            let people = destination.people.map(name).joined(separator: ", ")
            let consent = destination.consentRequired ? "needs consent" : "no consent needed"
            let when = destination.followUp ?? destination.urgency.label.lowercased()
            lines.append(
                "\(index + 1). \(destination.name) (\(when), \(destination.kind.rawValue), \(consent)): \(people)")
            var routes = destination.contact.phones.map { $0.label.isEmpty ? $0.number : "\($0.number) (\($0.label))" }
            if let email = destination.contact.email { routes.append(email) }
            if let url = destination.contact.url { routes.append(url) }
            lines.append("   \(routes.joined(separator: " · ")) · \(destination.contact.status)")
            for session in destination.contact.sessions { lines.append("   Drop-in: \(session)") }
            if let alternative = destination.contact.alternative, !destination.contact.openNow,
                destination.followUp == nil
            {
                let name = destination.contact.alternativeName ?? alternative.rawValue
                lines.append("   Now: \(name)\(destination.contact.alternativePhone.map { " on \($0)" } ?? "")")
            }
            for action in destination.actions { lines.append("   - \(action)") }
            for reason in destination.why {
                lines.append("   why (\(name(reason.person))): \(reason.path.joined(separator: " → "))")
            }
        }
        lines.append("")
        lines.append("Levels:")
        for level in levels {
            let shown = level.level.map { "\($0)" } ?? "not known"
            let how = level.suggested ? " (suggested)" : ""
            lines.append("  \(level.name): \(shown)\(how)")
            for reason in level.reasons { lines.append("    · \(reason)") }
        }
        if !warnings.isEmpty {
            lines.append("")
            lines.append("Warnings:")
            for warning in warnings { lines.append("  ! \(warning)") }
        }
        return lines.joined(separator: "\n")
    }
}
