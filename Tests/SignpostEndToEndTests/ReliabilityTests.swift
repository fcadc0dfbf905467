import Foundation
import Testing

/// The terminal side of issue #12's attacks: a training store that must not outlive its session,
/// and a resize storm. Each prints its figures (`attack: …`).
@Suite("Reliability in a real terminal", .serialized)
struct ReliabilityTests {
    let binary: SignpostBinary
    let home: TemporaryHome

    init() throws {
        binary = try SignpostBinary()
        home = try TemporaryHome()
    }

    private func trainingFolders(in temporary: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter {
            $0.hasPrefix("signpost-training-")
        }
    }

    /// Starts a training session with its own temporary folder; returns it, its folder and the session's process id.
    private func startTraining(temporary: URL) throws -> (TmuxSession, String, Int32) {
        let session = try TmuxSession(
            binary: binary, arguments: ["train"], home: home, width: 120, height: 40,
            extraEnvironment: ["TMPDIR": temporary.path])
        try session.waitFor("TRAINING")
        let before = Set(try trainingFolders(in: temporary))
        let folder = try #require(before.first { !$0.contains("kept") })
        // The folder's name carries the session's process id: signpost-training-<pid>-<random>.
        let pid = try #require(Int32(folder.dropFirst("signpost-training-".count).split(separator: "-")[0]))
        return (session, folder, pid)
    }

    @Test("a training store is removed when SIGTERM or SIGHUP ends the session")
    func trainingStoreRemovedOnSignal() throws {
        let temporary = home.url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        for signalNumber in [SIGTERM, SIGHUP] {
            let (session, folder, pid) = try startTraining(temporary: temporary)
            kill(pid, signalNumber)
            try session.waitFor("[exited \(128 + signalNumber)]")
            let left = try trainingFolders(in: temporary)
            print(
                "attack: training store after signal \(signalNumber): \(left.contains(folder) ? "left behind" : "removed")"
            )
            #expect(!left.contains(folder), "signal \(signalNumber) left \(folder)")
        }
    }

    @Test("a training store left by a session killed outright (SIGKILL) is removed at the next start")
    func trainingLeftoversCleared() throws {
        let temporary = home.url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let (killed, folder, pid) = try startTraining(temporary: temporary)
        kill(pid, SIGKILL)
        try killed.waitFor("[exited 137]")
        #expect(try trainingFolders(in: temporary).contains(folder), "SIGKILL cannot be caught: the folder stays")
        let (next, nextFolder, nextPID) = try startTraining(temporary: temporary)
        let left = try trainingFolders(in: temporary)
        print(
            "attack: training store after SIGKILL, at the next start: \(left.contains(folder) ? "left behind" : "removed")"
        )
        #expect(!left.contains(folder))
        #expect(left.contains(nextFolder))
        kill(nextPID, SIGTERM)
        try next.waitFor("[exited 143]")
        #expect(try trainingFolders(in: temporary).isEmpty)
    }

    @Test("a resize storm: 300 sizes in quick succession, then the interface still answers")
    func resizeStorm() throws {
        let store = home.path("demo.sqlite")
        #expect(try binary.run(["demo", "load", "--store", store], home: home).status == 0)
        let session = try TmuxSession(binary: binary, arguments: ["demo", "--store", store], home: home)
        try session.waitFor("FICTIONAL")
        var generator = SystemRandomNumberGenerator()
        let storm = 300
        for _ in 0..<storm {
            try session.resize(
                width: Int.random(in: 1...220, using: &generator), height: Int.random(in: 1...70, using: &generator))
        }
        try session.resize(width: 80, height: 24)
        try session.waitFor("FICTIONAL")
        try session.send("?")
        try session.waitFor("Esc")
        try session.send("Escape", "q")
        try session.waitFor("[exited 0]")
        print("attack: resize storm: \(storm) resizes, the interface answered and exited 0")
    }
}
