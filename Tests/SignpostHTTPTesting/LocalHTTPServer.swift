import Foundation

/// A throwaway HTTP server on 127.0.0.1 for the directory feed tests (command and end-to-end): Python's
/// `http.server` over a folder, or a socket that accepts and never answers. The port is the one the server reports binding (port 0 asks for a free one), read
/// as it starts; nothing sleeps for a fixed time.
public final class LocalHTTPServer {
    public let process = Process()
    public let port: Int
    private let output = Pipe()

    /// Serves `folder`'s files.
    public convenience init(serving folder: URL) throws {
        try self.init(
            script: """
                import functools, http.server, sys
                handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
                server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
                print(server.server_address[1], flush=True)
                server.serve_forever()
                """, arguments: [folder.path])
    }

    /// Accepts connections and never answers them (a feed server that hangs).
    public convenience init(silent: Void) throws {
        try self.init(
            script: """
                import socket, time
                listener = socket.socket()
                listener.bind(("127.0.0.1", 0))
                listener.listen(8)
                print(listener.getsockname()[1], flush=True)
                held = []
                while True:
                    connection, _ = listener.accept()
                    held.append(connection)
                """, arguments: [])
    }

    private init(script: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", "-c", script] + arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is the port, printed once the socket is listening.
        var text = ""
        let handle = output.fileHandleForReading
        while !text.contains("\n") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }  // The server exited before saying where it listens.
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw ServerDidNotStart(output: text)
        }
        self.port = port
    }

    public struct ServerDidNotStart: Error { public var output: String }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// Stops the server and waits for it to go, so its port refuses connections afterwards.
    ///
    /// SIGKILL, because a child started from the test runner inherits its blocked signals: SIGTERM would wait
    /// for ever.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}
