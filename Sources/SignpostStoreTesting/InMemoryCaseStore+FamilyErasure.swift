import Foundation
import SignpostDomain
import SignpostStore

extension InMemoryCaseStore.State {
    /// Erases a whole family from everything this store keeps: the family itself, its merges, aliases,
    /// versions, drafts and outbox envelopes, and the values of the audit entries about it.
    ///
    /// The same as the SQLite store's `Database.erase(_:held:marker:)`, so the two agree on what is left.
    ///
    /// - Returns: The erasure entry's list of the entries it redacted.
    mutating func erase(_ erasure: FamilyErasure, held before: Family, marker: AuditDetail) -> AuditValueChange {
        let strings = before.erasureStrings
        let typed = strings.filter { $0.count >= 3 }.map { $0.lowercased() }
        func names<Value: Encodable>(_ value: Value) -> Bool {
            guard let json = try? ChangeCoding.encoder.encode(value) else { return false }
            let text = String(decoding: json, as: UTF8.self)
            return strings.contains { text.contains($0) }
        }
        families[erasure.family] = nil
        var redacted: [String] = []
        for index in audit.indices where audit[index].detail?.erased == nil {
            let entry = audit[index]
            let text = (entry.summary + (entry.detail.map { String(decoding: $0.encoded(), as: UTF8.self) } ?? ""))
                .lowercased()
            guard entry.family == erasure.family || (entry.family == nil && typed.contains(where: text.contains))
            else { continue }
            audit[index].summary = CaseChange.erasedSummary
            audit[index].detail = marker
            // The SQLite store numbers entries from 1 in the order written; so does this list.
            redacted.append(String(index + 1))
        }
        formDrafts = formDrafts.filter { slot, draft in
            slot.form.family != erasure.family && !names(draft.fields) && !names(draft.summary)
        }
        drafts = drafts.filter { !names($0.value) }
        sync.outbox.removeAll { $0.envelope.family == erasure.family }
        sync.versions = sync.versions.filter { $0.key.family != erasure.family }
        let ids = Set(before.members.map(\.id.rawValue) + [erasure.family.rawValue])
        merging.aliases = merging.aliases.filter { !ids.contains($0.key) && !ids.contains($0.value.newID) }
        merging.records.removeAll { $0.survivorFamily == erasure.family || $0.absorbedFamily == erasure.family }
        return AuditValueChange(
            field: "audit entries redacted", old: nil, new: redacted.isEmpty ? "none" : redacted.joined(separator: ", ")
        )
    }
}
