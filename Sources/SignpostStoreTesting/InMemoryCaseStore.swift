import Foundation
import SignpostDomain
import SignpostStore

/// A ``CaseStore`` held in memory, for tests and previews.
///
/// It behaves as ``SQLiteCaseStore`` does: the same validation and errors, a
/// batch saved whole or not at all, the same audit entries, the same paging
/// and filters. Search matches the start of each typed word against names,
/// also-known-as, postcodes (with or without the space), addresses and case
/// notes, ignoring case and accents, names first. The front-door matcher uses
/// the same index keys, candidate limits and scorer as the SQLite store, so
/// both return the same matches in the same order. Contact drafts are kept
/// per practitioner and audited on first save and on removal, and a day's
/// contacts are found between London midnights, as the SQLite store does.
///
/// ```swift
/// let store = InMemoryCaseStore(kind: .demonstration)
/// try store.apply([.addFamily(family)], by: "trainer")
/// let hits = try store.search("quil", limit: 10)
/// ```
// Unchecked because `storage` is only touched inside `lock.withLock`; `Mutex` would say so
// to the compiler but needs macOS 15, and the package supports macOS 14.
public final class InMemoryCaseStore: CaseStore, @unchecked Sendable {
    struct State {
        var families: [FamilyID: Family] = [:]
        var audit: [AuditEntry] = []
        var drafts: [ContactDraftID: ContactDraft] = [:]
        var formDrafts: [FormDraftSlot: FormDraft] = [:]
        /// What syncing with a team server keeps (see `InMemoryCaseStore+Sync.swift`).
        var sync: SyncState
        /// Merges and the ids they retired (see `InMemoryCaseStore+Merging.swift`).
        var merging = MergingState()
        /// Service directory entries imported from an Open Referral UK feed (see `InMemoryCaseStore+Directory.swift`).
        var directory: [DirectoryEntry] = []
    }

    private let lock = NSLock()
    private var storage: State
    let clock: @Sendable () -> Date

    /// What the store reports as its kind in ``info()``.
    public let kind: StoreKind

    /// The id this store's changes carry to the team server.
    public let device: DeviceID

    /// Creates an empty store.
    ///
    /// - Parameters:
    ///   - kind: The kind reported by ``info()``.
    ///   - families: Families to start with; they are not audited.
    ///   - clock: The time written on audit entries.
    /// - Throws: ``StoreError`` if `families` repeat an id or are not valid.
    public init(
        kind: StoreKind = .demonstration, families: [Family] = [], clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.kind = kind
        self.clock = clock
        let device = DeviceID.generate()
        self.device = device
        var initial = State(sync: SyncState(device: device))
        for family in families {
            initial.families[family.id] = try CaseChange.addFamily(family).applying(
                to: initial.families[family.id], in: kind)
        }
        storage = initial
    }

    public func info() throws -> StoreInfo {
        withState { state in
            StoreInfo(
                location: "memory", kind: kind, schemaVersion: 1, familyCount: state.families.count,
                personCount: state.families.values.reduce(0) { $0 + $1.members.count },
                auditEntryCount: state.audit.count)
        }
    }

    public func family(_ id: FamilyID) throws -> Family? {
        withState { state in state.merging.resolvedFamilyID(id, in: state.families).flatMap { state.families[$0] } }
    }

    public func families(_ query: FamilyListQuery) throws -> FamilyPage {
        let matching = withState { state in
            state.families.values.map(FamilySummary.init(of:)).filter { query.matches($0) }
        }
        .sorted { ($0.lastActivity, $1.id) > ($1.lastActivity, $0.id) }
        let start = min(max(query.offset, 0), matching.count)
        let end = min(start + max(query.limit, 0), matching.count)
        return FamilyPage(summaries: Array(matching[start..<end]), totalCount: matching.count, offset: query.offset)
    }

