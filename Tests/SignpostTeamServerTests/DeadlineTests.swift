import Foundation
import PostgresNIO
import SignpostStore
import SignpostStoreTesting
import SignpostSync
import XCTest

@testable import SignpostTeamServer

/// A team server that takes the connection but never answers must not hold a sync for ever: signing
/// in and each request have deadlines, and the background sync then says the server is offline, and why.
final class DeadlineTests: TeamServerTestCase {
    static let short = TeamServerDeadlines(connect: .seconds(1), query: .seconds(1))

    func testAListenerThatNeverAnswersIsUnreachableWithinTheConnectDeadline() async throws {
        let listener = try SilentListener()
        let endpoint = try TeamServerEndpoint(url: "postgresql://nobody:secret@127.0.0.1:\(listener.port)/signpost")
        do {
            let connection = try await TeamServerConnection.connect(to: endpoint, deadlines: Self.short)
            try? await connection.close()
            XCTFail("a server that never answers was signed in to")
        } catch let error as TeamServerError {
            guard case .unreachable(_, let why) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("did not answer within 1 second"), why)
        }
    }

    func testARequestHeldByALockIsCancelledByTheServerAndTheSessionKept() async throws {
        let endpoint = try await practitionerEndpoint("sam", role: .hubWorker, locality: "north")
        let sam = try await TeamServerConnection.connect(to: endpoint, deadlines: Self.short)
        let holder = try await connect(adminEndpoint)
        try await holder.execute("BEGIN")
        try await holder.execute("LOCK TABLE signpost.change IN ACCESS EXCLUSIVE MODE")
        do {
            _ = try await sam.pull(since: 0, max: 10)
            XCTFail("a pull held by a lock answered")
        } catch let error as TeamServerError {
            guard case .timedOut = error else { return XCTFail("\(error)") }
            XCTAssertTrue(error.description.contains("did not answer a request within 1 second"), error.description)
        }
        try await holder.execute("ROLLBACK")
        let pulled = try await sam.pull(since: 0, max: 10)
        XCTAssertEqual(pulled.count, 0, "the session outlived the cancelled statement")
        try await sam.close()
    }

    func testAServerProcessThatStopsAnsweringHasItsSessionClosedByTheClient() async throws {
        let endpoint = try await practitionerEndpoint("ali", role: .hubWorker, locality: "north")
        let ali = try await TeamServerConnection.connect(to: endpoint, deadlines: Self.short)
        let pid = try await ali.backendProcess()
        // The session's server process is stopped: not even statement_timeout can answer for it.
        XCTAssertEqual(kill(pid_t(pid), SIGSTOP), 0, "the tests run as a user that may signal PostgreSQL")
        defer { kill(pid_t(pid), SIGCONT) }
        do {
            _ = try await ali.latestSeq()
            XCTFail("a stopped server answered")
        } catch let error as TeamServerError {
            guard case .timedOut = error else { return XCTFail("\(error)") }
        }
        // The client ends the session nobody answers (the close goes on after the answer came back).
        for _ in 0..<100 where !ali.isClosed { try await Task.sleep(for: .milliseconds(50)) }
        XCTAssertTrue(ali.isClosed, "the client ended the session nobody answers")
    }

    func testTheBackgroundSyncSaysOfflineAndWhyWhenTheServerNeverAnswers() async throws {
        let listener = try SilentListener()
        let endpoint = try TeamServerEndpoint(url: "postgresql://nobody:secret@127.0.0.1:\(listener.port)/signpost")
        let store = try InMemoryCaseStore().inTeam()
        let sync = TeamBackgroundSync(
            store: store, endpoint: endpoint, login: "nobody", interval: 0.2, retryInterval: 0.2,
            deadlines: Self.short)
        sync.start()
        defer { sync.stop() }
        var why: String?
        for _ in 0..<200 {
            if case .offline(_, let reason) = sync.status().connection {
                why = reason
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let reason = try XCTUnwrap(why, "the header never said offline: \(sync.status().connection)")
        XCTAssertTrue(reason.contains("did not answer within 1 second"), reason)
    }
}

extension TeamServerConnection {
    /// The server process serving this session.
    fileprivate func backendProcess() async throws -> Int32 {
        let rows = try await connection.query("SELECT pg_backend_pid()", logger: logger)
        for try await pid in rows.decode(Int32.self) { return pid }
        throw TeamServerError.unexpectedAnswer("no backend pid")
    }
}

/// A TCP port on this machine that takes connections (the kernel completes them) and never
/// answers: a hung server as a client sees it.
final class SilentListener {
    let port: Int
    private let descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
