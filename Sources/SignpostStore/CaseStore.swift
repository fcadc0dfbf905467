import Foundation
import SignpostDomain

/// Where cases are kept: the one interface the screens and commands depend on.
///
/// The embedded default is ``SQLiteCaseStore`` (one SQLite file); a server
/// database can implement the same protocol later. Every write goes through
/// ``apply(_:by:)``: the changes in one call are saved together or not at
/// all, and each is written to the audit trail in the same transaction.
///
/// Reads never load more than they show: the case list is paged
/// (``families(_:)``), search returns the best few hits, and a whole
/// ``Family`` is only read when one is opened.
///
/// ```swift
/// let store: any CaseStore = try SQLiteCaseStore(openingOrCreating: url, kind: .live)
/// try store.apply([.addCaseNote(family: id, note)], by: "j.okafor")
/// let page = try store.families(FamilyListQuery(limit: 20))
/// ```
public protocol CaseStore: AnyObject, Sendable, ReviewListing, ManagerReporting, DirectoryKeeping,
    SupportingFamiliesReporting
{
    /// What kind of data the store holds, fixed when it was made: known without reading the store.
    var kind: StoreKind { get }

    /// What the store is and holds: location, kind, counts, schema version.
    ///
    /// Counting reads whole indexes (tens of milliseconds at 100,000 families), so
    /// start-up paths ask for ``kind`` instead.
    func info() throws -> StoreInfo

    /// One whole family, or nil if there is none with that id.
    func family(_ id: FamilyID) throws -> Family?

    /// One page of the case list, newest activity first, with the filters applied.
    func families(_ query: FamilyListQuery) throws -> FamilyPage

    /// Families whose people match `text`: part of a name or also-known-as, a
    /// postcode, an address, words in a note, a date of birth (`14/03/2022` or
    /// `2022-03-14`) or a family or person reference. Best matches first.
    ///
    /// Matching ignores case and accents ("zoe" finds "Zoë"). After the names
    /// that begin with each typed word, and before postcodes, addresses and
    /// notes, come the people ``matchPeople(_:limit:)`` finds for a name
    /// misspelt, heard or swapped ("kwilfether" finds Quillfeather), with the
    /// reason "similar name: …", so both searches agree on who a name could be.
    func search(_ text: String, limit: Int) throws -> [FamilySearchHit]

    /// People who may be the one a front-door query is about, best first, with why and what their family is open to.
    ///
    /// The query may mix name parts, a partial date of birth and a postcode;
    /// matching tolerates misspellings, swapped names, missing accents and
    /// names that sound alike (see ``PersonMatcher``). Candidates are found by
    /// index lookups only and scored on that small set, so the cost does not
    /// grow with the store.
    ///
    /// ```swift
    /// let matches = try store.matchPeople(MatchQuery("shivawn marchbank 10/5"), limit: 10)
    /// matches.first?.reasonText  // "first name sounds like, surname matches, date of birth matches day and month"
    /// ```
    func matchPeople(_ query: MatchQuery, limit: Int) throws -> [PersonMatch]

    /// Saves `changes` in one transaction, each audited as done by `actor`.
    ///
    /// - Throws: ``StoreError`` if any change cannot be applied; then nothing is saved.
    func apply(_ changes: [CaseChange], by actor: String) throws

    /// Records in the audit trail that `actor` opened a family's record.
    func recordViewed(_ family: FamilyID, by actor: String) throws

    /// Records in the audit trail that `actor` read case data about no one family in particular
    /// (a list of families, a search), with `action` (`list-families`, `search-families`) and what was read.
    func recordRead(action: String, summary: String, by actor: String) throws

    /// Audit entries, newest first, optionally for one family only.
    func auditTrail(family: FamilyID?, limit: Int) throws -> [AuditEntry]

    /// One page of the audit trail, newest first, filtered by family, actor, kind of action and time.
    ///
    /// Reads only the page asked for: pass the last entry's ``AuditEntry/sequence`` as
    /// ``AuditQuery/before`` for the next one.
    ///
    /// ```swift
    /// let page = try store.auditEntries(AuditQuery(family: "F-0001", kind: .changed, limit: 50))
    /// ```
    func auditEntries(_ query: AuditQuery) throws -> [AuditEntry]

    /// Records in the audit trail that `actor` exported a family's record (action `export-family`),
    /// with what was written where in `summary`. An export is audited as an export, never as a view.
    ///
    /// - Throws: ``StoreError/familyNotFound(_:)`` when there is no such family.
    func recordExported(_ family: FamilyID, summary: String, by actor: String) throws

    /// Family ids in a stable order, a page at a time (for export and checks).
    func familyIDs(after: FamilyID?, limit: Int) throws -> [FamilyID]

    /// Runs the storage engine's integrity check and the store's own invariants.
    func check() throws -> StoreCheckReport

    // MARK: Front-door triage (#5)

    /// Saves a contact draft, replacing any earlier save of the same draft.
    ///
    /// The triage screens call this after every keystroke, so it is one small
    /// write (one upsert of the draft's row), committed before it returns: a
    /// crash, a killed terminal or Ctrl-C loses nothing already typed. The draft
    /// is kept exactly as given, `updatedAt` included; the caller sets it.
    ///
    /// Only the draft's first save is audited ("start-contact-draft", by the
    /// draft's practitioner, on the draft's family if one is picked). Auditing
    /// every save would put one entry per keystroke in the trail, burying the
    /// record of work in noise while saying nothing the draft itself does not;
    /// what the contact finally said is audited when it is recorded.
    ///
    /// ```swift
    /// draft.words += "s"
    /// draft.updatedAt = Date()
    /// try store.saveDraft(draft)
    /// ```
    ///
    /// - Throws: ``StoreError/invalidChange(_:)`` if the draft names no practitioner, or its id is
    ///   already used by another practitioner's draft (which is left as it was).
    func saveDraft(_ draft: ContactDraft) throws

    /// The practitioner's drafts, the most recently changed first.
    ///
    /// Ordered by `updatedAt`, newest first (then by id). Other
    /// practitioners' drafts are never returned. A draft that can no longer be
    /// read (written by another version of Signpost, or damaged) is left out
    /// rather than failing the list; ``check()`` reports it.
    func drafts(for practitioner: String) throws -> [ContactDraft]

    /// Removes a draft: once its contact is recorded, or when the practitioner discards it. No error if it is already gone.
    ///
    /// Removing is audited ("discard-contact-draft", on the draft's family if
    /// one was picked); removing a draft that is already gone changes nothing
    /// and writes no entry.
    ///
    /// - Throws: ``StoreError/invalidChange(_:)`` if the draft belongs to another practitioner; it is left as it was.
    func discardDraft(_ id: ContactDraftID, by practitioner: String) throws

    /// Records a front-door contact and retires its draft in one transaction: both happen or neither does.
    ///
    /// `changes` are applied and audited as ``apply(_:by:)`` does, by the draft's
    /// practitioner; the draft is then removed and its removal audited
    /// ("discard-contact-draft"). A crash can therefore never leave a recorded
    /// contact's draft to be offered again. A draft that is already gone is not an
    /// error: the changes are still applied, so the same draft is only ever
    /// recorded once when its changes carry ids derived from the draft's id (the
    /// second attempt fails with ``StoreError/duplicateRecord(_:)`` or
    /// ``StoreError/duplicateFamily(_:)`` and saves nothing).
    ///
    /// ```swift
    /// try store.recordContact(changes, retiringDraft: draft.id, by: draft.practitioner)
    /// ```
    ///
    /// - Throws: ``StoreError`` if a change cannot be applied, or the draft belongs to another practitioner;
    ///   then nothing is saved and the draft is left as it was.
    func recordContact(_ changes: [CaseChange], retiringDraft draft: ContactDraftID, by practitioner: String) throws

    /// The contacts received on `day` (a London calendar day), newest first; only those recorded by `practitioner` when given.
    ///
    /// The day runs from London midnight to the next London midnight
    /// (``LondonTime/start(of:)``), so it is 23 or 25 hours long when the
    /// clocks change. Contacts received at the same instant are ordered by
    /// family id, then contact id.
    ///
    /// ```swift
    /// let mine = try store.contacts(on: LondonTime.today(at: Date()), recordedBy: "sam.okafor")
    /// ```
    func contacts(on day: CalendarDate, recordedBy practitioner: String?) throws -> [ContactListing]

    // MARK: Form drafts

    /// Saves what is typed into a form, replacing the practitioner's earlier draft of the same form.
    ///
    /// The form screens call this after every key, so it is one small write
    /// committed before it returns: a crash or a killed terminal loses nothing
    /// already typed. The draft is kept exactly as given, `updatedAt` included.
    ///
    /// Form drafts are not audited: they are the practitioner's unsaved typing, not
    /// the record, and an entry per keystroke would bury the trail; what is saved
    /// from the form is audited when it is saved.
    ///
    /// ```swift
    /// draft.fields["text"] = typed
    /// draft.updatedAt = Date()
    /// try store.saveFormDraft(draft)
    /// ```
    ///
    /// - Throws: ``StoreError/invalidChange(_:)`` if the draft names no practitioner or no kind of form.
    func saveFormDraft(_ draft: FormDraft) throws

    /// The practitioner's draft of one form, or nil if there is none.
    func formDraft(_ form: FormDraftKey, for practitioner: String) throws -> FormDraft?

    /// The practitioner's form drafts, the most recently changed first; never another practitioner's.
    ///
    /// A draft that can no longer be read (damaged, or written by another version) is left out.
    func formDrafts(for practitioner: String) throws -> [FormDraft]

    /// Removes the practitioner's draft of a form: once the form is saved, or its typing discarded on purpose.
    ///
    /// No error if there is none; another practitioner's draft of the same form is left alone.
    func discardFormDraft(_ form: FormDraftKey, by practitioner: String) throws

    // MARK: One record per person (#16)

    /// Merges recorded in this store, newest first; only those whose surviving family is `family` when given.
    ///
    /// Each keeps the families as they were before it, for ``MergeRecord/undo(reason:at:)``.
    func mergeRecords(family: FamilyID?, limit: Int) throws -> [MergeRecord]

    /// The family an id names now: itself when held, the family it was merged into when a merge retired it
    /// (following later merges), or nil.
    ///
    /// ``family(_:)`` answers old ids the same way, so commands and the `:open` line reach the survivor.
    func resolveFamilyID(_ id: FamilyID) throws -> FamilyID?

    /// People across the store who may be one person, a page at a time (``DuplicateScan``).
    ///
    /// Never reads the whole store: a page reads blocks of the match index in key order until it has
    /// `limit` pairs or has read a bounded number of blocks; `next` continues after it (nil at the end).
    ///
    /// ```swift
    /// var page = try store.possibleDuplicatePairs(after: nil, limit: 20)
    /// while let next = page.next { page = try store.possibleDuplicatePairs(after: next, limit: 20) }
    /// ```
    func possibleDuplicatePairs(after cursor: String?, limit: Int) throws -> DuplicatePage
}

/// What kind of data a store holds. A store's kind is fixed when it is created.
///
/// Demonstration and training stores hold only fictional families; they can
/// never be opened as a live store, and families exported from them can never
/// be imported into one.
public enum StoreKind: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case live
    case demonstration
    case training

    public var isFictional: Bool { self != .live }

    /// The namespace of every id the store holds and mints: fictional (`ZZ-…`) for demonstration and
    /// training stores, live for a live one (``IDNamespace``).
    public var idNamespace: IDNamespace { isFictional ? .fictional : .live }

    public var description: String { rawValue }
}

/// What a store is and holds.
public struct StoreInfo: Hashable, Sendable {
    /// Where the store is (a file path for SQLite).
    public var location: String
    public var kind: StoreKind
    public var schemaVersion: Int
    public var familyCount: Int
    public var personCount: Int
    public var auditEntryCount: Int

    public init(
        location: String, kind: StoreKind, schemaVersion: Int, familyCount: Int, personCount: Int,
        auditEntryCount: Int
    ) {
        self.location = location
        self.kind = kind
        self.schemaVersion = schemaVersion
        self.familyCount = familyCount
        self.personCount = personCount
        self.auditEntryCount = auditEntryCount
    }
}