    public func search(_ text: String, limit: Int) throws -> [FamilySearchHit] {
        let families = withState { Array($0.families.values) }
            .sorted { ($0.lastActivity, $1.id) > ($1.lastActivity, $0.id) }
        var hits = HitCollector(limit: limit)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, limit > 0 else { return [] }

        for family in families where family.id.rawValue.caseInsensitiveCompare(trimmed) == .orderedSame {
            hits.add(family, people: [], reason: "family reference: \(family.id)")
        }
        for family in families {
            for person in family.members where person.id.rawValue.caseInsensitiveCompare(trimmed) == .orderedSame {
                hits.add(family, people: [person.id], reason: "person reference: \(person.id) (\(person.fullName))")
            }
        }
        let retired = withState { state in
            state.merging.aliases.keys.filter { $0.caseInsensitiveCompare(trimmed) == .orderedSame }
                .compactMap { old in state.merging.aliases(among: [old])[old].map { (old, $0) } }
        }
        for (old, new) in retired {
            // A reference a merge retired finds the record it became (a family, or the person's family).
            for family in families where family.id.rawValue == new || family.member(PersonID(new)) != nil {
                let kind = family.id.rawValue == new ? "family" : "person"
                hits.add(family, people: [], reason: "\(kind) reference \(old), merged into \(family.id)")
            }
        }
        if let date = SearchText.date(trimmed) {
            for family in families {
                for person in family.members where person.dateOfBirth == date || person.expectedDeliveryDate == date {
                    let label = person.dateOfBirth == date ? "date of birth" : "expected delivery date"
                    hits.add(family, people: [person.id], reason: "\(label): \(date.british) (\(person.fullName))")
                }
            }
            return hits.hits
        }
        let words = SearchText.words(trimmed)
        guard !words.isEmpty else { return hits.hits }
        func findWords(in fields: [SearchField]) {
            for field in fields {
                for family in families {
                    for entry in family.searchEntries where entry.field == field {
                        let entryWords = SearchText.words(entry.text)
                        guard words.allSatisfy({ word in entryWords.contains { $0.hasPrefix(word) } }) else {
                            continue
                        }
                        hits.add(
                            family, people: entry.person.map { [$0] } ?? [],
                            reason: "\(field.label): \(entry.display)")
                    }
                }
            }
        }
        findWords(in: SearchField.allCases.filter(\.isAName))
        // The matcher's similar names, between the names and the rest, as the SQLite store does.
        if !hits.isFull, let query = SearchText.similarNameQuery(trimmed) {
            let byID = Dictionary(uniqueKeysWithValues: families.map { ($0.id, $0) })
            for match in try matchPeople(query, limit: SearchText.similarNameMatches(forFamilies: limit))
            where SearchText.isSimilarName(match) {
                guard let family = byID[match.familyID] else { continue }
                hits.add(family, people: [match.personID], reason: SearchText.similarNameReason(match))
            }
        }
        findWords(in: SearchField.allCases.filter { !$0.isAName })
        return hits.hits
    }

    /// Matches people as ``SQLiteCaseStore`` does: the same index keys, the same candidate
    /// selection (``MatchSelection``) and the same scorer, here over an index of every person held.
    public func matchPeople(_ query: MatchQuery, limit: Int) throws -> [PersonMatch] {
        guard !query.isEmpty, limit > 0 else { return [] }
        let families = withState { $0.families }
        var rows: [SortedMatchKeyIndex.Row] = []
        var candidates: [IndexedPerson: MatchCandidate] = [:]
        for family in families.values {
            for person in family.members {
                let candidate = MatchCandidate(person: person, in: family)
                let indexed = IndexedPerson(family: family.id, person: person.id)
                candidates[indexed] = candidate
                for key in candidate.indexKeys { rows.append(SortedMatchKeyIndex.Row(key: key, person: indexed)) }
            }
        }
        let index = SortedMatchKeyIndex(rows)
        let lookups = query.lookups(beginsAName: index.hasKey(beginning:))
        let chosen = try MatchSelection.candidates(lookups, in: index).compactMap { candidates[$0] }
        return PersonMatcher.rank(query, among: chosen, limit: limit).compactMap { match in
            families[match.candidate.familyID].map { PersonMatch(match, summary: FamilySummary(of: $0)) }
        }
    }

    public func apply(_ changes: [CaseChange], by actor: String) throws {
        let now = clock()
        try withState { state in
            var working = state
            try Self.apply(changes, by: actor, at: now, to: &working, kind: kind)
            state = working
        }
    }

    /// Applies and audits `changes` to a working copy of the state; the caller keeps it only if all succeed.
    ///
    /// - Parameter outgoing: Whether to write the changes to the outbox; false only for changes pulled from the server.
    static func apply(
        _ changes: [CaseChange], by actor: String, at now: Date, to working: inout State, kind: StoreKind,
        outgoing: Bool = true
    ) throws {
        for incoming in changes {
            let change = try working.merging.prepare(incoming, families: working.families)
            let before = working.families[change.family]
            // A family erased on another laptop that this store never held (or erased already): nothing to do.
            if !outgoing, before == nil, change.familyErasure != nil { continue }
            let after =
                if let before, !outgoing && change.erasesSomeoneAlreadyGone(from: before) {
                    before
                } else {
                    try change.applying(to: before, in: kind, by: actor)
                }
            working.families[after.id] = after
            working.merging.record(change, before: before, after: after, by: actor, families: &working.families)
            var detail = change.auditDetail(before: before, after: after)
            if let erasure = change.erasure, let before {
                detail.changes.append(working.erase(erasure, from: before, marker: change.erasureMarker()))
            }
            if let erasure = change.familyErasure, let before, let marker = change.familyErasureMarker() {
                detail.changes.append(working.erase(erasure, held: before, marker: marker))
            }
            working.audit.append(
                AuditEntry(
                    at: now, actor: actor, action: change.action, family: after.id, recordID: change.recordID,
                    summary: change.auditSummary(before: before, after: after), detail: detail))
            if outgoing { working.sync.record(change, before: before, after: after, at: now) }
        }
    }

