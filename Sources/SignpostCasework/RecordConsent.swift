import Foundation
import SignpostDomain
import SignpostStore

/// Records one person's consent (or refusal) on the family's record, and withdraws it.
///
/// Consent is personal: it is given by an adult with parental responsibility,
/// or by a young person for themselves (``SignpostDomain/Family/consentGivers(on:)``), and covers
/// something specific: to assess, to share, and with which agencies. These are
/// the same records the front-door contact and the navigator write and the CAF reads.
///
/// ```swift
/// let consent = RecordConsent.Decision(person: marta, decision: .given, purposes: [.assess, .share],
///                                      agencies: ["School"], method: .verbal, givenOn: today)
/// try RecordConsent(family: family, context: context).run(consent)
/// ```
public struct RecordConsent: Sendable {
    /// What the person said, as the panel's form holds it.
    public struct Decision: Hashable, Sendable {
        public var person: PersonID
        public var decision: ConsentStatus
        public var purposes: [ConsentPurpose]
        public var agencies: [String]
        public var method: ConsentMethod
        public var givenOn: CalendarDate

        public init(
            person: PersonID, decision: ConsentStatus, purposes: [ConsentPurpose], agencies: [String],
            method: ConsentMethod, givenOn: CalendarDate
        ) {
            self.person = person
            self.decision = decision
            self.purposes = purposes
            self.agencies = agencies
            self.method = method
            self.givenOn = givenOn
        }
    }

    public let family: Family
    public let context: CaseworkContext
    /// The new record's id; a form keeps one so that saving twice does not record twice.
    public let id: ConsentID

    public init(family: Family, context: CaseworkContext, id: ConsentID = EntityID.generate(prefix: "CN")) {
        self.family = family
        self.context = context
        self.id = id
    }

    /// The record `decision` makes, refused when it could not be right.
    ///
    /// - Throws: ``CaseworkRefusal`` naming the field: a person who cannot consent (an adult without parental
    ///   responsibility, a child under 12), a decision other than given or refused, nothing it covers,
    ///   sharing with no agency named, or a date in the future.
    public func record(_ decision: Decision) throws(CaseworkRefusal) -> ConsentRecord {
        guard let person = family.member(decision.person) else {
            throw CaseworkRefusal("Choose who gave consent.", field: "person")
        }
        guard decision.givenOn <= context.today else {
            throw CaseworkRefusal("Consent cannot be dated in the future.", field: "given-on")
        }
        guard family.consentGivers(on: decision.givenOn).contains(where: { $0.id == person.id }) else {
            let why =
                person.role.isAdult
                ? "\(person.fullName) has no parental responsibility recorded, so cannot consent for the family."
                : "\(person.fullName) is too young to consent for themselves; ask a parent with parental responsibility."
            throw CaseworkRefusal(why, field: "person")
        }
        guard decision.decision == .given || decision.decision == .refused else {
            throw CaseworkRefusal("Record consent as given or refused.", field: "decision")
        }
        guard !decision.purposes.isEmpty else {
            throw CaseworkRefusal("Say what the consent is for: to assess, to share, or both.", field: "assess")
        }
        let agencies = decision.agencies.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if decision.purposes.contains(.share), decision.decision == .given, agencies.isEmpty {
            throw CaseworkRefusal("Name the agencies information may be shared with.", field: "agencies")
        }
        let whose = person.role.isAdult ? "" : " (for themselves)"
        return ConsentRecord(
            id: id, givenBy: person.fullName + whose, person: person.id, givenOn: decision.givenOn,
            decision: decision.decision,
            scope: Self.scope(purposes: decision.purposes, agencies: agencies), purposes: decision.purposes,
            agencies: agencies, method: decision.method, recordedBy: context.practitioner)
    }

    /// Saves the record.
    ///
    /// - Throws: ``CaseworkRefusal``, or the store's error; nothing is saved then.
    @discardableResult
    public func run(_ decision: Decision) throws -> ConsentRecord {
        let record = try record(decision)
        try context.store.apply([.recordConsent(family: family.id, record)], by: context.practitioner)
        return record
    }

    /// The change that withdraws `consent` on `date`.
    ///
    /// - Throws: ``CaseworkRefusal`` when it is not on the family's record, is already withdrawn, was a refusal,
    ///   or the date is in the future or before it was given.
    public func withdrawal(of consent: ConsentID, on date: CalendarDate) throws(CaseworkRefusal) -> CaseChange {
        guard let record = family.consents.first(where: { $0.id == consent }) else {
            throw CaseworkRefusal("That consent is not on the family's record.")
        }
        if let withdrawn = record.withdrawnOn {
            throw CaseworkRefusal("That consent was already withdrawn on \(withdrawn.british).")
        }
        guard record.decision == .given else {
            throw CaseworkRefusal(
                "Only consent that was given can be withdrawn; this was \(record.decision.label.lowercased()).")
        }
        guard date <= context.today else {
            throw CaseworkRefusal("A withdrawal cannot be dated in the future.", field: "withdrawn-on")
        }
        guard date >= record.givenOn else {
            throw CaseworkRefusal(
                "It was given on \(record.givenOn.british); it cannot be withdrawn before then.", field: "withdrawn-on")
        }
        return .withdrawConsent(family: family.id, consent: consent, on: date)
    }

    /// Withdraws `consent` on `date`.
    public func withdraw(_ consent: ConsentID, on date: CalendarDate) throws {
        try context.store.apply([try withdrawal(of: consent, on: date)], by: context.practitioner)
    }

    /// "to assess; to share with School, Health visiting".
    public static func scope(purposes: [ConsentPurpose], agencies: [String]) -> String {
        purposes.map { purpose in
            purpose == .share && !agencies.isEmpty
                ? "\(purpose.label) with \(agencies.joined(separator: ", "))" : purpose.label
        }
        .joined(separator: "; ")
    }
}
