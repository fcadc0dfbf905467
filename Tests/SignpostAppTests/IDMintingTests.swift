import Foundation
import SignpostDomain
import SignpostStore
import Testing

@testable import SignpostApp

/// The screens mint ids in their store's namespace (issue #12, defect 12): a fictional store never mints a live id.
@Suite("Id minting")
struct IDMintingTests {
    @Test("demonstration and training stores mint ZZ- ids; a live store never does", arguments: StoreKind.allCases)
    func minting(kind: StoreKind) throws {
        let app = try TestApplication(kind: kind, families: [])
        for prefix in ["F", "P", "N", "A", "D"] {
            let id: FamilyID = app.environment.newID(prefix)
            #expect(id.isWellFormed, "\(id)")
            #expect(id.namespace == (kind.isFictional ? .fictional : .live), "\(kind): \(id)")
            #expect(id.body.hasPrefix("\(prefix)-"), "\(id)")
        }
    }
}