    public func recordViewed(_ family: FamilyID, by actor: String) throws {
        let now = clock()
        try withState { state in
            guard let viewed = state.merging.resolvedFamilyID(family, in: state.families) else {
                throw StoreError.familyNotFound(family)
            }
            state.audit.append(
                AuditEntry(
                    at: now, actor: actor, action: "view-family", family: viewed, recordID: viewed.rawValue,
                    summary: "viewed the family record"))
        }
    }

    public func recordRead(action: String, summary: String, by actor: String) throws {
        let now = clock()
        withState { state in
            state.audit.append(
                AuditEntry(at: now, actor: actor, action: action, family: nil, recordID: "", summary: summary))
        }
    }

    public func auditTrail(family: FamilyID?, limit: Int) throws -> [AuditEntry] {
        try auditEntries(AuditQuery(family: family, limit: limit))
    }

    public func auditEntries(_ query: AuditQuery) throws -> [AuditEntry] {
        withState { state in
            var page: [AuditEntry] = []
            // Sequences number the entries from 1 in the order they were written, as SQLite's ids do.
            var index = min(state.audit.count, Int(query.before.map { max($0 - 1, 0) } ?? Int64(state.audit.count)))
            while index > 0, page.count < max(query.limit, 0) {
                index -= 1
                var entry = state.audit[index]
                entry.sequence = Int64(index + 1)
                if query.admits(entry) { page.append(entry) }
            }
            return page
        }
    }

    public func recordExported(_ family: FamilyID, summary: String, by actor: String) throws {
        let now = clock()
        try withState { state in
            guard state.families[family] != nil else { throw StoreError.familyNotFound(family) }
            state.audit.append(
                AuditEntry(
                    at: now, actor: actor, action: "export-family", family: family, recordID: family.rawValue,
                    summary: summary))
        }
    }

    public func familyIDs(after: FamilyID?, limit: Int) throws -> [FamilyID] {
        let ids = withState { $0.families.keys.sorted() }
        return Array(ids.filter { after == nil || $0 > after! }.prefix(max(limit, 0)))
    }

    public func check() throws -> StoreCheckReport {
        withState { state in
            var problems: [String] = []
            for family in state.families.values.sorted(by: { $0.id < $1.id }) {
                do { try family.validateForStore() } catch { problems.append("family \(family.id): \(error)") }
            }
            let people = state.families.values.reduce(0) { $0 + $1.members.count }
            return StoreCheckReport(
                problems: problems,
                checked: [
                    "\(state.families.count) families, \(people) people, \(state.audit.count) audit entries",
                    // Held as values, drafts here are always readable; the line matches the SQLite store's.
                    "\(state.drafts.count) contact drafts can be read",
                    "\(state.formDrafts.count) form drafts can be read",
                ])
        }
    }
}

// MARK: Front-door triage

extension InMemoryCaseStore {
    public func saveDraft(_ draft: ContactDraft) throws {
        if let problem = draft.saveProblem { throw problem }
        let now = clock()
        try withState { state in
            if let earlier = state.drafts[draft.id] {
                guard earlier.practitioner == draft.practitioner else {
                    throw StoreError.draftBelongsToAnother(draft.id, doing: "saved")
                }
            } else {
                state.audit.append(draft.startedAuditEntry(at: now))
            }
            state.drafts[draft.id] = draft
        }
    }

    public func drafts(for practitioner: String) throws -> [ContactDraft] {
        withState { state in
            state.drafts.values.filter { $0.practitioner == practitioner }.sorted(by: ContactDraft.newestFirst)
        }
    }

    public func discardDraft(_ id: ContactDraftID, by practitioner: String) throws {
        let now = clock()
        try withState { state in
            guard let draft = state.drafts[id] else { return }
            guard draft.practitioner == practitioner else {
                throw StoreError.draftBelongsToAnother(id, doing: "removed")
            }
            state.drafts[id] = nil
            state.audit.append(draft.discardedAuditEntry(at: now, by: practitioner))
        }
    }

    public func recordContact(_ changes: [CaseChange], retiringDraft id: ContactDraftID, by practitioner: String) throws
    {
        let now = clock()
        try withState { state in
            let draft = state.drafts[id]
            if let draft, draft.practitioner != practitioner {
                throw StoreError.draftBelongsToAnother(id, doing: "recorded")
            }
            var working = state
            try Self.apply(changes, by: practitioner, at: now, to: &working, kind: kind)
            if let draft {
                working.drafts[id] = nil
                working.audit.append(draft.discardedAuditEntry(at: now, by: practitioner))
            }
            state = working
        }
    }

