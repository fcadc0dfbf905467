import Foundation
import SignpostDomain
import SignpostStore
import Testing

/// What every ``CaseStore`` must do, run against the in-memory and the SQLite store.
@Suite("CaseStore conformance")
struct CaseStoreConformanceTests {
    typealias F = TestFamilies

    private func storeWithFamilies(_ kind: StoreUnderTest) throws -> any CaseStore {
        let store = try kind.make()
        try store.apply(F.all().map(CaseChange.addFamily), by: "loader")
        return store
    }

    @Test("a family reads back equal to what was added", arguments: StoreUnderTest.allCases)
    func roundTrip(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        for family in F.all() {
            #expect(try store.family(family.id) == family)
        }
        #expect(try store.family("F-missing") == nil)
        let info = try store.info()
        #expect(info.familyCount == 3)
        #expect(info.personCount == 7)
        #expect(info.auditEntryCount == 3)
        #expect(info.kind == .demonstration)
    }

    @Test("every kind of change is saved and audited", arguments: StoreUnderTest.allCases)
    func everyChange(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        var expected = F.quillfeather()
        let id = expected.id

        var details = FamilyDetails(of: expected)
        details.address = Address(lines: ["7 New Street"], postcode: "N1 1AA")
        details.leadProfessional = F.sam
        try store.apply([.updateFamilyDetails(id, details)], by: "jo")
        expected.address = details.address
        expected.leadProfessional = F.sam
        #expect(try store.family(id) == expected)
        let detailsAudit = try #require(try store.auditTrail(family: id, limit: 1).first)
        #expect(detailsAudit.action == "update-family")
        #expect(detailsAudit.summary.contains("address"))
        #expect(detailsAudit.summary.contains("lead professional Jo Okafor → Sam Pátel"))

        let baby = Person(id: "P-baby", role: .child, givenName: "Nell", familyName: "Quillfeather")
        let babyRelation = Relationship(from: "P-marta", kind: .parent, to: "P-baby")
        try store.apply([.addPerson(family: id, baby, relationships: [babyRelation])], by: "jo")
        expected.members.append(baby)
        expected.relationships.append(babyRelation)
        #expect(try store.family(id) == expected)

        var renamed = baby
        renamed.givenName = "Nella"
        renamed.levelHistory = [
            LevelEntry(level: .acute, setBy: "x", setAt: F.at("2026-01-01T00:00:00Z"), reason: "ignored")
        ]
        try store.apply([.updatePerson(family: id, renamed, relationships: [])], by: "jo")
        expected.members[3].givenName = "Nella"
        expected.relationships.removeLast()
        #expect(try store.family(id) == expected)
        let personAudit = try #require(try store.auditTrail(family: id, limit: 1).first)
        #expect(personAudit.summary == "updated Nella Quillfeather: given name, relationships")

        let level = LevelEntry(
            level: .complex, setBy: "jo", setAt: F.at("2026-02-01T10:00:00Z"), reason: "nursery raised neglect",
            suggestedLevel: .earlyHelp)
        try store.apply([.recordLevel(family: id, person: "P-ava", level)], by: "jo")
        expected.members[1].levelHistory.append(level)
        #expect(try store.family(id) == expected)
        let levelAudit = try #require(try store.auditTrail(family: id, limit: 1).first)
        #expect(levelAudit.action == "record-level")
        #expect(levelAudit.recordID == "P-ava")
        #expect(levelAudit.summary.hasPrefix("level for Ava Quillfeather 2 → 3"))
        #expect(levelAudit.summary.hasSuffix(": nursery raised neglect"))

        let note = CaseNote(
            id: "N-2", writtenAt: F.at("2026-02-02T09:00:00Z"), author: "jo", text: "Strategy discussion")
        let contact = Contact(
            id: "C-2", receivedAt: F.at("2026-02-03T09:00:00Z"), caller: Caller(name: "GP"), source: .health,
            about: ["P-zoe"], concernInCallersWords: "cough", outcome: .adviceGiven, outcomeReason: "GP handling",
            recordedBy: "duty")
        let referral = Referral(
            id: "R-2", service: "csct", people: ["P-ava"], madeAt: F.at("2026-02-04T09:00:00Z"), madeBy: "jo",
            consent: .notRequired, urgency: .sameDay)
        let consent = ConsentRecord(
            id: "K-2", givenBy: "Marta", givenOn: F.day("2026-02-01"), scope: "school", recordedBy: "jo")
        let episode = EarlyHelpEpisode(id: "E-2", service: "bright-futures", openedOn: F.day("2026-02-05"))
        var assessment = expected.assessments[0]
        assessment.conclusions = "Needs speech therapy"
        assessment.status = .complete
        let newAssessment = EarlyHelpAssessment(id: "A-zoe-1", subject: "P-zoe", startedOn: F.day("2026-02-06"))
        try store.apply(
            [
                .addCaseNote(family: id, note), .addContact(family: id, contact), .addReferral(family: id, referral),
                .updateReferralStatus(family: id, referral: "R-1", .closed), .recordConsent(family: id, consent),
                .withdrawConsent(family: id, consent: "K-1", on: F.day("2026-02-07")),
                .openEpisode(family: id, episode),
                .closeEpisode(family: id, episode: "E-1", on: F.day("2026-02-08"), reason: .needsMet),
                .saveAssessment(family: id, assessment), .saveAssessment(family: id, newAssessment),
            ], by: "jo")
        expected.notes.append(note)
        expected.contacts.append(contact)
        expected.referrals.append(referral)
        expected.referrals[0].status = .closed
        expected.consents.append(consent)
        expected.consents[0].withdrawnOn = F.day("2026-02-07")
        expected.episodes.append(episode)
        expected.episodes[0].closedOn = F.day("2026-02-08")
        expected.episodes[0].closureReason = .needsMet
        expected.episodes[0].closedBy = "jo"
        expected.assessments = [assessment, newAssessment]
        #expect(try store.family(id) == expected)

        let actions = try store.auditTrail(family: id, limit: 10).map(\.action)
        #expect(
            actions == [
                "save-assessment", "save-assessment", "close-episode", "open-episode", "withdraw-consent",
                "record-consent", "update-referral-status", "add-referral", "add-contact", "add-case-note",
            ])
        let trail = try store.auditTrail(family: id, limit: 10)
        #expect(trail[1].summary == "updated the assessment for Ava Quillfeather: status draft → complete, conclusions")
        #expect(trail[6].summary == "referral to Bright Start accepted → closed")
        #expect(trail.allSatisfy { $0.actor == "jo" && $0.family == id })

