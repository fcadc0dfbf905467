import Foundation
import SignpostDomain
import SignpostStore

extension TeamServerTestCase {
    /// The fictional Wrenfold family (Marta alone, north) under `id`: the family the sync fault and
    /// pipelined pull tests fill with notes.
    func wrenfoldFamily(_ id: FamilyID) throws -> Family {
        let marta = Person(
            id: "P-marta", role: .parentOrCarer, givenName: "Marta", familyName: "Wrenfold",
            dateOfBirth: try CalendarDate(iso: "1991-04-02"), hasParentalResponsibility: true)
        return Family(
            id: id, name: "Wrenfold", address: Address(lines: ["1 Imaginary Row"], postcode: "N7 0ZZ"),
            locality: .north, members: [marta])
    }

    /// `count` fictional case notes for `family`, their ids and author made from `tag`.
    ///
    /// ```swift
    /// try store.apply([.addFamily(try wrenfoldFamily(id))] + wrenfoldNotes(99, family: id, tag: "TWICE"), by: "twice")
    /// ```
    func wrenfoldNotes(_ count: Int, family: FamilyID, tag: String) -> [CaseChange] {
        (0..<count).map { number in
            .addCaseNote(
                family: family,
                CaseNote(
                    id: CaseNoteID("N-\(tag)-\(number)"), writtenAt: Date(), author: tag,
                    text: "Visit \(number) (fictional, \(tag))."))
        }
    }
}
