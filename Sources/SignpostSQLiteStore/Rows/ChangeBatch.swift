import Foundation
import GRDB
import SignpostDomain
import SignpostStore

/// Applies changes inside one write transaction, doing each family's derived work once per batch.
///
/// Every change writes its own rows and audit entry as it comes. What follows
/// from the family as a whole (its case-list summary, its search entries, its
/// people's match keys) is written once, by ``finish(in:)``, for each family
/// the batch touched (the match keys of all of them together, sorted): a page of a thousand pulled notes on one family writes
/// its summary once instead of a thousand times, and a note adds only its own
/// search entry. Families are read from the database once and then kept as
/// the batch leaves them.
///
/// ```swift
/// var batch = try ChangeBatch(in: db, path: path, outgoing: true)
/// for change in changes { try batch.apply(change, by: actor, at: now, in: db) }
/// try batch.finish(in: db)
/// ```
struct ChangeBatch {
    private var outbox: Outbox?
    /// Whether the changes were pulled from the team server rather than made here.
    private let pulled: Bool
    /// The store's kind: a live store refuses fictional ids on every way in.
    private let kind: StoreKind
    private var audit = AuditChain.Writer()
    /// Families already read or written in this batch, as they now stand.
    private var working: [FamilyID: Family] = [:]
    /// Each touched family's summary as the database holds it, in the order first touched.
    private var storedSummaries: [(FamilyID, FamilySummary)] = []
    private var searchStale: Set<FamilyID> = []
    private var matchKeysStale: Set<FamilyID> = []
    /// Whether any id has been retired by a merge: only then are changes checked for old ids.
    private var hasAliases: Bool
    /// Families the batch added: they have no match keys to remove.
    private var added: Set<FamilyID> = []
    /// Search entries of added families and notes not yet written, in the order they were made:
    /// written many a statement (see ``Database/insertSearchEntries(_:)``) before any other kind
    /// of change and at the end, so every entry gets the id it would have got written at once.
    private var unwrittenSearchEntries: [(family: FamilyID, entry: SearchEntry)] = []

