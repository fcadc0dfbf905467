import Foundation
import SignpostDomain
import Testing

/// The CAF's additions from #16: an unborn baby's first language, the child's and parent's views, and
/// "interpreter arranged?" read by assessments made before they were asked.
@Suite("Early help assessment (CAF): additions")
struct AssessmentAdditionsTests {
    @Test("an unborn baby needs no first language; a born child still does")
    func unbornNeedsNoFirstLanguage() throws {
        var caf = AssessmentTests().filled()
        caf.identifying.firstLanguageOfChild = ""
        #expect(caf.missingRequiredFields() == [.firstLanguageOfChild])
        caf.identifying.dateOfBirth = nil
        caf.identifying.expectedDeliveryDate = try CalendarDate(iso: "2027-02-01")
        #expect(caf.missingRequiredFields().isEmpty, "\(caf.missingRequiredFields())")
        try caf.complete(on: try CalendarDate(iso: "2026-11-23"))
        #expect(caf.status == .complete)
    }

    @Test("the views and 'interpreter arranged?' are kept, and an assessment without them still reads")
    func viewsAndInterpreterArranged() throws {
        var caf = AssessmentTests().filled()
        caf.childViews = "I like nursery but not the dark"
        caf.parentViews = "Bedtimes are the hardest part"
        caf.identifying.interpreterArranged = true
        let data = try JSONEncoder().encode(caf)
        #expect(try JSONDecoder().decode(EarlyHelpAssessment.self, from: data) == caf)
        let old = try JSONEncoder().encode(AssessmentTests().filled())
        let text = String(decoding: old, as: UTF8.self)
        #expect(
            !text.contains("childViews") && !text.contains("interpreterArranged"), "nothing new is written when unset")
        let read = try JSONDecoder().decode(EarlyHelpAssessment.self, from: old)
        #expect(read.childViews == nil)
        #expect(read.identifying.interpreterArranged == nil)
    }
}
