import Foundation
import SignpostTerminal

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Where `signpost directory import` reads a feed from: a file, standard input, or an address on this machine.
///
/// Only a local URL is read (`http` or `https` to `localhost`, `127.x.x.x` or
/// `[::1]`): the council's directory system, or a copy of its feed, served
/// beside Signpost. Any other address, and any other scheme (`file://`,
/// `ftp://`), is refused with a message saying what to give instead, before
/// anything is read.
///
/// ```swift
/// let location = try FeedLocation("http://127.0.0.1:8080/feed.json")
/// let data = try location.read(limit: 64 << 20, timeout: 10)
/// ```
enum FeedLocation: Equatable {
    /// A file's path, or `-` for standard input.
    case file(String)
    /// An `http` or `https` address on this machine.
    case localURL(URL)

    /// Reads the command's argument: an address when it has a scheme (`…://`), a path otherwise.
    init(_ argument: String) throws(CommandFailure) {
        guard let schemeEnd = argument.range(of: "://") else {
            self = .file(argument)
            return
        }
        let scheme = argument[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw CommandFailure.badInput(
                "the feed \(visible(argument)) is a \(visible(scheme)):// address; give a file's path, or an http:// or https:// address on this machine; nothing was imported"
            )
        }
        guard let url = URL(string: argument), let host = url.host, !host.isEmpty else {
            throw CommandFailure.badInput("the feed's address \(visible(argument)) is not a URL; nothing was imported")
        }
        guard Self.isLoopback(host) else {
            throw CommandFailure.badInput(
                "the feed's address \(visible(argument)) is not on this machine: Signpost reads a local URL only (localhost, 127.0.0.1 or [::1]); download the feed and give its file; nothing was imported"
            )
        }
        self = .localURL(url)
    }

    /// Whether `host` names this machine: `localhost`, an address in 127.0.0.0/8, or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { part in UInt8(part).map { _ in part.allSatisfy(\.isASCII) } ?? false }
    }

    /// The name the import's summary and the entries' source give the feed.
    var name: String {
        switch self {
        case .file("-"): return "standard input"
        case .file(let path): return (path as NSString).lastPathComponent
        case .localURL(let url): return url.absoluteString
        }
    }

    /// The feed's bytes, refused past `limit`; an address is given `timeout` seconds to answer in full.
    func read(limit: Int, timeout: TimeInterval) throws -> Data {
        switch self {
        case .file(let path): return try InputFile.read(path, limit: limit, what: "the feed")
        case .localURL(let url): return try LocalFeedFetch(url: url, limit: limit, timeout: timeout).run()
        }
    }
}

/// One GET of a local feed: a 2xx answer read up to a size limit within a time limit, or a message saying why not.
///
/// A redirect is followed only to another address on this machine. Nothing is cached.
final class LocalFeedFetch: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let url: URL
    let limit: Int
    let timeout: TimeInterval
    // Written by the session's delegate queue, read after `done` is signalled; the lock orders the two.
    private let lock = NSLock()
    private var received = Data()
    private var failure: CommandFailure?
    private let done = DispatchSemaphore(value: 0)

    init(url: URL, limit: Int, timeout: TimeInterval) {
        self.url = url
        self.limit = limit
        self.timeout = timeout
    }

    /// Fetches the feed, waiting at most a little past `timeout` seconds.
    func run() throws(CommandFailure) -> Data {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.urlCache = nil
        // A proxy set in the environment is for the outside world; a local feed is reached directly.
        configuration.connectionProxyDictionary = [:]
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        var request = URLRequest(
            url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        session.dataTask(with: request).resume()
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            throw CommandFailure.badInput(tooSlow)
        }
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        return received
    }

    private func fail(_ message: String) {
        lock.lock()
        if failure == nil { failure = CommandFailure.badInput(message) }
        lock.unlock()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            fail(
                "\(url.absoluteString) answered \(http.statusCode) \(HTTPURLResponse.localizedString(forStatusCode: http.statusCode)); check the address; nothing was imported"
            )
            completionHandler(.cancel)
            return
        }
        if response.expectedContentLength > Int64(limit) {
            fail(tooLarge)
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        received.append(data)
        let over = received.count > limit
        lock.unlock()
        if over {
            fail(tooLarge)
            dataTask.cancel()
        }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        guard let target = request.url, let host = target.host, FeedLocation.isLoopback(host),
            ["http", "https"].contains(target.scheme?.lowercased() ?? "")
        else {
            fail(
                "\(url.absoluteString) redirects to \(visible(request.url?.absoluteString ?? "an unknown address")), which is not on this machine; nothing was imported"
            )
            completionHandler(nil)
            return
        }
        completionHandler(request)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error = error as? URLError {
            switch error.code {
            case .cancelled: break  // Cancelled here, with the reason already kept.
            case .timedOut:
                fail(tooSlow)
            case .cannotConnectToHost, .cannotFindHost, .networkConnectionLost, .notConnectedToInternet:
                fail(
                    "nothing answers at \(url.absoluteString) (\(error.localizedDescription)); start the feed's server or check the address; nothing was imported"
                )
            default:
                fail("cannot read \(url.absoluteString): \(error.localizedDescription); nothing was imported")
            }
        } else if let error {
            fail("cannot read \(url.absoluteString): \(error.localizedDescription); nothing was imported")
        }
        done.signal()
    }

    private var tooLarge: String {
        let size = limit >= 1 << 20 ? "\(limit >> 20) MB" : limit >= 1 << 10 ? "\(limit >> 10) KB" : "\(limit) bytes"
        return
            "the feed at \(url.absoluteString) is larger than \(size); nothing was read. Check it is the right address"
    }

    private var tooSlow: String {
        let seconds = Int(timeout)
        return
            "\(url.absoluteString) did not answer within \(seconds) second\(seconds == 1 ? "" : "s"); nothing was imported"
    }
}
