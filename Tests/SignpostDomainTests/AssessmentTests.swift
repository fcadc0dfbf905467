import Foundation
import SignpostDomain
import Testing

@Suite("Early help assessment (CAF)")
struct AssessmentTests {
    let today = try! CalendarDate(iso: "2026-11-23")

    func filled() -> EarlyHelpAssessment {
        var caf = EarlyHelpAssessment(id: "A-1", subject: "P-a", startedOn: today)
        caf.identifying = IdentifyingDetails(
            givenName: "Ava", familyName: "Q", dateOfBirth: try! CalendarDate(iso: "2022-03-14"),
            address: "1 Imaginary Row",
            postcode: "N7 0ZZ", firstLanguageOfChild: "English")
        caf.parentsAndCarers = [ParentCarerDetails(name: "Marta Q", relationship: "mother")]
        caf.whatLedToAssessment = "Nursery concern"
        caf.currentSituation = "Lives with mother"
        caf.assessor = Professional(name: "Sam", role: "Family worker", organisation: "Bright Start")
        for element in AssessmentElement.allCases {
            caf.elements[element] = ElementAssessment(rating: .strength, evidence: "seen")
        }
        caf.conclusions = "Plan"
        caf.actions = [AssessmentAction(who: "Sam", what: "Refer", byWhen: today.adding(days: 14))]
        caf.consentToShare = ConsentToShare(decision: .given, givenBy: "Marta Q", givenOn: today)
        caf.reviews = [AssessmentReview(dueOn: today.adding(days: 42))]
        return caf
    }

    @Test("the form has every element of the three domains: 9, 3 and 4")
    func domains() {
        #expect(AssessmentDomain.development.elements.count == 9)
        #expect(AssessmentDomain.parentsAndCarers.elements.count == 3)
        #expect(AssessmentDomain.familyAndEnvironment.elements.count == 4)
    }

    @Test("an empty draft lists what is missing in form order, starting with the name")
    func emptyDraft() {
        let missing = EarlyHelpAssessment(id: "A-1", subject: "P-a", startedOn: today).missingRequiredFields()
        #expect(missing.first == .givenName)
        #expect(missing.map(\.section) == missing.map(\.section).sorted())
        #expect(missing.contains(.element(.learning)))
        #expect(missing.contains(.consentToShare))
        #expect(missing.first?.label == "Identifying details: first name")
    }

    @Test("a filled form is complete, and each required field taken away is named exactly")
    func eachFieldNamed() throws {
        #expect(filled().missingRequiredFields() == [])
        let removals: [(AssessmentField, (inout EarlyHelpAssessment) -> Void)] = [
            (.familyName, { $0.identifying.familyName = " " }),
            (.dateOfBirthOrExpectedDelivery, { $0.identifying.dateOfBirth = nil }),
            (.postcode, { $0.identifying.postcode = "" }),
            (.parentsAndCarers, { $0.parentsAndCarers = [ParentCarerDetails(name: "Marta", relationship: "")] }),
            (.currentSituation, { $0.currentSituation = "" }),
            (.assessorOrganisation, { $0.assessor.organisation = "" }),
            (.elementEvidence(.widerFamily), { $0.elements[.widerFamily]?.evidence = "" }),
            (.element(.learning), { $0.elements[.learning] = nil }),
            (.action(index: 0), { $0.actions[0].byWhen = nil }),
            (.consentDate, { $0.consentToShare.givenOn = nil }),
            (.reviewDate, { $0.reviews = [] }),
        ]
        for (field, remove) in removals {
            var caf = filled()
            remove(&caf)
            #expect(caf.missingRequiredFields() == [field], "removing \(field.label)")
        }
        var notAssessed = filled()
        notAssessed.elements[.learning] = ElementAssessment(rating: .notAssessed)
        #expect(notAssessed.missingRequiredFields() == [], "not assessed is an answer and needs no evidence")
    }

