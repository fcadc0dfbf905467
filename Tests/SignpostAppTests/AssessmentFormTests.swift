import Foundation
import SignpostDomain
import Testing

@testable import SignpostApp

@Suite("Assessment form")
struct AssessmentFormTests {
    let today = try! CalendarDate(iso: "2026-11-23")

    @Test("every element of the three domains has a rating and an evidence field, in form order")
    func everyElementIsOnTheForm() {
        let form = AssessmentForm(EarlyHelpAssessment(id: "A-1", subject: "P-1", startedOn: today))
        for element in AssessmentElement.allCases {
            #expect(form.fields.contains { $0.id == "\(element.rawValue)-rating" })
            #expect(form.fields.contains { $0.id == "\(element.rawValue)-evidence" })
        }
        let sections = form.fields.map(\.section)
        #expect(sections == sections.sorted(), "fields must run section by section")
    }

    @Test("each missing field validation names can be found on the form once its rows exist")
    func missingFieldsMapToFormFields() {
        var assessment = EarlyHelpAssessment(id: "A-1", subject: "P-1", startedOn: today)
        assessment.parentsAndCarers = [ParentCarerDetails(name: "", relationship: "")]
        assessment.actions = [AssessmentAction(who: "", what: "", byWhen: nil)]
        assessment.reviews = []
        let form = AssessmentForm(assessment)
        for missing in assessment.missingRequiredFields() where missing != .reviewDate {
            #expect(form.index(of: missing) != nil, "no field for \(missing.label)")
        }
    }

    @Test("dates are parsed in both forms and an impossible date is refused with a reason")
    func dateFields() throws {
        var assessment = EarlyHelpAssessment(id: "A-1", subject: "P-1", startedOn: today)
        let form = AssessmentForm(assessment)
        let field = try #require(form.fields.first { $0.id == "dob" })
        try field.write(&assessment, "14/03/2022")
        #expect(assessment.identifying.dateOfBirth == (try CalendarDate(iso: "2022-03-14")))
        #expect(field.display(assessment) == "14/03/2022")
        #expect(throws: AssessmentFieldError.self) { try field.write(&assessment, "31/04/2025") }
        #expect(
            assessment.identifying.dateOfBirth == (try CalendarDate(iso: "2022-03-14")),
            "a refused value changes nothing")
        try field.write(&assessment, "")
        #expect(assessment.identifying.dateOfBirth == nil)
    }

    @Test("rating an element and writing evidence fill exactly that element")
    func elementFields() throws {
        var assessment = EarlyHelpAssessment(id: "A-1", subject: "P-1", startedOn: today)
        let form = AssessmentForm(assessment)
        let rating = try #require(form.fields.first { $0.id == "learning-rating" })
        let evidence = try #require(form.fields.first { $0.id == "learning-evidence" })
        try rating.write(&assessment, "need")
        #expect(assessment.missingRequiredFields().contains(.elementEvidence(.learning)))
        try evidence.write(&assessment, "Attendance 71% this term")
        #expect(
            assessment.elements[.learning] == ElementAssessment(rating: .need, evidence: "Attendance 71% this term"))
        #expect(!assessment.missingRequiredFields().contains(.element(.learning)))
        #expect(rating.display(assessment) == "Need")
    }

    @Test("filling every required field through the form lets the assessment complete")
    func completeThroughTheForm() throws {
        var assessment = EarlyHelpAssessment(id: "A-1", subject: "P-1", startedOn: today)
        assessment.parentsAndCarers = [ParentCarerDetails(name: "", relationship: "")]
        assessment.actions = [AssessmentAction(who: "", what: "", byWhen: nil)]
        assessment.reviews = [AssessmentReview(dueOn: today.adding(days: 42))]
        let values: [String: String] = [
            "given-name": "Ava", "family-name": "Quillfeather", "dob": "14/03/2022", "address": "14 Imaginary Row",
            "postcode": "N7 0ZZ", "language-child": "English", "carer-1-name": "Marta Quillfeather",
            "carer-1-relationship": "mother", "what-led": "Nursery worried about speech",
            "situation": "Lives with mother", "assessor-name": "Sam Example", "assessor-role": "Family worker",
            "assessor-organisation": "Bright Start", "conclusions": "Speech therapy referral",
            "action-1-who": "Sam", "action-1-what": "Refer to speech therapy", "action-1-by": "01/12/2026",
            "consent": "given", "consent-by": "Marta Quillfeather", "consent-date": "23/11/2026",
        ]
        for field in AssessmentForm(assessment).fields {
            if let value = values[field.id] { try field.write(&assessment, value) }
            if field.id.hasSuffix("-rating") { try field.write(&assessment, "not-assessed") }
        }
        #expect(assessment.missingRequiredFields() == [])
        try assessment.complete(on: today)
        #expect(assessment.status == .complete)
    }
}
