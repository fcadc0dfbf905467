import Foundation
import SignpostStoreTesting
import SignpostSync
import XCTest

@testable import SignpostTeamServer

#if canImport(Glibc)
    import Glibc
#endif

/// What a practitioner trying the README reads when signing in fails: a mistyped password and a team
/// server that is not running are said in words they can act on, not in PostgreSQL's or the network
/// library's.
final class SigningInMessageTests: TeamServerTestCase {
    func testAWrongPasswordSaysTheServerRefusedItAndWhoCanSetANewOne() async throws {
        let endpoint = try await practitionerEndpoint("sam", role: .hubWorker, locality: "north")
        let mistyped = endpoint.signingIn(as: endpoint.login, password: "not the password")
        do {
            let connection = try await TeamServerConnection.connect(to: mistyped)
            try? await connection.close()
            XCTFail("a wrong password signed in")
        } catch let error as TeamServerError {
            guard case .unreachable(_, let why) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(
                why,
                "the server did not accept the password for \(endpoint.login) (check it, and the login; the team "
                    + "server's administrator sets a new one with signpost server add-user \(endpoint.login))")
        }
    }

    func testNothingListeningSaysTheTeamServerIsNotRunningThere() async throws {
        let port = try Self.portNothingListensOn()
        let endpoint = try TeamServerEndpoint(url: "postgresql://sam:secret@127.0.0.1:\(port)/signpost")
        do {
            let connection = try await TeamServerConnection.connect(to: endpoint)
            try? await connection.close()
            XCTFail("a port nothing listens on was signed in to")
        } catch let error as TeamServerError {
            XCTAssertEqual(
                error.description,
                "Could not connect to the team server postgresql://sam@127.0.0.1:\(port)/signpost: nothing answers "
                    + "at 127.0.0.1:\(port) (the connection was refused): check that the team server is running "
                    + "and that this is its address.")
        }
    }

    /// The interface's status line shows the reason first: the practitioner knows which server
    /// they joined, and at 80 columns the URL left no room for why.
    func testTheBackgroundSyncSaysWhyWithoutTheServersURL() async throws {
        let port = try Self.portNothingListensOn()
        let endpoint = try TeamServerEndpoint(url: "postgresql://sam:secret@127.0.0.1:\(port)/signpost")
        let sync = TeamBackgroundSync(
            store: try InMemoryCaseStore().inTeam(), endpoint: endpoint, login: "sam", interval: 0.2,
            retryInterval: 0.2)
        sync.start()
        defer { sync.stop() }
        var outcome = ""
        for _ in 0..<200 where outcome.isEmpty {
            outcome = sync.status().lastOutcome
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTAssertEqual(
            outcome,
            "Could not sync: nothing answers at 127.0.0.1:\(port) (the connection was refused): check that the team "
                + "server is running and that this is its address. Your changes are kept and sent when it answers.")
    }

    /// A port the kernel just gave out and took back: nothing listens on it.
    static func portNothingListensOn() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(socket, 0, "a socket")
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        XCTAssertTrue(bound, "errno \(errno)")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
