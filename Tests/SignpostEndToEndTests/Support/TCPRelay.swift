import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP relay on 127.0.0.1 to another local port, which a test can cut and restore: the network
/// going away under a running Signpost and coming back, while the server itself keeps running.
final class TCPRelay: @unchecked Sendable {
    /// The port clients connect to; the same after every ``restore()``.
    private(set) var port: Int = 0
    let target: Int
    private let lock = NSLock()
    private var listener: Int32 = -1
    private var open: [Int32] = []

    init(to target: Int) throws {
        self.target = target
        try listen()
    }

    deinit { cut() }

    /// Closes the listening socket and every relayed connection: clients see the server vanish.
    func cut() {
        lock.withLock {
            for socket in open + [listener] where socket >= 0 {
                shutdown(socket, Int32(SHUT_RDWR))
                close(socket)
            }
            open = []
            listener = -1
        }
    }

    /// Listens again on the same port.
    func restore() throws { try listen() }

    private func listen() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HarnessError("relay: no socket") }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(socket, 16) == 0 else {
            close(socket)
            throw HarnessError("relay: cannot listen on port \(port) (errno \(errno))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        lock.withLock { listener = socket }
        Thread.detachNewThread { [self] in accepting(on: socket) }
    }

    private func accepting(on socket: Int32) {
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0 else { return }
            let upstream = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: target)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else {
                close(client)
                close(upstream)
                continue
            }
            lock.withLock { open += [client, upstream] }
            Thread.detachNewThread { Self.pump(from: client, to: upstream) }
            Thread.detachNewThread { Self.pump(from: upstream, to: client) }
        }
    }

    private static func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = read(source, &buffer, buffer.count)
            guard count > 0 else { break }
            var written = 0
            while written < count {
                let wrote = buffer[written..<count].withUnsafeBytes { write(destination, $0.baseAddress, $0.count) }
                guard wrote > 0 else { return }
                written += wrote
            }
        }
        shutdown(destination, Int32(SHUT_WR))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
