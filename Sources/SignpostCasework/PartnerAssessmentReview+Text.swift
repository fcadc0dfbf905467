import Foundation
import SignpostDomain
import SignpostStore

extension PartnerAssessmentReview {
    /// The review as lines of text: the file and its author, the child, every problem and note with its path,
    /// and who the child is in the store: what `signpost caf import` prints and the review screen opens with.
    ///
    /// ```swift
    /// review.summaryLines(openAssessment: nil).first  // "Partner assessment caf.json (signpost-caf/1)"
    /// ```
    public func summaryLines(openAssessment: EarlyHelpAssessment?) -> [String] {
        var lines = ["Partner assessment \(file) (\(PartnerAssessmentDocument.currentFormat))"]
        if let document = reading.document {
            lines.append(
                "Written by \(document.writtenBy.summary) on \(document.writtenBy.writtenOn.british)")
            let born =
                document.child.dateOfBirth.map { "born \($0.british)" }
                ?? document.child.expectedDeliveryDate.map { "expected \($0.british)" } ?? ""
            lines.append(
                "Child: \([document.child.fullName, born, document.child.postcode].filter { !$0.isEmpty }.joined(separator: ", "))"
            )
            let needs = document.elements.values.filter { $0.rating == .need }.count
            let strengths = document.elements.values.filter { $0.rating == .strength }.count
            lines.append(
                "Assessment: \(document.status.label.lowercased()), started \(document.startedOn.british); "
                    + "\(needs) need\(needs == 1 ? "" : "s"), \(strengths) strength\(strengths == 1 ? "" : "s") "
                    + "of \(AssessmentElement.allCases.count) elements")
        }
        if !reading.problems.isEmpty {
            lines.append(
                "Refused: \(reading.problems.count) problem\(reading.problems.count == 1 ? "" : "s"); nothing can be imported until the partner corrects them:"
            )
            lines += reading.problems.map { "  \($0)" }
        }
        if !reading.notes.isEmpty {
            lines.append("Notes:")
            lines += reading.notes.map { "  \($0)" }
        }
        guard reading.document != nil else { return lines }
        switch match {
        case .certain(let person):
            lines.append("Match: certain: \(Self.describe(person))")
        case .choose(let people):
            lines.append(
                "Match: not certain: \(people.count) \(people.count == 1 ? "person" : "people") may be the child; the reviewer chooses:"
            )
            lines += people.map { "  \(Self.describe($0))" }
        case .none:
            lines.append("Match: no one recorded looks like the child; it can be added as a new family")
        }
        if let open = openAssessment {
            lines.append(
                "Warning: a CAF for this child is already open (\(open.id), \(open.status.label.lowercased()), started "
                    + "\(open.startedOn.british)); importing adds another")
        }
        return lines
    }

    /// "P-2 Ava Quillfeather, F-1 Quillfeather family, born 14/03/2019, N7 8ZZ: first name matches, …".
    public static func describe(_ match: PersonMatch) -> String {
        let born = match.dateOfBirth.map { "born \($0.british)" } ?? "date of birth not recorded"
        let postcode = match.postcode.isEmpty ? "no postcode" : match.postcode
        return "\(match.personID) \(match.personName), \(match.familyID) \(match.familyName) family, \(born), "
            + "\(postcode): \(match.reasonText)"
    }
}
