import Foundation
import SignpostDomain
import Testing

@Suite("Matching: phonetic keys, names, partial dates, queries")
struct MatchingTests {
    @Test(
        "Double Metaphone gives the published keys",
        arguments: [
            ("Smith", "SM0", "XMT"), ("Schmidt", "XMT", "SMT"), ("Thomas", "TMS", "TMS"), ("Xavier", "SF", "SFR"),
            ("Catherine", "K0RN", "KTRN"), ("Katherine", "K0RN", "KTRN"), ("Knight", "NT", "NT"),
            ("Philip", "FLP", "FLP"), ("Mohammed", "MHMT", "MHMT"), ("Muhammad", "MHMT", "MHMT"),
            ("Jose", "HS", "HS"), ("Czerny", "SRN", "XRN"), ("Gallegos", "KLKS", "KKS"), ("Dumb", "TM", "TM"),
        ])
    func metaphone(_ name: String, _ primary: String, _ alternate: String) {
        #expect(DoubleMetaphone.keys(for: name) == PhoneticKeys(primary: primary, alternate: alternate))
    }

    @Test(
        "names that sound alike share a key",
        arguments: [
            ("Mohammed", "Muhammad"), ("Siobhan", "Shivawn"), ("Niamh", "Neeve"), ("Catherine", "Kathryn"),
            ("Zoë", "Zoe"), ("Stephen", "Steven"), ("Quillfeather", "Quilfether"), ("Aisha", "Ayesha"),
        ])
    func soundsAlike(_ one: String, _ other: String) {
        #expect(DoubleMetaphone.keys(for: one).soundsLike(DoubleMetaphone.keys(for: other)))
    }

    @Test("names that sound different do not share a key")
    func soundsDifferent() {
        #expect(!DoubleMetaphone.keys(for: "Quillfeather").soundsLike(DoubleMetaphone.keys(for: "Pickleweather")))
        #expect(DoubleMetaphone.keys(for: "") == PhoneticKeys(primary: "", alternate: ""))
    }

    @Test("folding sets aside case, accents, strokes and apostrophes")
    func folding() {
        #expect(NameText.fold("Zoë Łukasz O'Néill") == "zoe lukasz oneill")
        #expect(NameText.fold("Søren Straße") == "soren strasse")
        #expect(NameText.words("Marchbank-Oddly, Oisín") == ["marchbank", "oddly", "oisin"])
        #expect(NameText.nameKeys("Li Na") == ["li", "na", "lina"])
        #expect(NameText.compactPostcode(" ec1v 9zz") == "EC1V9ZZ")
        #expect(NameText.outwardCode("EC1V 9ZZ") == "EC1V")
        #expect(NameText.outwardCode("N7") == "N7")
    }

    @Test(
        "partial dates of birth are read in British order",
        arguments: [
            ("14/3", PartialDate(day: 14, month: 3)), ("3/2022", PartialDate(month: 3, year: 2022)),
            ("14 Mar", PartialDate(day: 14, month: 3)), ("2022", PartialDate(year: 2022)),
            ("14/03/22", PartialDate(day: 14, month: 3, year: 2022)),
            ("14/03/85", PartialDate(day: 14, month: 3, year: 1985)),
            ("2022-03-14", PartialDate(day: 14, month: 3, year: 2022)),
            ("14.3.2022", PartialDate(day: 14, month: 3, year: 2022)),
            ("14 March 2022", PartialDate(day: 14, month: 3, year: 2022)),
            ("Sept 2019", PartialDate(month: 9, year: 2019)),
        ])
    func partialDates(_ text: String, _ expected: PartialDate) {
        #expect(PartialDate(parsing: text, today: CalendarDate.sample) == expected)
    }

    @Test("what is not a date is refused", arguments: ["14", "32/1", "1/13", "Smith", "", "12345", "14/3/2022/1"])
    func notDates(_ text: String) {
        #expect(PartialDate(parsing: text) == nil)
    }

    @Test("a partial date agrees part by part, or contradicts")
    func agreement() throws {
        let born = try CalendarDate(iso: "2022-03-14")
        #expect(PartialDate(day: 14, month: 3).agreement(with: born) == .matches([.day, .month]))
        #expect(PartialDate(year: 2022).agreement(with: born) == .matches([.year]))
        #expect(PartialDate(day: 15, month: 3).agreement(with: born) == .contradicts)
        #expect(MatchReason.dateOfBirth([.day, .month]).description == "date of birth matches day and month")
    }

    @Test("a one-letter slip that changes a name's sound still shares an index key with it")
    func nearSpellings() {
        #expect(MatchKeys.singleDeletions(of: "zelola").contains("zeola"))
        #expect(MatchKeys.singleDeletions(of: "zoe").isEmpty)
        #expect(MatchKeys.singleDeletions(of: "anna") == ["anna", "nna", "ana", "ann"])
        let zelola = MatchCandidate(
            familyID: "F-1", familyName: "Zelola", personID: "P-1", givenName: "Morfli", surname: "Zelola")
        let keys = zelola.indexKeys
        for slip in ["zeola", "zelolla", "zeloal", "zelila"] {
            let lookups = MatchQuery(slip).lookups.filter { !$0.key.hasPrefix(MatchKeys.sound) && !$0.isPrefix }
            #expect(lookups.contains { lookup in keys.contains(where: lookup.matches) }, "\(slip)")
        }
    }

    @Test("a query is split into name words, a date of birth and a postcode, in any order")
    func queries() {
        let query = MatchQuery("Shivawn  Marchbank-Oddly 10/5 n1 7zz")
        #expect(query.nameWords == ["shivawn", "marchbank", "oddly"])
        #expect(query.dateOfBirth == PartialDate(day: 10, month: 5))
        #expect(query.postcode == "N17ZZ")

        let typing = MatchQuery("n7 8 zoe")
        #expect(typing.postcode == "N78")
        #expect(typing.nameWords == ["zoe"])

        let months = MatchQuery("May Quill 14 mar")
        #expect(months.nameWords == ["may", "quill"])
        #expect(months.dateOfBirth == PartialDate(day: 14, month: 3))

        #expect(MatchQuery("EC1V").postcode == "EC1V")
        #expect(MatchQuery("  ").isEmpty)
        #expect(MatchQuery("Zoë").typedWords == ["zoë"])
    }
}

extension CalendarDate {
    static let sample = try! CalendarDate(iso: "2026-11-23")
}
