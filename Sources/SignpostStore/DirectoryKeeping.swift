import Foundation
import SignpostDomain

/// The service directory entries a council imported from its Open Referral UK feed, kept by every store the same way.
///
/// The navigator reads them over its built-in directory
/// (``SignpostDomain/Pathways/merging(_:)``); an import replaces the previous
/// one whole, in one transaction, with an audit entry saying what came in.
///
/// ```swift
/// try store.importDirectory(entries, summary: "Imported 12 services from islington.json", by: "amara")
/// let pathways = Pathways.islington.merging(try store.directoryEntries())
/// ```
public protocol DirectoryKeeping {
    /// The imported entries, in the order the feed listed them (none before the first import).
    func directoryEntries() throws -> [DirectoryEntry]
    /// Replaces the imported entries with `entries` and audits the import (`import-directory`) with `summary`.
    func importDirectory(_ entries: [DirectoryEntry], summary: String, by actor: String) throws
}
