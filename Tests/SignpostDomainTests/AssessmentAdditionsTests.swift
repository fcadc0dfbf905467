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

/// A completed CAF is locked; a change makes a new version and the completed one is kept.
@Suite("Early help assessment (CAF): versions")
struct AssessmentVersionTests {
    @Test("a new version holds what the completed one says, as a draft, naming the one it replaces")
    func newVersion() throws {
        var first = AssessmentTests().filled()
        #expect(!first.isLocked)
        try first.complete(on: try CalendarDate(iso: "2026-11-23"))
        #expect(first.isLocked)
        let second = first.newVersion(id: "A-2", startedOn: try CalendarDate(iso: "2026-12-01"))
        #expect(second.versionNumber == 2)
        #expect(second.supersedes == "A-1")
        #expect(second.status == .draft)
        #expect(second.completedOn == nil)
        #expect(second.conclusions == first.conclusions)
        var family = Family(id: "F-1", name: "Q", locality: .north)
        family.assessments = [first, second]
        #expect(family.newerVersion(of: "A-1")?.id == "A-2")
        #expect(family.openAssessment(for: "P-a")?.id == "A-2", "the replaced version is not the open one")
    }
}

/// Services already working with the child are a list; older free text reads as one.
@Suite("Early help assessment (CAF): services as a list")
struct AssessmentServicesTests {
    @Test("the older free text is read as a list; setting the list keeps the text for older readers")
    func servicesList() {
        var caf = AssessmentTests().filled()
        caf.servicesInvolved = "School; GP,\nhealth visitor"
        #expect(caf.services == ["School", "GP", "health visitor"])
        caf.services = ["CAMHS", " ", "Bright Start"]
        #expect(caf.servicesList == ["CAMHS", "Bright Start"])
        #expect(caf.servicesInvolved == "CAMHS, Bright Start")
    }
}