        let summary = try #require(try store.families(FamilyListQuery(limit: 10)).summaries.first { $0.id == id })
        #expect(summary == FamilySummary(of: expected))
        #expect(summary.highestLevel == .complex)
        // The CSCT referral is only sent: the family is open to the episode's service, not to CSCT (#15).
        #expect(summary.openServices == ["bright-futures"])
        #expect(summary.leadProfessional == "Sam Pátel")
    }

    @Test("a batch with one bad change saves nothing", arguments: StoreUnderTest.allCases)
    func batchRollback(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        let auditBefore = try store.info().auditEntryCount
        let newFamily = F.generated(count: 1)[0]
        let note = CaseNote(id: "N-new", writtenAt: F.at("2026-03-01T00:00:00Z"), author: "jo", text: "kept?")
        #expect(throws: StoreError.duplicateFamily("F-00017")) {
            try store.apply(
                [.addFamily(newFamily), .addCaseNote(family: "F-00017", note), .addFamily(F.quillfeather())], by: "jo")
        }
        #expect(try store.family(newFamily.id) == nil)
        #expect(try store.family("F-00017") == F.quillfeather())
        #expect(try store.info().auditEntryCount == auditBefore)
        #expect(try store.search("kept", limit: 5).isEmpty)
    }

    @Test("changes that cannot apply say why", arguments: StoreUnderTest.allCases)
    func validation(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        let level = LevelEntry(level: .complex, setBy: "jo", setAt: F.at("2026-02-01T10:00:00Z"), reason: "r")
        #expect(throws: StoreError.familyNotFound("F-nope")) {
            try store.apply([.recordLevel(family: "F-nope", person: "P-ava", level)], by: "jo")
        }
        #expect(throws: StoreError.personNotFound("F-00017", "P-nobody")) {
            try store.apply([.recordLevel(family: "F-00017", person: "P-nobody", level)], by: "jo")
        }
        #expect(throws: StoreError.recordNotFound("F-00017", "R-nope")) {
            try store.apply([.updateReferralStatus(family: "F-00017", referral: "R-nope", .closed)], by: "jo")
        }
        let stranger = Person(id: "P-new", role: .child, givenName: "New", familyName: "Person")
        #expect(throws: StoreError.personNotFound("F-00017", "P-ghost")) {
            try store.apply(
                [
                    .addPerson(
                        family: "F-00017", stranger,
                        relationships: [Relationship(from: "P-ghost", kind: .parent, to: "P-new")])
                ],
                by: "jo")
        }
        let duplicateNote = CaseNote(id: "N-1", writtenAt: F.at("2026-02-01T10:00:00Z"), author: "jo", text: "again")
        #expect(throws: StoreError.duplicateRecord("N-1")) {
            try store.apply([.addCaseNote(family: "F-00017", duplicateNote)], by: "jo")
        }
        var broken = F.generated(count: 1)[0]
        broken.relationships.append(Relationship(from: broken.members[0].id, kind: .partner, to: "P-elsewhere"))
        #expect(throws: StoreError.personNotFound(broken.id, "P-elsewhere")) {
            try store.apply([.addFamily(broken)], by: "jo")
        }
        #expect(throws: StoreError.familyNotFound("F-nope")) { try store.recordViewed("F-nope", by: "jo") }
        #expect(try store.family("F-00017") == F.quillfeather())
    }

    @Test("views and changes are audited, newest first", arguments: StoreUnderTest.allCases)
    func auditTrail(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        let before = Date()
        try store.recordViewed("F-00018", by: "sam")
        let all = try store.auditTrail(family: nil, limit: 10)
        #expect(all.map(\.action) == ["view-family", "add-family", "add-family", "add-family"])
        #expect(all[0].actor == "sam")
        #expect(all[0].family == "F-00018")
        #expect(all[0].at >= before.addingTimeInterval(-1))
        #expect(all[3].summary == "added family Quillfeather (F-00017) with 3 people")
        #expect(try store.auditTrail(family: "F-00018", limit: 10).map(\.action) == ["view-family", "add-family"])
        #expect(try store.auditTrail(family: nil, limit: 2).count == 2)
    }

    @Test("the case list pages and filters, newest activity first", arguments: StoreUnderTest.allCases)
    func listing(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        let all = try store.families(FamilyListQuery())
        #expect(all.totalCount == 3)
        #expect(all.summaries.map(\.id) == ["F-00017", "F-00018", "F-00019"])
        #expect(all.summaries[0] == FamilySummary(of: F.quillfeather()))

        let second = try store.families(FamilyListQuery(offset: 1, limit: 1))
        #expect(second.summaries.map(\.id) == ["F-00018"])
        #expect(second.totalCount == 3)
        #expect(second.offset == 1)

        #expect(try store.families(FamilyListQuery(locality: .south)).summaries.map(\.id) == ["F-00018"])
        #expect(try store.families(FamilyListQuery(level: .complex)).summaries.map(\.id) == ["F-00018"])
        #expect(try store.families(FamilyListQuery(level: .acute)).totalCount == 0)
        #expect(try store.families(FamilyListQuery(service: "bright-start")).summaries.map(\.id) == ["F-00017"])
        #expect(try store.families(FamilyListQuery(leadProfessional: "okaf")).summaries.map(\.id) == ["F-00017"])
        #expect(try store.families(FamilyListQuery(leadProfessional: "PATEL")).summaries.map(\.id) == ["F-00018"])
        #expect(try store.families(FamilyListQuery(isOpen: false)).summaries.map(\.id) == ["F-00018", "F-00019"])
        #expect(try store.families(FamilyListQuery(locality: .north, isOpen: true)).totalCount == 1)

        #expect(try store.familyIDs(after: nil, limit: 2) == ["F-00017", "F-00018"])
        #expect(try store.familyIDs(after: "F-00018", limit: 2) == ["F-00019"])
    }

    @Test("search finds names, accents, aliases, postcodes, dates and references", arguments: StoreUnderTest.allCases)
    func search(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        func first(_ text: String) throws -> FamilySearchHit? { try store.search(text, limit: 10).first }

        let quil = try #require(try first("quil"))
        #expect(quil.summary.id == "F-00017")
        #expect(quil.reason.hasPrefix("name: "))
        #expect(Set(quil.matchedPeople) == ["P-marta", "P-ava", "P-zoe"])

        let zoe = try #require(try first("zoe"))
        #expect(zoe.summary.id == "F-00017")
        #expect(zoe.matchedPeople == ["P-zoe"])
        #expect(zoe.reason == "name: Zoë Quillfeather")
        #expect(try first("ZOË QUILL")?.matchedPeople == ["P-zoe"])

        #expect(try first("zee")?.reason == "also known as: Zee (Zoë Quillfeather)")
        for postcode in ["N70ZZ", "n7 0zz", "N7", "n70z"] {
            let hit = try first(postcode)
            #expect(hit?.summary.id == "F-00017", "\(postcode)")
            #expect(hit?.reason == "postcode: N7 0ZZ", "\(postcode)")
        }
        #expect(try first("example road")?.reason == "address: 12 Example Road, Islington")

        for date in ["14/03/2022", "2022-03-14"] {
            let hits = try store.search(date, limit: 10)
            #expect(Set(hits.map(\.summary.id)) == ["F-00017", "F-00019"], "\(date)")
            #expect(hits.first { $0.summary.id == "F-00017" }?.matchedPeople == ["P-ava"])
            #expect(hits.first?.reason.hasPrefix("date of birth: 14/03/2022") == true)
        }
        #expect(try first("01/02/2027")?.reason == "expected delivery date: 01/02/2027 (Baby Adeyemi)")

        #expect(try first("F-00018")?.reason == "family reference: F-00018")
        #expect(try first("f-00018")?.summary.id == "F-00018")
        let person = try #require(try first("P-dami"))
        #expect(person.summary.id == "F-00018")
        #expect(person.reason == "person reference: P-dami (Dami Okonkwo-Brown)")

        let byNote = try #require(try first("sleep routines"))
        #expect(byNote.summary.id == "F-00017")
        #expect(byNote.reason.hasPrefix("case note: "))
        #expect(byNote.reason.contains("sleep routines"))

        let quillfeathers = try store.search("quillfeather", limit: 10)
        #expect(quillfeathers.map(\.summary.id) == ["F-00017", "F-00018"])
        #expect(quillfeathers[1].reason.hasPrefix("case note: "))
        #expect(quillfeathers[1].matchedPeople.isEmpty)

        #expect(try store.search("quillfeather", limit: 1).count == 1)
        #expect(try store.search("xylophone", limit: 10).isEmpty)
        #expect(try store.search("   ", limit: 10).isEmpty)
    }

    @Test(
        "search tolerates what the front-door matcher tolerates: misspelt, sounds-alike and swapped names",
        arguments: StoreUnderTest.allCases)
    func searchToleratesMisspellings(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        func first(_ text: String) throws -> FamilySearchHit? { try store.search(text, limit: 10).first }

        let misspelt = try #require(try first("kwilfether"))
        #expect(misspelt.summary.id == "F-00017")
        #expect(Set(misspelt.matchedPeople) == ["P-marta", "P-ava", "P-zoe"])
        #expect(misspelt.reason.hasPrefix("similar name: "), "\(misspelt.reason)")
        #expect(try first("zoe quilfeather")?.matchedPeople == ["P-zoe"])
        #expect(try first("quilfeather zoe")?.matchedPeople == ["P-zoe"])
        let misspeltBoth = try #require(try first("adeyemee toby"))
        #expect(misspeltBoth.summary.id == "F-00019")
        #expect(misspeltBoth.matchedPeople == ["P-tobi"])
        #expect(misspeltBoth.reason.hasPrefix("similar name: Tobi Adeyemi ("), "\(misspeltBoth.reason)")

        // What search found before still comes first, for the same reason.
        #expect(try first("quil")?.reason.hasPrefix("name: ") == true)
        #expect(try first("sleep routines")?.reason.hasPrefix("case note: ") == true)
        #expect(try first("n7 0zz")?.reason == "postcode: N7 0ZZ")
        // A word no name is like still finds nothing, and neither does a name with a word that fits nobody.
        #expect(try store.search("xylophone", limit: 10).isEmpty)
        #expect(try store.search("kwilfether xylophone", limit: 10).isEmpty)
    }

    @Test("writers on several threads each get their changes saved", arguments: StoreUnderTest.allCases)
    func concurrentWriters(kind: StoreUnderTest) async throws {
        let store = try kind.make()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for family in F.generated(count: 25, startingAt: writer * 25) {
                        try store.apply([.addFamily(family)], by: "writer-\(writer)")
                        _ = try store.families(FamilyListQuery(limit: 5))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.info().familyCount == 200)
        #expect(try store.info().auditEntryCount == 200)
        #expect(try store.familyIDs(after: nil, limit: 500).count == 200)
    }

    @Test("search follows changes to names and notes", arguments: StoreUnderTest.allCases)
    func searchAfterChanges(kind: StoreUnderTest) throws {
        let store = try storeWithFamilies(kind)
        var zoe = try #require(F.quillfeather().member("P-zoe"))
        zoe.givenName = "Zora"
        try store.apply(
            [
                .updatePerson(
                    family: "F-00017", zoe, relationships: [Relationship(from: "P-marta", kind: .parent, to: "P-zoe")]),
                .addCaseNote(
                    family: "F-00019",
                    CaseNote(
                        id: "N-x", writtenAt: F.at("2026-05-01T00:00:00Z"), author: "jo", text: "Trampoline park visit")
                ),
            ], by: "jo")
        #expect(try store.search("zora", limit: 5).first?.matchedPeople == ["P-zoe"])
        // The old name is forgotten: Zora is found only by her also-known-as, Zee, which sounds like it.
        #expect(try store.search("zoë", limit: 5).allSatisfy { !$0.reason.contains("Zoë") })
        #expect(try store.search("trampoline", limit: 5).first?.summary.id == "F-00019")
        #expect(try store.families(FamilyListQuery(limit: 1)).summaries.first?.id == "F-00019")
    }
}
