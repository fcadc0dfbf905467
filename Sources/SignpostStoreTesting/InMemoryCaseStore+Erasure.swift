import Foundation
import SignpostDomain
import SignpostStore

extension InMemoryCaseStore.State {
    /// Erases a person from what this store keeps besides the family (already rewritten by the change):
    /// the audit's values about them, drafts and outbox envelopes naming them, merges kept for undoing.
    ///
    /// The same as the SQLite store's `Database.erase`, so the two agree on what is left.
    ///
    /// - Returns: The erasure entry's list of the entries it redacted.
    mutating func erase(_ erasure: PersonErasure, from before: Family, marker: AuditDetail?) -> AuditValueChange {
        guard let person = before.member(erasure.person), let marker else {
            return AuditValueChange(field: "audit entries redacted", old: nil, new: "none")
        }
        let strings = person.identifyingStrings
        func names<Value: Encodable>(_ value: Value) -> Bool {
            guard let json = try? ChangeCoding.encoder.encode(value) else { return false }
            let text = String(decoding: json, as: UTF8.self)
            return strings.contains { text.contains($0) }
        }
        var redacted: [String] = []
        for index in audit.indices
        where audit[index].detail != nil && audit[index].concerns(erasure.person, of: erasure.family, strings: strings)
        {
            audit[index].summary = CaseChange.erasedSummary
            audit[index].detail = marker
            // The SQLite store numbers entries from 1 in the order written; so does this list.
            redacted.append(String(index + 1))
        }
        formDrafts = formDrafts.filter { slot, draft in
            !(slot.form.family == erasure.family && slot.form.person == erasure.person) && !names(draft.fields)
                && !names(draft.summary)
        }
        drafts = drafts.filter { !names($0.value) }
        sync.outbox = sync.outbox.compactMap { entry in
            entry.envelope.erasing(erasure, strings: strings, sent: entry.sentSeq != nil).map { envelope in
                var kept = entry
                kept.envelope = envelope
                return kept
            }
        }
        sync.versions[SyncState.RecordKey(family: erasure.family, record: erasure.person.rawValue)] = nil
        merging.aliases = merging.aliases.filter {
            $0.key != erasure.person.rawValue && $0.value.newID != erasure.person.rawValue
        }
        merging.records.removeAll { record in
            (record.survivorFamily == erasure.family || record.absorbedFamily == erasure.family)
                && (names(record.before) || names(record.after))
        }
        return AuditValueChange(
            field: "audit entries redacted", old: nil, new: redacted.isEmpty ? "none" : redacted.joined(separator: ", ")
        )
    }
}
