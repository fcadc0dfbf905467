import Foundation

/// A household known to the service: its people and everything recorded about them.
///
/// A family is the unit a case is held on and the unit that exports to one
/// JSON document. People, levels, contacts, referrals, notes, consents,
/// episodes and assessments all belong to exactly one family.
///
/// ```swift
/// var family = Family(id: "F-00017", name: "Quillfeather", locality: .north)
/// family.members.append(ava)
/// family.highestCurrentLevel  // the highest level of any member
/// ```
public struct Family: Identifiable, Hashable, Codable, Sendable {
    public var id: FamilyID
    /// How the household is referred to, usually a family name ("Quillfeather").
    public var name: String
    public var address: Address
    /// When the family moved to ``address``, if known.
    public var addressSince: CalendarDate?
    /// Earlier addresses, oldest first, each with the dates the family lived there.
    public var previousAddresses: [PreviousAddress]
    public var locality: Locality
    /// Languages spoken at home.
    public var languages: [String]
    public var interpreterNeeded: Bool
    /// How to make contact safely ("call mother's mobile only").
    public var accessNotes: String
    public var members: [Person]
    public var relationships: [Relationship]
    /// Every relationship added, changed or removed since the family was recorded, oldest first.
    public var relationshipHistory: [RelationshipEvent]
    public var leadProfessional: Professional?
    public var teamAroundFamily: [Professional]
    public var episodes: [EarlyHelpEpisode]
    public var contacts: [Contact]
    public var referrals: [Referral]
    public var notes: [CaseNote]
    public var consents: [ConsentRecord]
    public var assessments: [EarlyHelpAssessment]
    /// When the family was first recorded.
    public var createdAt: Date
    /// Every lead professional change, oldest first (``leadProfessionalHistory``); nil when there has been none,
    /// so a family without any exports as it always did.
    var leadProfessionalChanges: [LeadProfessionalChange]?
    /// Team around the family meetings (``meetings``); nil when there have been none.
    var meetingRecords: [TeamMeeting]?
    /// Social-care statuses (``socialCareRecords``); nil when there have been none.
    var socialCareHistoryRecords: [SocialCareRecord]?
    /// Members joining and leaving the team around the family (``teamHistory``); nil when none is recorded.
    var teamMemberChanges: [TeamMemberChange]?
    /// Retention reviews that decided to keep the record (``retentionDecisions``); nil when none was made.
    var retentionDecisionRecords: [RetentionDecision]?
    /// Supporting Families needs and outcomes (``supportingFamiliesNeeds``); nil when none is identified.
    var supportingFamiliesRecords: [SupportingFamiliesNeed]?

    public init(
        id: FamilyID,
        name: String,
        address: Address = Address(),
        addressSince: CalendarDate? = nil,
        previousAddresses: [PreviousAddress] = [],
        locality: Locality,
        languages: [String] = ["English"],
        interpreterNeeded: Bool = false,
        accessNotes: String = "",
        members: [Person] = [],
        relationships: [Relationship] = [],
        relationshipHistory: [RelationshipEvent] = [],
        leadProfessional: Professional? = nil,
        teamAroundFamily: [Professional] = [],
        episodes: [EarlyHelpEpisode] = [],
        contacts: [Contact] = [],
        referrals: [Referral] = [],
        notes: [CaseNote] = [],
        consents: [ConsentRecord] = [],
        assessments: [EarlyHelpAssessment] = [],
        createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.name = name
        self.address = address
        self.addressSince = addressSince
        self.previousAddresses = previousAddresses
        self.locality = locality
        self.languages = languages
        self.interpreterNeeded = interpreterNeeded
        self.accessNotes = accessNotes
        self.members = members
        self.relationships = relationships
        self.relationshipHistory = relationshipHistory
        self.leadProfessional = leadProfessional
        self.teamAroundFamily = teamAroundFamily
        self.episodes = episodes
        self.contacts = contacts
        self.referrals = referrals
        self.notes = notes
        self.consents = consents
        self.assessments = assessments
        self.createdAt = createdAt
    }

    /// The member with this id.
    public func member(_ id: PersonID) -> Person? { members.first { $0.id == id } }

    /// The highest current level of any member, or nil when no level is set.
    public var highestCurrentLevel: NeedLevel? { members.compactMap(\.currentLevel).max() }

    /// Services the family is open to: an open episode or an accepted referral, sorted, without repeats.
    ///
    /// A referral only sent, or declined, closed or withdrawn, does not make the family open to its service.
    public var openServices: [ServiceID] {
        let fromEpisodes = episodes.filter(\.isActive).map(\.service)
        let fromReferrals = referrals.filter(\.status.isOpen).map(\.service)
        return Array(Set(fromEpisodes + fromReferrals)).sorted()
    }

