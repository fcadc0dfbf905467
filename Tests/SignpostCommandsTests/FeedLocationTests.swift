import Foundation
import SignpostHTTPTesting
import Testing

@testable import SignpostCommands

/// A feed from a local URL: which addresses are read, and what a server that is down, slow, missing the file or
/// sending too much is told.
@Suite("Directory feed from a local URL", .serialized)
struct FeedLocationTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    private func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch let failure as CommandFailure {
            return failure.message
        } catch {
            return "\(error)"
        }
    }

    @Test("a path is a file; http and https on this machine are local URLs")
    func accepted() throws {
        #expect(try FeedLocation("feed.json") == .file("feed.json"))
        #expect(try FeedLocation("-") == .file("-"))
        for address in [
            "http://127.0.0.1:8080/feed.json", "https://localhost/feed.json", "http://[::1]:9000/x",
            "HTTP://127.1.2.3/feed", "http://LOCALHOST:1/",
        ] {
            guard case .localURL = try FeedLocation(address) else {
                Issue.record("\(address) was not read as a local URL")
                continue
            }
        }
    }

    @Test("other schemes and addresses not on this machine are refused, saying what to give instead")
    func refused() throws {
        let file = message { _ = try FeedLocation("file:///etc/passwd") }
        #expect(
            file.contains("is a file:// address; give a file's path, or an http:// or https:// address on this machine")
        )
        #expect(file.hasSuffix("nothing was imported"))
        #expect(message { _ = try FeedLocation("ftp://127.0.0.1/feed.json") }.contains("is a ftp:// address"))
        for address in [
            "http://example.org/feed.json", "http://127.0.0.1.example.org/feed.json", "http://10.0.0.1/feed",
            "https://localhost.example.org/", "http://127.0.0.256/",
        ] {
            #expect(
                message { _ = try FeedLocation(address) }.contains("is not on this machine"), "\(address)")
        }
    }

    @Test("a feed served on 127.0.0.1 is read whole")
    func served() throws {
        let feed = Data(#"{"services": []}"#.utf8)
        try feed.write(to: folder.appendingPathComponent("feed.json"))
        let server = try LocalHTTPServer(serving: folder)
        defer { server.stop() }
        let data = try FeedLocation(server.url("feed.json")).read(limit: 1 << 20, timeout: 10)
        #expect(data == feed)
    }

    @Test("a missing file, a feed over the limit, a server that is down and one that never answers are each told")
    func failures() throws {
        try Data(repeating: UInt8(ascii: "x"), count: 5000).write(to: folder.appendingPathComponent("big.json"))
        let server = try LocalHTTPServer(serving: folder)
        let missing = message { _ = try FeedLocation(server.url("nothing.json")).read(limit: 1 << 20, timeout: 10) }
        #expect(missing.contains("answered 404"), "\(missing)")
        let big = message { _ = try FeedLocation(server.url("big.json")).read(limit: 1000, timeout: 10) }
        #expect(big.contains("is larger than 1000 bytes; nothing was read"), "\(big)")
        let address = server.url("feed.json")
        server.stop()
        let down = message { _ = try FeedLocation(address).read(limit: 1 << 20, timeout: 10) }
        #expect(down.hasPrefix("nothing answers at \(address)"), "\(down)")
        #expect(down.hasSuffix("start the feed's server or check the address; nothing was imported"))

        let silent = try LocalHTTPServer(silent: ())
        defer { silent.stop() }
        let slow = message { _ = try FeedLocation(silent.url("feed.json")).read(limit: 1 << 20, timeout: 1) }
        #expect(slow == "\(silent.url("feed.json")) did not answer within 1 second; nothing was imported")
    }
}
