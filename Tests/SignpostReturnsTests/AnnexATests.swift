import Foundation
import SignpostDomain
import SignpostStore
import Testing

@testable import SignpostReturns

/// Ofsted Annex A lists 1 to 3 checked column by column against the published specification, on a store where
/// every expected row is known (``ReturnsFixture``).
@Suite("Returns: Ofsted Annex A")
struct AnnexATests {
    // The specification's headers, copied here from liia-tools' Annex_A_schema.yml (List 1 to List 3), so a change
    // to the code's copy cannot pass unnoticed.
    static let list1 = [
        "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Date of Contact",
        "Contact Source",
    ]
    static let list2 = [
        "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Assessment start date",
        "Assessment completion date", "Organisation completing assessment",
    ]
    static let list3 = [
        "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)", "Date of referral",
        "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months", "Allocated Team",
        "Allocated Worker",
    ]
    static let csct = "Children's Services Contact Team (CSCT)"

    static func build(_ kind: ReturnsStore) throws -> AnnexAReturn {
        let (store, _) = try kind.make(ReturnsFixture.families)
        return try AnnexAReturn.build(
            from: store, from: ReturnsFixture.first, to: ReturnsFixture.last, pathways: .islington)
    }

    /// Compares a list cell by cell, naming the row and column of any difference.
    static func expectRows(_ actual: [[String]], _ expected: [[String]], headers: [String]) {
        #expect(actual.count == expected.count, "rows: \(actual)")
        for (index, (row, wanted)) in zip(actual, expected).enumerated() {
            #expect(row.count == headers.count, "row \(index + 1) has \(row.count) cells")
            for (column, header) in headers.enumerated() where column < row.count && column < wanted.count {
                #expect(row[column] == wanted[column], "row \(index + 1), \(header)")
            }
        }
    }

    @Test(
        "List 1: one row per child a contact in the period was about, coded as Annex A codes them",
        arguments: ReturnsStore.allCases)
    func list1Contacts(_ kind: ReturnsStore) throws {
        let annex = try Self.build(kind)
        #expect(annex.list1.headers == Self.list1)
        Self.expectRows(
            annex.list1.rows,
            [
                ["ZZ-P-0101-2", "b) Female", "a) WBRI", "14/03/2022", "4", "10/05/2026", "g) 3A: Health services"],
                ["ZZ-P-0101-3", "a) Male", "s) NOBT", "01/06/2019", "7", "02/06/2026", "b) 1B: Individual"],
                // The unborn baby: date of birth and age may be blank; gender not recorded.
                ["ZZ-P-0101-4", "c) Not stated/recorded", "s) NOBT", "", "", "02/06/2026", "b) 1B: Individual"],
                // 00:30 London time on 1 July is 30 June in UTC: the London day counts. The source is a gap.
                ["ZZ-P-0101-2", "b) Female", "a) WBRI", "14/03/2022", "4", "01/07/2026", ""],
                // Robin, 19 with SEND, is not a child for Annex A; Marta (an adult) never appears.
                ["ZZ-P-0102-1", "d) Neither", "s) NOBT", "30/09/2012", "13", "03/08/2026", "q) 6: Police"],
            ], headers: Self.list1)
    }

    @Test("List 2: assessments started or completed in the period", arguments: ReturnsStore.allCases)
    func list2Assessments(_ kind: ReturnsStore) throws {
        let annex = try Self.build(kind)
        #expect(annex.list2.headers == Self.list2)
        Self.expectRows(
            annex.list2.rows,
            [
                ["ZZ-P-0101-3", "a) Male", "s) NOBT", "01/06/2019", "6", "01/03/2026", "05/04/2026", ""],
                [
                    "ZZ-P-0101-2", "b) Female", "a) WBRI", "14/03/2022", "4", "20/04/2026", "20/05/2026",
                    "Bright Start North",
                ],
            ], headers: Self.list2)
    }