    /// True while any early help episode is open.
    public var isOpen: Bool { episodes.contains(where: \.isOpen) || referrals.contains(where: \.status.isOpen) }

    /// The latest moment anything was recorded for the family.
    public var lastActivity: Date {
        var latest = createdAt
        // The latest moment needs no order: the entries unsorted (every change a store applies asks).
        for entry in chronologyEntries() where entry.at > latest {
            // CAF lines joined the chronology after stores kept this in their list index; leaving them out
            // keeps stored summaries true without a migration (saving a CAF is not what moves a family up).
            switch entry {
            case .assessmentStarted, .assessmentCompleted: continue
            default: latest = entry.at
            }
        }
        return latest
    }

    /// Contacts, referrals and their outcomes, case notes, level changes, consents, moves, relationship
    /// changes, episodes opened and closed, lead professional changes and meetings as one timeline, newest first.
    ///
    /// This is how a chronology for a case conference is read; with
    /// `significantOnly` it keeps only entries flagged as significant events
    /// (notes so flagged, referrals, level changes to 3 or 4, consent withdrawn).
    public func chronology(significantOnly: Bool = false) -> [ChronologyEntry] {
        var entries = chronologyEntries()
        if significantOnly { entries = entries.filter(\.isSignificant) }
        return entries.sorted { ($0.sortMoment, $0.sortKey) > ($1.sortMoment, $1.sortKey) }
    }

    /// Every entry of ``chronology(significantOnly:)``, in no particular order.
    private func chronologyEntries() -> [ChronologyEntry] {
        var entries: [ChronologyEntry] = []
        entries += contacts.map { .contact($0) }
        entries += referrals.map { .referral($0) }
        entries += notes.map { .note($0) }
        entries += episodes.map { .episodeOpened($0) }
        entries += episodes.filter { !$0.isOpen }.map { .episodeClosed($0) }
        entries += referrals.filter { $0.outcomeOn != nil }.map { .referralOutcome($0) }
        entries += leadProfessionalHistory.map { .leadProfessionalChange($0) }
        entries += meetings.map { .meeting($0) }
        for person in members {
            entries += person.levelHistory.map { .levelChange(person: person.id, $0) }
        }
        entries += casePartsOfChronology()
        entries += caseEvents().map { .caseEvent($0) }
        return entries
    }

    /// The relationships of `person` to the others, as "parent of Ava".
    public func relationships(of person: PersonID) -> [(kind: RelationshipKind, other: PersonID)] {
        relationships.compactMap { relation in
            if relation.from == person { return (relation.kind, relation.to) }
            if relation.to == person { return (relation.kind.inverse, relation.from) }
            return nil
        }
    }
}

/// A postal address.
public struct Address: Hashable, Codable, Sendable {
    /// Street lines, first line first.
    public var lines: [String]
    public var postcode: String

    public init(lines: [String] = [], postcode: String = "") {
        self.lines = lines
        self.postcode = postcode
    }

    /// "12 Example Road, N7 0ZZ".
    public var singleLine: String { (lines + [postcode]).filter { !$0.isEmpty }.joined(separator: ", ") }
}

/// "`from` is the `kind` of `to`": Marta is the parent of Ava.
public struct Relationship: Hashable, Codable, Sendable {
    public var from: PersonID
    public var kind: RelationshipKind
    public var to: PersonID

    public init(from: PersonID, kind: RelationshipKind, to: PersonID) {
        self.from = from
        self.kind = kind
        self.to = to
    }
}

/// A professional working with the family: the lead professional or a member of the team around the family.
public struct Professional: Hashable, Codable, Sendable {
    public var name: String
    public var role: String
    public var organisation: String
    public var phone: String
    public var email: String
    /// Their Signpost login, when they have one: how "my reviews" finds the families they lead.
    public var login: String?

    public init(
        name: String, role: String, organisation: String, phone: String = "", email: String = "", login: String? = nil
    ) {
        self.name = name
        self.role = role
        self.organisation = organisation
        self.phone = phone
        self.email = email
        self.login = login
    }

    /// Whether this is the practitioner logged in as `login`: named with that login, or, when no login is
    /// recorded, named as the login reads ("sam.okafor" is Sam Okafor; case and accents aside).
    public func isWorker(loggedInAs login: String) -> Bool {
        if let own = self.login, !own.isEmpty { return own == login }
        return Self.nameKey(name) == Self.nameKey(login)
    }