    @Test("complete refuses a draft with gaps, then succeeds; review and close follow")
    func lifecycle() throws {
        var caf = filled()
        caf.conclusions = ""
        #expect(throws: AssessmentTransitionError.incomplete([.conclusions])) { try caf.complete(on: today) }
        #expect(caf.status == .draft)
        caf.conclusions = "Plan"
        try caf.complete(on: today)
        #expect(caf.status == .complete)
        #expect(caf.completedOn == today)
        #expect(throws: AssessmentTransitionError.notAllowed(from: .complete, to: .complete)) {
            try caf.complete(on: today)
        }
        try caf.recordReview(heldOn: today.adding(days: 40), notes: "Going well", nextDue: today.adding(days: 90))
        #expect(caf.status == .reviewed)
        #expect(caf.reviews[0].heldOn == today.adding(days: 40))
        #expect(caf.nextReview?.dueOn == today.adding(days: 90))
        try caf.close(on: today.adding(days: 100), reason: .needsMet)
        #expect(caf.status == .closed)
        #expect(throws: AssessmentTransitionError.self) { try caf.close(on: today, reason: .needsMet) }
    }

    @Test("a draft for a child is filled from the family record")
    func draftFromFamily() throws {
        let mum = Person(
            id: "P-m", role: .parentOrCarer, givenName: "Marta", familyName: "Q", firstLanguage: "Polish",
            hasParentalResponsibility: true, phone: "07700 900000")
        let ava = Person(
            id: "P-a", role: .child, givenName: "Ava", familyName: "Q", dateOfBirth: try CalendarDate(iso: "2022-03-14")
        )
        let family = Family(
            id: "F-1", name: "Q", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"), locality: .north,
            members: [mum, ava], relationships: [Relationship(from: "P-m", kind: .parent, to: "P-a")])
        let caf = EarlyHelpAssessment.draft(id: "A-1", for: ava, in: family, startedOn: today)
        #expect(caf.identifying.givenName == "Ava")
        #expect(caf.identifying.postcode == "N7 0ZZ")
        #expect(caf.identifying.firstLanguageOfParent == "Polish")
        #expect(
            caf.parentsAndCarers == [
                ParentCarerDetails(
                    name: "Marta Q", relationship: "parent", address: "1 Imaginary Row, N7 0ZZ", phone: "07700 900000",
                    hasParentalResponsibility: true)
            ])
        #expect(caf.status == .draft)
    }

    @Test("a carer recorded from the child's side is named by the inverse relationship")
    func draftCarerFromChildSide() throws {
        let stepDad = Person(id: "P-s", role: .parentOrCarer, givenName: "Ned", familyName: "Q")
        let foster = Person(id: "P-f", role: .parentOrCarer, givenName: "Hester", familyName: "Q")
        let pip = Person(
            id: "P-p", role: .child, givenName: "Pip", familyName: "Q", dateOfBirth: try CalendarDate(iso: "2019-05-01")
        )
        let family = Family(
            id: "F-2", name: "Q", locality: .south, members: [stepDad, foster, pip],
            relationships: [
                Relationship(from: "P-p", kind: .stepChild, to: "P-s"),
                Relationship(from: "P-f", kind: .fosterCarer, to: "P-p"),
            ])
        let caf = EarlyHelpAssessment.draft(id: "A-2", for: pip, in: family, startedOn: today)
        #expect(caf.parentsAndCarers.map(\.name).sorted() == ["Hester Q", "Ned Q"])
        #expect(
            Dictionary(uniqueKeysWithValues: caf.parentsAndCarers.map { ($0.name, $0.relationship) })
                == ["Ned Q": "step-parent", "Hester Q": "foster carer"])
    }

    @Test("export shows every section, in text and Markdown")
    func export() {
        let family = Family(id: "F-1", name: "Q", locality: .north)
        let text = filled().exported(as: .plainText, family: family)
        let markdown = filled().exported(as: .markdown, family: family)
        for section in AssessmentSection.allCases
        where ![.development, .parenting, .familyAndEnvironment].contains(section) {
            #expect(text.contains(section.title))
            #expect(markdown.contains("## \(section.title)"))
        }
        for element in AssessmentElement.allCases { #expect(text.contains(element.title)) }
        #expect(markdown.hasPrefix("# Early help assessment (CAF): Ava Q"))
    }
}
