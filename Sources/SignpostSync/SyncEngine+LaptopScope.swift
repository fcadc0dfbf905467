import Foundation
import SignpostDomain
import SignpostStore
import SignpostTeamServer

extension SyncEngine {
    /// Held families the server asks about at once.
    static let scopeQuestionSize = 2_000

    /// Removes from the store the families that have left this login's scope, once none of their
    /// changes wait to be sent.
    ///
    /// The server names them (``TeamServerConnection/familiesLeftScope(held:)``): moved out of the
    /// login's locality, taken off its caseload, restricted to others, and not opened by it in the
    /// last 30 days. A family with unsent changes or a form draft is kept and reported; the sync
    /// that sends them removes it. Each removal is audited in the store and, just after, in the
    /// server's audit trail (`family-left-laptop`, under the login).
    ///
    /// ```swift
    /// let scope = try await engine.removeFamiliesLeftScope(refused: report.push.refused)
    /// scope.removed.map(\.family)  // ["F-0001"]
    /// ```
    public func removeFamiliesLeftScope(refused: [PushReport.Held] = []) async throws -> ScopeReport {
        var report = ScopeReport()
        let refusedFamilies = Set(refused.map(\.envelope.family))
        var after: FamilyID?
        while true {
            let page = try store.familyIDs(after: after, limit: Self.scopeQuestionSize)
            guard let last = page.last else { break }
            for left in try await server.familiesLeftScope(held: page.map(\.rawValue)) {
                let family = FamilyID(left.family)
                let changes = left.changeIDs.compactMap(UUID.init(uuidString:))
                if try store.removeFamilyLeftScope(family, reason: left.reason, pulledChanges: changes) {
                    // Audited on the laptop (in the same transaction) and on the server, under the real login.
                    try await server.recordFamilyLeftLaptop(family.rawValue, reason: left.reason)
                    report.removed.append(ScopeReport.Family(family: family, reason: left.reason))
                } else if try store.family(family) != nil {
                    report.kept.append(
                        ScopeReport.Family(
                            family: family, reason: left.reason, refusedChanges: refusedFamilies.contains(family)))
                }
            }
            if page.count < Self.scopeQuestionSize { break }
            after = last
        }
        return report
    }
}

/// The families a sync removed from the laptop because they left the practitioner's scope, and
/// those it kept because their work is not yet on the server.
public struct ScopeReport: Sendable {
    /// One family that left the practitioner's scope, and why.
    public struct Family: Sendable, Hashable {
        public var family: FamilyID
        public var reason: String
        /// The server refused some of its unsent changes (kept until they are sent).
        public var refusedChanges = false
    }

    public var removed: [Family] = []
    public var kept: [Family] = []

    public init() {}

    /// One line per family.
    var lines: [String] {
        removed.map { "Removed \($0.family.rawValue) from this laptop: \($0.reason) (audited)." }
            + kept.map { family in
                "Kept \(family.family.rawValue) on this laptop though it left your scope (\(family.reason)): "
                    + (family.refusedChanges
                        ? "the server refused its unsent changes; they stay to be sent."
                        : "its changes are not all sent yet; it goes once they are.")
            }
    }
}