    /// - Parameter outgoing: Whether changes go to the outbox for the team server (once the store
    ///   joined one); false for pulled ones.
    init(in db: Database, path: String, kind: StoreKind, outgoing: Bool) throws {
        self.kind = kind
        pulled = !outgoing
        // A store that never joined a team keeps no outbox: joining queues what it holds then.
        outbox = try outgoing && Outbox.isStarted(in: db) ? try Outbox(in: db, path: path) : nil
        hasAliases = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM record_alias)") ?? false
    }

    /// Applies, persists and audits one change (and queues it when outgoing).
    mutating func apply(_ incoming: CaseChange, by actor: String, at now: Date, in db: Database) throws {
        // A change naming an id a merge retired reaches the record that id became.
        var change = hasAliases ? try incoming.resolvingAliases { try db.aliases(among: $0) } : incoming
        if case .mergeFamilies(var merge) = change, let held = try heldFamily(merge.absorbed.id, in: db) {
            // The family as this store holds it is merged (the same as the change's copy once synced).
            merge.absorbed = held
            change = .mergeFamilies(merge)
        }
        // Only adding a family or a note leaves its search entries for later; anything else may
        // read, remove or rewrite search entries, so it finds them written.
        switch change {
        case .addFamily, .addCaseNote: break
        default: try writeSearchEntries(in: db)
        }
        if case .undoMerge(let undo) = change {
            for restored in undo.restored.dropFirst() where try heldFamily(restored.id, in: db) != nil {
                throw StoreError.duplicateFamily(restored.id)
            }
        }
        let before: Family?
        if case .addFamily(let family) = change {
            let exists =
                try working[family.id] != nil
                || Bool.fetchOne(
                    db.cachedStatement(sql: "SELECT 1 FROM family WHERE id = ?"), arguments: [family.id.rawValue])
                    ?? false
                // An id a merge retired still names the family it became.
                || (hasAliases && db.resolvedFamilyID(family.id) != nil)
            guard !exists else { throw StoreError.duplicateFamily(family.id) }
            before = nil
        } else if let cached = working[change.family] {
            before = cached
        } else {
            before = try db.fetchFamily(change.family)
            if let before { storedSummaries.append((before.id, FamilySummary(of: before))) }
        }
        // A family erased on another laptop that this store never held (or erased already) leaves nothing to do.
        if pulled, before == nil, change.familyErasure != nil { return }
        let after =
            if let before, pulled && change.erasesSomeoneAlreadyGone(from: before) {
                before
            } else {
                try change.applying(to: before, in: kind, by: actor)
            }
        try persist(change, before: before, after: after, in: db)
        try persistMerging(change, before: before, after: after, by: actor, in: db)
        if before == nil { storedSummaries.append((after.id, FamilySummary(of: after))) }
        working[after.id] = after
        var detail = change.auditDetail(before: before, after: after)
        if let erasure = change.erasure, let before, let marker = change.erasureMarker() {
            // Erased before its own entry is written, so that entry is the one left naming what went.
            let redacted = try db.erase(erasure, from: before, leaving: after, marker: marker)
            detail.changes.append(Self.redactedValue(redacted))
        }
        if let erasure = change.familyErasure, let before, let marker = change.familyErasureMarker() {
            // The family goes from every table before its erasure's entry is written, so that entry is left.
            let redacted = try db.erase(erasure, held: before, marker: marker)
            detail.changes.append(Self.redactedValue(redacted))
            working[erasure.family] = nil
            searchStale.remove(erasure.family)
            matchKeysStale.remove(erasure.family)
            added.remove(erasure.family)
        }
        try audit.insert(
            AuditEntry(
                at: now, actor: actor, action: change.action, family: after.id, recordID: change.recordID,
                summary: change.auditSummary(before: before, after: after), detail: detail),
            in: db)
        try outbox?.record(change, before: before, after: after, at: now, in: db)
    }

    /// Writes what the batch's families call for as they now stand: summaries, search entries, match keys.
    mutating func finish(in db: Database) throws {
        var rekeyed: [Family] = []
        for (id, stored) in storedSummaries {
            guard let family = working[id] else { continue }
            let summary = FamilySummary(of: family)
            if summary != stored { try db.updateSummary(of: family, to: summary, from: stored) }
            if searchStale.contains(id) {
                // The entries waiting are written before this family's go, as they would have been.
                try writeSearchEntries(in: db)
                try db.run("DELETE FROM search_entry WHERE family_id = ?", [id.rawValue])
                unwrittenSearchEntries += family.searchEntries.map { (id, $0) }
            }
            if matchKeysStale.contains(id) { rekeyed.append(family) }
        }
        // Every family's match keys in one sorted pass: most of a pulled page's writing.
        try db.reindexMatchKeys(of: rekeyed, new: added)
        // Last: once the full-text index is in the transaction, every statement after it costs more.
        try writeSearchEntries(in: db)
        try outbox?.saveClock(in: db)
    }

    /// Writes the search entries waiting, many a statement.
    private mutating func writeSearchEntries(in db: Database) throws {
        guard !unwrittenSearchEntries.isEmpty else { return }
        try db.insertSearchEntries(unwrittenSearchEntries)
        unwrittenSearchEntries.removeAll(keepingCapacity: true)
    }

    /// Writes the rows one change touched and notes what of its family must be written again at the end.
    private mutating func persist(_ change: CaseChange, before: Family?, after family: Family, in db: Database) throws {
        let id = family.id
        switch change {
        case .addFamily:
            // Written whole, with its search entries; its match keys with the batch's, at the end.
            try db.insertFamily(family, withMatchKeys: false, withSearchEntries: false)
            unwrittenSearchEntries += family.searchEntries.map { (id, $0) }
            added.insert(id)
            matchKeysStale.insert(id)
        case .updateFamilyFields:
            try db.updateDetails(of: family)
            searchStale.insert(id)
            // The matcher indexes the family's name and postcode with each person.
            if before?.name != family.name || before?.address.postcode != family.address.postcode {
                matchKeysStale.insert(id)
            }
        case .addPerson(_, let person, _):
            try db.insertPerson(person, of: id, at: family.members.count - 1)
            for (position, entry) in person.levelHistory.enumerated() {
                try db.insertLevel(entry, of: person.id, in: id, at: position)
            }
            try db.replaceRelationships(of: family)
            searchStale.insert(id)
            matchKeysStale.insert(id)
        case .updatePersonFields(_, let personID, _):
            guard let person = family.member(personID) else { throw StoreError.personNotFound(id, personID) }
            try db.updatePerson(person, of: id)
            try db.replaceRelationships(of: family)
            searchStale.insert(id)
            matchKeysStale.insert(id)
        case .recordLevel(_, let person, let entry):
            let position = (family.member(person)?.levelHistory.count ?? 1) - 1
            try db.insertLevel(entry, of: person, in: id, at: position)
        case .addCaseNote(_, let note):
            try db.insertNote(note, of: id, at: family.notes.count - 1)
            // Entries are written afresh at the end anyway when something else searchable changed.
            if !searchStale.contains(id), let entry = Family.searchEntry(of: note) {
                unwrittenSearchEntries.append((id, entry))
            }
        case .addContact(_, let contact):
            try db.insertContact(contact, of: id, at: family.contacts.count - 1)
        case .addReferral(_, let referral):
            try db.insertReferral(referral, of: id, at: family.referrals.count - 1)
        case .updateReferralStatus(_, let referral, let status):
            try db.updateReferralStatus(referral, of: id, to: status)
        case .recordConsent(_, let consent):
            try db.insertConsent(consent, of: id, at: family.consents.count - 1)
        case .withdrawConsent(_, let consent, let date):
            try db.withdrawConsent(consent, of: id, on: date)
        case .openEpisode(_, let episode):
            try db.insertEpisode(episode, of: id, at: family.episodes.count - 1)
        case .closeEpisode(_, let episode, let date, let reason):
            try db.closeEpisode(episode, of: id, on: date, reason: reason)
            try db.updateEpisodeLife(of: family, episode)
        case .saveAssessmentFields(_, let assessmentID, _):
            guard let position = family.assessments.firstIndex(where: { $0.id == assessmentID }) else {
                throw StoreError.recordNotFound(id, assessmentID.rawValue)
            }
            try db.saveAssessment(family.assessments[position], of: id, at: position)
        case .changeAddress:
            try db.updateDetails(of: family)
            try db.writeAddressHistory(of: family)
            searchStale.insert(id)
            if before?.address.postcode != family.address.postcode { matchKeysStale.insert(id) }
        case .addRelationship, .changeRelationship, .removeRelationship:
            try db.replaceRelationships(of: family)
            try db.insertRelationshipEvent(of: family)
        case .recordReferralOutcome(_, let referralID, _):
            guard let referral = family.referrals.first(where: { $0.id == referralID }) else {
                throw StoreError.recordNotFound(id, referralID.rawValue)
            }
            try db.recordReferralOutcome(referral, of: id)
        case .changeLeadProfessional(_, let change):
            try db.updateDetails(of: family)
            try db.insertLeadProfessionalChange(change, of: id, at: family.leadProfessionalHistory.count - 1)
        case .recordMeeting(_, let meeting):
            try db.insertMeeting(meeting, of: id, at: family.meetings.count - 1)
        case .resolveConflict(let resolution):
            // The record is written as the edit the resolution makes would write it.
            try persist(resolution.fieldChange(), before: before, after: family, in: db)
        case .lifecycle(_, let change):
            try db.persistLifecycle(change, of: family)
        case .amendCaseNote(_, let noteID, _):
            guard let note = family.notes.first(where: { $0.id == noteID }) else {
                throw StoreError.recordNotFound(id, noteID.rawValue)
            }
            try db.updateNoteAmendments(note, of: id)
            // Search finds a note by what it says now.
            searchStale.insert(id)
        case .mergeFamilies, .mergePeople, .undoMerge:
            // Written by persistMerging, which also keeps the merge and its aliases.
            break
        case .erasePerson, .eraseFamily:
            // Written by `Database.erase`, which also redacts the audit and drafts (see `apply`).
            break
        case .decideRetention:
            try db.insertRetentionDecision(of: family)
        case .supportingFamilies:
            try db.writeSupportingFamilies(of: family)
        }
    }

    /// The erasure entry's list of the entries it redacted, which `check` can match against their markers.
    static func redactedValue(_ sequences: [Int64]) -> AuditValueChange {
        AuditValueChange(
            field: "audit entries redacted", old: nil,
            new: sequences.isEmpty ? "none" : sequences.map(String.init).joined(separator: ", "))
    }

    /// The family as this batch holds it, or as stored; nil when neither holds it.
    private func heldFamily(_ id: FamilyID, in db: Database) throws -> Family? {
        if let cached = working[id] { return cached }
        return try db.fetchFamily(id)
    }

    /// Writes a merge or an undo: the families rewritten whole, the merge kept for undoing, the aliases.
    private mutating func persistMerging(
        _ change: CaseChange, before: Family?, after family: Family, by actor: String, in db: Database
    ) throws {
        switch change {
        case .mergeFamilies(let merge):
            guard let before else { return }
            let absorbed = merge.absorbed.id
            try db.run("DELETE FROM family WHERE id = ?", [absorbed.rawValue])
            try db.rewriteFamily(family)
            try db.recordMerge(
                MergeRecord(
                    id: merge.id, kind: .families, survivorFamily: family.id, absorbedFamily: absorbed,
                    survivorPerson: nil, absorbedPerson: nil, before: [before, merge.absorbed],
                    after: try db.fetchFamily(family.id) ?? family,
                    at: merge.at, by: actor, reason: merge.reason, undoneAt: nil))
            working[absorbed] = nil
            searchStale.remove(absorbed)
            matchKeysStale.remove(absorbed)
            hasAliases = true
        case .mergePeople(let merge):
            guard let before else { return }
            try db.rewriteFamily(family)
            try db.recordMerge(
                MergeRecord(
                    id: merge.id, kind: .people, survivorFamily: family.id, absorbedFamily: family.id,
                    survivorPerson: merge.survivor, absorbedPerson: merge.absorbed, before: [before],
                    after: try db.fetchFamily(family.id) ?? family,
                    at: merge.at, by: actor, reason: merge.reason, undoneAt: nil))
            hasAliases = true
        case .undoMerge(let undo):
            try db.rewriteFamily(family)
            for restored in undo.restored.dropFirst() {
                try db.insertFamily(restored)
                working[restored.id] = restored
            }
            try db.recordUndo(of: undo.merge, at: undo.at)
            hasAliases = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM record_alias)") ?? false
        default:
            return
        }
    }
}
