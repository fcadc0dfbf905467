import Foundation
import SignpostDomain

/// The team server as the screens see it: "is this person known anywhere in the service?", and
/// bringing a family's record to this laptop. The server decides who may have what.
///
/// The interface depends on this protocol only; `SignpostSync` implements it over the team
/// server, and tests give a double. Both calls may take the network's time: callers run them off
/// the keystroke path.
///
/// ```swift
/// let found = try await directory.findPeople("marta wrenfold")
/// let brought = try await directory.bringFamily(found[0].family, reason: nil)
/// ```
public protocol TeamDirectory: Sendable {
    /// Families on the team server holding someone matching `text` (part of a name or a date of
    /// birth, at least two characters): ids, locality and restriction only, never case details.
    func findPeople(_ text: String) async throws -> [TeamDirectoryFamily]

    /// Brings one family's whole record to this laptop's store (and whatever else is new).
    ///
    /// - Throws: ``TeamDirectoryError``: ``TeamDirectoryError/reasonRequired(_:)`` when the family
    ///   is restricted and no reason was given, ``TeamDirectoryError/refused(_:)`` when the server
    ///   says no, ``TeamDirectoryError/offline(_:)`` when it cannot be reached.
    func bringFamily(_ family: FamilyID, reason: String?) async throws -> TeamDirectoryBrought
}

/// One family a team-wide search found.
public struct TeamDirectoryFamily: Hashable, Sendable {
    public var family: FamilyID
    /// The records (people, or the family itself) that matched.
    public var records: [String]
    public var locality: String?
    /// Restricted to named workers: anyone else gives a reason to open it.
    public var restricted: Bool
    /// Whether this laptop's store already holds it.
    public var onThisLaptop: Bool

    public init(family: FamilyID, records: [String], locality: String?, restricted: Bool, onThisLaptop: Bool) {
        self.family = family
        self.records = records
        self.locality = locality
        self.restricted = restricted
        self.onThisLaptop = onThisLaptop
    }
}

/// What bringing a family did.
public struct TeamDirectoryBrought: Hashable, Sendable {
    public var family: FamilyID
    public var restricted: Bool
    /// Changes in the family's history on the server.
    public var changes: Int

    public init(family: FamilyID, restricted: Bool, changes: Int) {
        self.family = family
        self.restricted = restricted
        self.changes = changes
    }
}

/// Why the team directory could not answer, in words for the practitioner.
public enum TeamDirectoryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server could not be reached (no network, no password, the server down).
    case offline(String)
    /// The family is restricted: the server needs a reason to open it.
    case reasonRequired(String)
    /// The server refused (outside the practitioner's need-to-know, not a practitioner...).
    case refused(String)

    public var description: String {
        switch self {
        case .offline(let why), .reasonRequired(let why), .refused(let why): why
        }
    }
}
