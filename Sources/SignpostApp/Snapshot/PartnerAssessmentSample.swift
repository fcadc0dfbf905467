import Foundation
import SignpostDomain

/// A partner's assessment of a family's first child, in the `signpost-caf/1` format, for the import review's
/// snapshot: written by a fictional school, with a long paragraph that must wrap and one problem-free match.
enum PartnerAssessmentSample {
    /// The document as a partner would send it.
    static func document(for child: Person, in family: Family) throws -> Data {
        let born = child.dateOfBirth ?? child.expectedDeliveryDate
        let carers = family.members.filter { $0.role.isAdult }.prefix(1).map { carer -> [String: Any] in
            ["name": carer.fullName, "relationship": "Mother", "hasParentalResponsibility": true]
        }
        let document: [String: Any] = [
            "format": PartnerAssessmentDocument.currentFormat,
            "writtenBy": [
                "organisation": "Fiddlesticks Nursery School", "author": "Dee Okafor",
                "role": "Designated safeguarding lead", "writtenOn": "2026-11-20",
            ],
            "child": [
                "givenName": child.givenName, "familyName": child.familyName,
                (child.dateOfBirth == nil ? "expectedDeliveryDate" : "dateOfBirth"): born?.iso ?? "2024-01-01",
                "gender": child.gender.rawValue, "address": family.address.lines.first ?? "",
                "postcode": family.address.postcode, "firstLanguage": child.firstLanguage,
            ],
            "parentsAndCarers": carers,
            "assessment": [
                "status": "draft", "startedOn": "2026-11-10",
                "whatLedToAssessment":
                    "Staff noticed that \(child.givenName) uses very few words for their age, is often tired in the "
                    + "mornings and has found it hard to settle since the family's move in the summer.",
                "elements": [
                    "speech-language-communication": [
                        "rating": "need", "evidence": "About 20 words; understands more than they say.",
                    ],
                    "basic-care-safety": ["rating": "strength", "evidence": "Always well cared for."],
                ],
                "actions": [
                    [
                        "who": "Dee Okafor", "what": "Refer to speech and language therapy",
                        "byWhen": "2026-12-04",
                    ]
                ],
            ],
            "views": ["child": "Likes the sand tray.", "parent": "Wants help with talking."],
            "consent": [
                "toShare": [
                    "decision": "given", "givenBy": carers.first?["name"] as? String ?? "Parent",
                    "givenOn": "2026-11-10", "agencies": ["Speech and language therapy"],
                ]
            ],
            "servicesInvolved": ["Health visiting"],
            "interpreter": ["needed": false],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }
}