    @Test(
        "List 3: referrals to children's social care, with NFA, the year's count and the team",
        arguments: ReturnsStore.allCases)
    func list3Referrals(_ kind: ReturnsStore) throws {
        let annex = try Self.build(kind)
        #expect(annex.list3.headers == Self.list3)
        Self.expectRows(
            annex.list3.rows,
            [
                // Accepted; the declined referral of September 2025 is within the 12 months.
                [
                    "ZZ-P-0101-2", "b) Female", "a) WBRI", "14/03/2022", "4", "10/05/2026", "g) 3A: Health services",
                    "b) No", "2", Self.csct, "",
                ],
                // Still awaiting the decision: NFA left blank and reported.
                [
                    "ZZ-P-0101-3", "a) Male", "s) NOBT", "01/06/2019", "7", "02/06/2026", "b) 1B: Individual", "", "1",
                    Self.csct, "",
                ],
                // Withdrawn: no further action.
                [
                    "ZZ-P-0102-1", "d) Neither", "s) NOBT", "30/09/2012", "13", "03/08/2026", "q) 6: Police", "a) Yes",
                    "1", Self.csct, "",
                ],
            ], headers: Self.list3)
    }

    @Test(
        "What a row needs and the record lacks is reported: which list, child and field",
        arguments: ReturnsStore.allCases)
    func gapsAreReported(_ kind: ReturnsStore) throws {
        let annex = try Self.build(kind)
        #expect(
            annex.gaps.map { "\($0.list) \($0.child) \($0.field)" } == [
                "List 1 ZZ-P-0101-2 Contact Source",
                "List 2 ZZ-P-0101-3 Organisation completing assessment",
                "List 3 ZZ-P-0101-2 Allocated Worker",
                "List 3 ZZ-P-0101-3 Allocated Worker",
                "List 3 ZZ-P-0101-3 Referral NFA?",
                "List 3 ZZ-P-0102-1 Allocated Worker",
            ])
        #expect(annex.gaps.allSatisfy { !$0.why.isEmpty })
    }

    @Test("Every code written is one the specification lists")
    func codesAreTheSpecifications() throws {
        let genders = Set(["a) Male", "b) Female", "c) Not stated/recorded", "d) Neither"])
        #expect(Set(Gender.allCases.map(AnnexASpecification.gender)).isSubset(of: genders))
        let ethnicities = Set(
            [
                "a) WBRI", "b) WIRI", "c) WIRT", "d) WOTH", "e) WROM", "f) MWBC", "g) MWBA", "h) MWAS", "i) MOTH",
                "j) AIND", "k) APKN", "l) ABAN", "m) AOTH", "n) BCRB", "o) BAFR", "p) BOTH", "q) CHNE", "r) OOTH",
                "s) REFU", "s) NOBT",
            ])
        #expect(Set(Ethnicity.allCases.map(AnnexASpecification.ethnicity)) == ethnicities)
        #expect(AnnexASource.allCases.count == 22)
        #expect(AnnexASource.laEarlyHelp.code == "p1) 5D: LA services")
    }

    @Test("The files are CSV with the headers first, CRLF lines, and dd/mm/yyyy dates")
    func filesAreCSV() throws {
        let annex = try Self.build(.inMemory)
        let text = String(decoding: try annex.list1.encoded(), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.first == Self.list1.joined(separator: ","))
        #expect(lines[1] == "ZZ-P-0101-2,b) Female,a) WBRI,14/03/2022,4,10/05/2026,g) 3A: Health services")
        #expect(lines.last == "")
        #expect(annex.files.map(\.name).contains("List_3_Referrals.csv"))
    }

    // List 4 as liia-tools' Annex_A_schema.yml heads it, copied here for the same reason as lists 1 to 3.
    static let list4 = [
        "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
        "Does the Child have a Disability", "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?", "Allocated Team",
        "Allocated Worker",
    ]

    @Test(
        "List 4 is not written: the record holds the child's columns and disability, and the omission names every other column",
        arguments: ReturnsStore.allCases)
    func list4NotProduced(_ kind: ReturnsStore) throws {
        #expect(AnnexASpecification.list4Headers == Self.list4)
        let absent = AnnexASpecification.list4Absent.map(\.header)
        #expect(absent == Array(Self.list4.suffix(6)), "every column of the assessment itself is absent")
        #expect(AnnexASpecification.list4Absent.allSatisfy { !$0.why.isEmpty })
        #expect(
            Set(Self.list4).subtracting(absent)
                == Set(AnnexASpecification.childHeaders + ["Does the Child have a Disability"]))
        for header in absent {
            #expect(AnnexAReturn.list4Omission.contains(header), "\(header)")
        }
        let annex = try Self.build(kind)
        #expect(!annex.files.map(\.name).contains { $0.contains("List_4") }, "no file of invented rows")
    }
}
