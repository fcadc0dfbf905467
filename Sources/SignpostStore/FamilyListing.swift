import Foundation
import SignpostDomain

/// Which families the case list shows, and which page of them.
public struct FamilyListQuery: Hashable, Sendable {
    public var locality: Locality?
    /// Families whose highest current level is this one.
    public var level: NeedLevel?
    /// Families open to this service.
    public var service: ServiceID?
    /// Families whose lead professional's name contains this text.
    public var leadProfessional: String?
    /// Open (true), closed (false) or both (nil).
    public var isOpen: Bool?
    public var offset: Int
    public var limit: Int

    public init(
        locality: Locality? = nil, level: NeedLevel? = nil, service: ServiceID? = nil,
        leadProfessional: String? = nil, isOpen: Bool? = nil, offset: Int = 0, limit: Int = 50
    ) {
        self.locality = locality
        self.level = level
        self.service = service
        self.leadProfessional = leadProfessional
        self.isOpen = isOpen
        self.offset = offset
        self.limit = limit
    }
}

/// One page of the case list.
public struct FamilyPage: Hashable, Sendable {
    public var summaries: [FamilySummary]
    /// How many families match the filters in all.
    public var totalCount: Int
    public var offset: Int

    public init(summaries: [FamilySummary], totalCount: Int, offset: Int) {
        self.summaries = summaries
        self.totalCount = totalCount
        self.offset = offset
    }
}

/// What the case list shows of one family, kept ready so a page is one cheap read.
public struct FamilySummary: Hashable, Sendable, Identifiable {
    public var id: FamilyID
    public var name: String
    public var postcode: String
    public var locality: Locality
    public var members: [MemberSummary]
    public var highestLevel: NeedLevel?
    public var openServices: [ServiceID]
    public var leadProfessional: String?
    public var lastActivity: Date
    public var isOpen: Bool

    public init(
        id: FamilyID, name: String, postcode: String, locality: Locality, members: [MemberSummary],
        highestLevel: NeedLevel?, openServices: [ServiceID], leadProfessional: String?, lastActivity: Date,
        isOpen: Bool
    ) {
        self.id = id
        self.name = name
        self.postcode = postcode
        self.locality = locality
        self.members = members
        self.highestLevel = highestLevel
        self.openServices = openServices
        self.leadProfessional = leadProfessional
        self.lastActivity = lastActivity
        self.isOpen = isOpen
    }

    /// The summary of a whole family (what a store keeps up to date as it changes).
    public init(of family: Family) {
        self.init(
            id: family.id, name: family.name, postcode: family.address.postcode, locality: family.locality,
            members: family.members.map(MemberSummary.init(of:)), highestLevel: family.highestCurrentLevel,
            openServices: family.openServices, leadProfessional: family.leadProfessional?.name,
            lastActivity: family.lastActivity, isOpen: family.isOpen)
    }
}

/// A member as the case list shows them: name, age and current level.
public struct MemberSummary: Hashable, Sendable, Codable {
    public var id: PersonID
    public var givenName: String
    public var familyName: String
    public var role: PersonRole
    public var dateOfBirth: CalendarDate?
    public var expectedDeliveryDate: CalendarDate?
    public var currentLevel: NeedLevel?

    public init(
        id: PersonID, givenName: String, familyName: String, role: PersonRole, dateOfBirth: CalendarDate?,
        expectedDeliveryDate: CalendarDate?, currentLevel: NeedLevel?
    ) {
        self.id = id
        self.givenName = givenName
        self.familyName = familyName
        self.role = role
        self.dateOfBirth = dateOfBirth
        self.expectedDeliveryDate = expectedDeliveryDate
        self.currentLevel = currentLevel
    }

    public init(of person: Person) {
        self.init(
            id: person.id, givenName: person.givenName, familyName: person.familyName, role: person.role,
            dateOfBirth: person.dateOfBirth, expectedDeliveryDate: person.expectedDeliveryDate,
            currentLevel: person.currentLevel)
    }
}

/// A family found by ``CaseStore/search(_:limit:)`` and why it matched.
public struct FamilySearchHit: Hashable, Sendable {
    public var summary: FamilySummary
    /// The people whose details matched (empty when only the family's address or notes did).
    public var matchedPeople: [PersonID]
    /// What matched, for the list ("name: Zoë Quillfeather", "postcode: N7 0ZZ").
    public var reason: String

    public init(summary: FamilySummary, matchedPeople: [PersonID], reason: String) {
        self.summary = summary
        self.matchedPeople = matchedPeople
        self.reason = reason
    }
}

/// The result of ``CaseStore/check()``, in plain words.
public struct StoreCheckReport: Hashable, Sendable {
    /// Problems found; empty means the store is sound.
    public var problems: [String]
    /// What was checked ("SQLite integrity check: ok", "412 families, 1,530 people").
    public var checked: [String]

    public init(problems: [String], checked: [String]) {
        self.problems = problems
        self.checked = checked
    }

    public var isHealthy: Bool { problems.isEmpty }
}