    public func contacts(on day: CalendarDate, recordedBy practitioner: String?) throws -> [ContactListing] {
        let start = LondonTime.start(of: day)
        let end = LondonTime.start(of: day.adding(days: 1))
        return withState { state in
            state.families.values.flatMap { family in
                family.contacts.filter { contact in
                    contact.receivedAt >= start && contact.receivedAt < end
                        && (practitioner == nil || contact.recordedBy == practitioner)
                }
                .map { contact in
                    ContactListing(
                        familyID: family.id, familyName: family.name, contact: contact,
                        aboutNames: contact.about.map { family.member($0)?.fullName ?? $0.rawValue })
                }
            }
        }
        .sorted(by: ContactListing.newestFirst)
    }
}

// MARK: Reviews

extension InMemoryCaseStore {
    public func reviewsDue(by day: CalendarDate, leadProfessional: String?, limit: Int) throws -> [ReviewDue] {
        let wanted = leadProfessional.map(SearchText.fold) ?? ""
        return withState { state in
            state.families.values.compactMap { family -> ReviewDue? in
                guard let due = family.nextReviewDue, due <= day else { return nil }
                if !wanted.isEmpty, !SearchText.fold(family.leadProfessional?.name ?? "").contains(wanted) {
                    return nil
                }
                return ReviewDue(
                    familyID: family.id, familyName: family.name, leadProfessional: family.leadProfessional?.name,
                    nextReview: due)
            }
        }
        .sorted(by: ReviewDue.soonestFirst).prefix(max(limit, 0)).map { $0 }
    }

    public func reviewsDue(by day: CalendarDate, leadLogin login: String, limit: Int) throws -> [ReviewDue] {
        withState { state in
            state.families.values.compactMap { family -> ReviewDue? in
                guard let due = family.nextReviewDue, due <= day,
                    family.leadProfessional?.isWorker(loggedInAs: login) == true
                else { return nil }
                return ReviewDue(
                    familyID: family.id, familyName: family.name, leadProfessional: family.leadProfessional?.name,
                    nextReview: due)
            }
        }
        .sorted(by: ReviewDue.soonestFirst).prefix(max(limit, 0)).map { $0 }
    }
}

// MARK: Form drafts

/// One practitioner's draft of one form: where the in-memory store keeps it.
struct FormDraftSlot: Hashable {
    var practitioner: String
    var form: FormDraftKey
}

extension InMemoryCaseStore {
    public func saveFormDraft(_ draft: FormDraft) throws {
        if let problem = draft.saveProblem { throw problem }
        withState { state in
            state.formDrafts[FormDraftSlot(practitioner: draft.practitioner, form: draft.form)] = draft
        }
    }

    public func formDraft(_ form: FormDraftKey, for practitioner: String) throws -> FormDraft? {
        withState { state in state.formDrafts[FormDraftSlot(practitioner: practitioner, form: form)] }
    }

    public func formDrafts(for practitioner: String) throws -> [FormDraft] {
        withState { state in
            state.formDrafts.values.filter { $0.practitioner == practitioner }.sorted(by: FormDraft.newestFirst)
        }
    }

    public func discardFormDraft(_ form: FormDraftKey, by practitioner: String) throws {
        withState { state in state.formDrafts[FormDraftSlot(practitioner: practitioner, form: form)] = nil }
    }
}

extension InMemoryCaseStore {
    func withState<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        try lock.withLock { try body(&storage) }
    }
}

extension FamilyListQuery {
    fileprivate func matches(_ summary: FamilySummary) -> Bool {
        if let locality, summary.locality != locality { return false }
        if let level, summary.highestLevel != level { return false }
        if let service, !summary.openServices.contains(service) { return false }
        if let isOpen, summary.isOpen != isOpen { return false }
        if let leadProfessional, !leadProfessional.isEmpty {
            guard let lead = summary.leadProfessional,
                SearchText.fold(lead).contains(SearchText.fold(leadProfessional))
            else { return false }
        }
        return true
    }
}

/// Gathers hits one family at a time, keeping the first reason a family matched for.
private struct HitCollector {
    let limit: Int
    private(set) var hits: [FamilySearchHit] = []

    init(limit: Int) { self.limit = limit }

    var isFull: Bool { hits.count >= limit }

    mutating func add(_ family: Family, people: [PersonID], reason: String) {
        if let index = hits.firstIndex(where: { $0.summary.id == family.id }) {
            for person in people where !hits[index].matchedPeople.contains(person) {
                hits[index].matchedPeople.append(person)
            }
        } else if hits.count < limit {
            hits.append(FamilySearchHit(summary: FamilySummary(of: family), matchedPeople: people, reason: reason))
        }
    }
}
