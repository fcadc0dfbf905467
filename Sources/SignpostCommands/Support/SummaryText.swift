import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// One family as a line of text for `list` and `search`.
enum SummaryText {
    static func row(_ summary: FamilySummary, today: CalendarDate, reason: String? = nil) -> String {
        let level = summary.highestLevel.map { "L\($0.rawValue)" } ?? "L-"
        let members = summary.members.map { member in
            "\(member.givenName) \(memberAge(member, today: today))"
        }.joined(separator: ", ")
        let services =
            summary.openServices.isEmpty ? "closed" : summary.openServices.map(\.rawValue).joined(separator: "+")
        var line = "\(summary.id)  \(level)  \(summary.name) (\(summary.postcode))  \(members)  [\(services)]"
        if let lead = summary.leadProfessional { line += "  lead: \(lead)" }
        if let reason { line += "  — \(reason)" }
        return visible(line)
    }

    static func memberAge(_ member: MemberSummary, today: CalendarDate) -> String {
        let person = Person(
            id: member.id, role: member.role, givenName: member.givenName, familyName: member.familyName,
            dateOfBirth: member.dateOfBirth, expectedDeliveryDate: member.expectedDeliveryDate)
        return person.ageDescription(on: today)
    }
}

/// One family as a JSON line for `list --json` and `search --json`.
enum SummaryJSON {
    struct Line: Encodable {
        var id: String
        var name: String
        var postcode: String
        var locality: String
        var highestLevel: Int?
        var openServices: [String]
        var leadProfessional: String?
        var lastActivity: Date
        var members: [MemberSummary]
        var matched: String?
    }

    /// One family's summary as one line of JSON, with its line break.
    static func line(_ summary: FamilySummary, today: CalendarDate, matched: String? = nil) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = Timestamp.encodingStrategy
        let line = Line(
            id: summary.id.rawValue, name: summary.name, postcode: summary.postcode,
            locality: summary.locality.rawValue, highestLevel: summary.highestLevel?.rawValue,
            openServices: summary.openServices.map(\.rawValue), leadProfessional: summary.leadProfessional,
            lastActivity: summary.lastActivity, members: summary.members, matched: matched)
        return try encoder.encode(line) + Data("\n".utf8)
    }
}
