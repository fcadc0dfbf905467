import Foundation
import SignpostDomain
import SignpostStore

extension InMemoryCaseStore {
    public func directoryEntries() throws -> [DirectoryEntry] {
        withState { state in state.directory }
    }

    public func importDirectory(_ entries: [DirectoryEntry], summary: String, by actor: String) throws {
        let now = clock()
        withState { state in
            state.directory = entries
            state.audit.append(
                AuditEntry(
                    at: now, actor: actor, action: "import-directory", family: nil, recordID: "", summary: summary))
        }
    }
}