    /// A name or login as words to compare: lower case, no accents, `.` `_` `-` as spaces.
    public static func nameKey(_ text: String) -> String {
        let spaced = text.map { ".-_".contains($0) ? " " : String($0) }.joined()
        return spaced.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_GB"))
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// "Name (role, organisation)".
    public var summary: String {
        let detail = [role, organisation].filter { !$0.isEmpty }.joined(separator: ", ")
        return detail.isEmpty ? name : "\(name) (\(detail))"
    }
}

extension Family {
    private enum CodingKeys: String, CodingKey {
        case id, name, address, addressSince, previousAddresses, locality, languages, interpreterNeeded, accessNotes
        case members, relationships, relationshipHistory, leadProfessional, teamAroundFamily, episodes, contacts
        case referrals, notes, consents, assessments, createdAt, leadProfessionalChanges, meetingRecords
        case socialCareRecords, teamChanges, supportingFamilies
        case retentionDecisions
    }

    /// Reads a family, including one written before address, relationship, lead professional and meeting history were kept
    /// (fixtures, exports and changes already on a team server): the histories then start empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(FamilyID.self, forKey: .id),
            name: try container.decode(String.self, forKey: .name),
            address: try container.decode(Address.self, forKey: .address),
            addressSince: try container.decodeIfPresent(CalendarDate.self, forKey: .addressSince),
            previousAddresses: try container.decodeIfPresent([PreviousAddress].self, forKey: .previousAddresses)
                ?? [],
            locality: try container.decode(Locality.self, forKey: .locality),
            languages: try container.decode([String].self, forKey: .languages),
            interpreterNeeded: try container.decode(Bool.self, forKey: .interpreterNeeded),
            accessNotes: try container.decode(String.self, forKey: .accessNotes),
            members: try container.decode([Person].self, forKey: .members),
            relationships: try container.decode([Relationship].self, forKey: .relationships),
            relationshipHistory: try container.decodeIfPresent(
                [RelationshipEvent].self, forKey: .relationshipHistory) ?? [],
            leadProfessional: try container.decodeIfPresent(Professional.self, forKey: .leadProfessional),
            teamAroundFamily: try container.decode([Professional].self, forKey: .teamAroundFamily),
            episodes: try container.decode([EarlyHelpEpisode].self, forKey: .episodes),
            contacts: try container.decode([Contact].self, forKey: .contacts),
            referrals: try container.decode([Referral].self, forKey: .referrals),
            notes: try container.decode([CaseNote].self, forKey: .notes),
            consents: try container.decode([ConsentRecord].self, forKey: .consents),
            assessments: try container.decode([EarlyHelpAssessment].self, forKey: .assessments),
            createdAt: try container.decode(Date.self, forKey: .createdAt))
        leadProfessionalChanges = try container.decodeIfPresent(
            [LeadProfessionalChange].self, forKey: .leadProfessionalChanges)
        meetingRecords = try container.decodeIfPresent([TeamMeeting].self, forKey: .meetingRecords)
        socialCareHistoryRecords = try container.decodeIfPresent(
            [SocialCareRecord].self, forKey: .socialCareRecords)
        teamMemberChanges = try container.decodeIfPresent([TeamMemberChange].self, forKey: .teamChanges)
        retentionDecisionRecords = try container.decodeIfPresent(
            [RetentionDecision].self, forKey: .retentionDecisions)
        supportingFamiliesRecords = try container.decodeIfPresent(
            [SupportingFamiliesNeed].self, forKey: .supportingFamilies)
    }

    /// Writes a family; empty histories are left out, so a family without them reads as it did before they were kept.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(address, forKey: .address)
        try container.encodeIfPresent(addressSince, forKey: .addressSince)
        if !previousAddresses.isEmpty { try container.encode(previousAddresses, forKey: .previousAddresses) }
        try container.encode(locality, forKey: .locality)
        try container.encode(languages, forKey: .languages)
        try container.encode(interpreterNeeded, forKey: .interpreterNeeded)
        try container.encode(accessNotes, forKey: .accessNotes)
        try container.encode(members, forKey: .members)
        try container.encode(relationships, forKey: .relationships)
        if !relationshipHistory.isEmpty { try container.encode(relationshipHistory, forKey: .relationshipHistory) }
        try container.encodeIfPresent(leadProfessional, forKey: .leadProfessional)
        try container.encode(teamAroundFamily, forKey: .teamAroundFamily)
        try container.encode(episodes, forKey: .episodes)
        try container.encode(contacts, forKey: .contacts)
        try container.encode(referrals, forKey: .referrals)
        try container.encode(notes, forKey: .notes)
        try container.encode(consents, forKey: .consents)
        try container.encode(assessments, forKey: .assessments)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(leadProfessionalChanges, forKey: .leadProfessionalChanges)
        try container.encodeIfPresent(meetingRecords, forKey: .meetingRecords)
        try container.encodeIfPresent(socialCareHistoryRecords, forKey: .socialCareRecords)
        try container.encodeIfPresent(teamMemberChanges, forKey: .teamChanges)
        try container.encodeIfPresent(retentionDecisionRecords, forKey: .retentionDecisions)
        try container.encodeIfPresent(supportingFamiliesRecords, forKey: .supportingFamilies)
    }
}
