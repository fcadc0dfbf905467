import Foundation
import SignpostSubprocess

/// A real terminal for end-to-end tests: `signpost` running inside a detached tmux session.
///
/// Tests type with ``send(_:)`` and read the screen with ``waitFor(_:timeout:)``,
/// which polls `capture-pane` until the text appears or the deadline passes,
/// never a fixed sleep. The session is killed when the value is released.
final class TmuxSession {
    let name: String
    private let home: TemporaryHome

    /// Starts `signpost arguments` in a `width`×`height` terminal.
    convenience init(
        binary: SignpostBinary, arguments: [String], home: TemporaryHome, width: Int = 80, height: Int = 24,
        extraEnvironment: [String: String] = [:]
    ) throws {
        try self.init(
            program: binary.url.path, arguments: arguments, home: home, width: width, height: height,
            extraEnvironment: extraEnvironment)
    }

    /// Starts `program arguments` (a script the README tells people to run, say) in a `width`×`height` terminal.
    init(
        program: String, arguments: [String], home: TemporaryHome, width: Int = 80, height: Int = 24,
        extraEnvironment: [String: String] = [:]
    ) throws {
        self.name = "signpost-e2e-\(UUID().uuidString.prefix(8))"
        self.home = home
        var environment = home.environment.merging(extraEnvironment) { $1 }
        environment.removeValue(forKey: "PATH")
        var command = ["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { command += ["-e", "\(key)=\(value)"] }
        let quoted = ([program] + arguments).map(TmuxSession.shellQuote).joined(separator: " ")
        // Keep the pane after the program exits so tests can read its last words and exit status.
        command += ["sh", "-c", "\(quoted); echo \"[exited $?]\"; sleep 30"]
        try TmuxSession.tmux(command)
    }

    deinit { _ = try? TmuxSession.tmux(["kill-session", "-t", name]) }

    /// Sends keys as tmux names them ("Enter", "Escape", "C-c", "Down") or literal text with `literal: true`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try TmuxSession.tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// Types text exactly as given.
    func type(_ text: String) throws { try TmuxSession.tmux(["send-keys", "-t", name, "-l", text]) }

    /// The screen as text (with colour escape sequences when `escapes` is true).
    func screen(escapes: Bool = false) throws -> String {
        try TmuxSession.tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []))
    }

    /// Waits until the screen contains `text`, or throws with the last screen seen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> String {
        try waitUntil("“\(text)”", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until the screen no longer contains `text`.
    @discardableResult
    func waitForAbsence(of text: String, timeout: TimeInterval = 10) throws -> String {
        try waitUntil("no “\(text)”", timeout: timeout) { !$0.contains(text) }
    }

    /// Waits until `condition` holds for the screen.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        repeat {
            last = try screen()
            if condition(last) { return last }
            usleep(20_000)
        } while Date() < deadline
        throw HarnessError("timed out after \(timeout)s waiting for \(what); the screen was:\n\(last)")
    }

    /// Resizes the terminal, as a person dragging the window would.
    func resize(width: Int, height: Int) throws {
        try TmuxSession.tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The process id of the program in the pane (for killing it mid-flow).
    func panePID() throws -> Int32 {
        let text = try TmuxSession.tmux(["display-message", "-p", "-t", name, "#{pane_pid}"])
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw HarnessError("tmux gave no pane pid: \(text)")
        }
        return pid
    }

    /// The tests' own tmux server, apart from any the person running the tests has open.
    static let socketName = "signpost-tests-\(getpid())"

    /// Runs one tmux command against the tests' server; a command that hangs fails the test after 20 s.
    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let finished = try ChildProcess.run(
            "/usr/bin/env", ["tmux", "-L", socketName] + arguments, timeout: .seconds(20))
        guard finished.status == 0 else {
            throw HarnessError(
                "tmux \(arguments.prefix(3).joined(separator: " ")) failed: "
                    + finished.standardOutput + finished.standardError)
        }
        return finished.standardOutput
    }

    static func shellQuote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
