import Foundation
import SignpostDomain
import SignpostStore
import SignpostTeamServer

/// The team directory over a real team server: each call signs in, asks, and signs out, so a
/// laptop that goes offline and comes back just works on the next call.
///
/// ```swift
/// let directory = TeamServerDirectory(store: store, endpoint: endpoint)
/// let families = try await directory.findPeople("wrenfold")
/// ```
public struct TeamServerDirectory: TeamDirectory {
    public let store: any SyncableStore
    /// Where the server is and who signs in (the password included, never stored).
    public let endpoint: TeamServerEndpoint

    public init(store: any SyncableStore, endpoint: TeamServerEndpoint) {
        self.store = store
        self.endpoint = endpoint
    }

    public func findPeople(_ text: String) async throws -> [TeamDirectoryFamily] {
        let matches = try await withServer { try await $0.findPerson(text) }
        var families: [TeamDirectoryFamily] = []
        for match in matches {
            if let index = families.firstIndex(where: { $0.family.rawValue == match.family }) {
                if !families[index].records.contains(match.record) { families[index].records.append(match.record) }
                continue
            }
            let id = FamilyID(match.family)
            families.append(
                TeamDirectoryFamily(
                    family: id, records: [match.record], locality: match.locality, restricted: match.restricted,
                    onThisLaptop: (try? store.family(id)) != nil))
        }
        return families
    }

    public func bringFamily(_ family: FamilyID, reason: String?) async throws -> TeamDirectoryBrought {
        let store = self.store
        let brought = try await withServer { server in
            try await SyncEngine(store: store, server: server).bringFamily(family, reason: reason)
        }
        return TeamDirectoryBrought(family: family, restricted: brought.restricted, changes: brought.changes)
    }

    /// Signs in, runs `body`, signs out; the server's answers become ``TeamDirectoryError``s.
    private func withServer<Result>(_ body: (TeamServerConnection) async throws -> Result) async throws -> Result {
        guard endpoint.password != nil || endpoint.clientCertificate != nil else {
            throw TeamDirectoryError.offline(
                "No password for \(endpoint.login) on the team server: set PGPASSWORD or add it to ~/.pgpass")
        }
        let server: TeamServerConnection
        do {
            server = try await TeamServerConnection.connect(to: endpoint)
        } catch let error as TeamServerError {
            throw TeamDirectoryError.offline("Offline: \(error.description)")
        }
        do {
            let result = try await body(server)
            try? await server.close()
            return result
        } catch let error as TeamServerError {
            try? await server.close()
            if error.isPermissionDenied && error.description.contains("give a reason") {
                throw TeamDirectoryError.reasonRequired(error.description)
            }
            throw TeamDirectoryError.refused(error.description)
        } catch {
            try? await server.close()
            throw TeamDirectoryError.refused("\(error)")
        }
    }
}
