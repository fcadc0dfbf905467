import Foundation
import SignpostDomain
import SignpostStore

/// Changes a family's household details: a move of address (the old one kept with its dates), the
/// locality, languages, whether an interpreter is needed, and how to make contact safely.
///
/// A move is one change (``CaseChange/changeAddress(family:_:)``) and the other details another
/// (``CaseChange/updateFamilyFields(_:fields:)``), applied and audited together.
///
/// ```swift
/// var details = EditFamilyDetails.Details(of: family, today: context.today)
/// details.address = Address(lines: ["3 New Street"], postcode: "N1 1AA")
/// try EditFamilyDetails(family: family, context: context).run(details)
/// ```
public struct EditFamilyDetails: Sendable {
    /// The details as the form holds them.
    public struct Details: Hashable, Sendable {
        public var address: Address
        /// When the family moved to `address`; used only when the address changes.
        public var movedOn: CalendarDate
        public var locality: Locality
        public var languages: [String]
        public var interpreterNeeded: Bool
        public var accessNotes: String

        public init(
            address: Address, movedOn: CalendarDate, locality: Locality, languages: [String],
            interpreterNeeded: Bool, accessNotes: String
        ) {
            self.address = address
            self.movedOn = movedOn
            self.locality = locality
            self.languages = languages
            self.interpreterNeeded = interpreterNeeded
            self.accessNotes = accessNotes
        }

        /// The details as they stand on `family`; a move would be dated `today`.
        public init(of family: Family, today: CalendarDate) {
            self.init(
                address: family.address, movedOn: today, locality: family.locality, languages: family.languages,
                interpreterNeeded: family.interpreterNeeded, accessNotes: family.accessNotes)
        }
    }

    public let family: Family
    public let context: CaseworkContext

    public init(family: Family, context: CaseworkContext) {
        self.family = family
        self.context = context
    }

    /// The changes that record `details`: a move when the address changed, then the other details.
    ///
    /// - Throws: ``CaseworkRefusal`` naming the field when a move is dated in the future or before the family
    ///   moved to the address they are leaving, or no language is given.
    public func changes(_ details: Details) throws(CaseworkRefusal) -> [CaseChange] {
        var changes: [CaseChange] = []
        var moved = family
        let address = Address(
            lines: details.address.lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            postcode: details.address.postcode.trimmingCharacters(in: .whitespaces).uppercased())
        if address != family.address {
            guard details.movedOn <= context.today else {
                throw CaseworkRefusal("A move cannot be dated in the future.", field: "moved-on")
            }
            let move = AddressMove(address: address, movedOn: details.movedOn, recordedBy: context.practitioner)
            do {
                moved = try family.moving(move)
            } catch {
                throw CaseworkRefusal(error.description, field: address.singleLine.isEmpty ? "address" : "moved-on")
            }
            changes.append(.changeAddress(family: family.id, move))
        }
        let languages = details.languages.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !languages.isEmpty else {
            throw CaseworkRefusal("Give at least one language spoken at home.", field: "languages")
        }
        var household = FamilyDetails(of: moved)
        household.locality = details.locality
        household.languages = languages
        household.interpreterNeeded = details.interpreterNeeded
        household.accessNotes = details.accessNotes.trimmingCharacters(in: .whitespacesAndNewlines)
        if household != FamilyDetails(of: moved) { changes.append(.updateFamilyDetails(family.id, household)) }
        return changes
    }

    /// Saves `details` in one transaction; returns false when nothing had changed.
    ///
    /// - Throws: ``CaseworkRefusal``, or the store's error; nothing is saved then.
    @discardableResult
    public func run(_ details: Details) throws -> Bool {
        let changes = try changes(details)
        guard !changes.isEmpty else { return false }
        try context.store.apply(changes, by: context.practitioner)
        return true
    }
}
