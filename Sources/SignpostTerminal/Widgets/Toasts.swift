import Foundation

/// A short message that disappears by itself.
public struct Toast: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case info, success, warning, error

        var style: Style {
            switch self {
            case .info: return Style(.banner)
            case .success: return Style(.success)
            case .warning: return Style(.warning)
            case .error: return Style(.error)
            }
        }

        /// A word in front of the message, so its kind is clear without colour.
        var prefix: String {
            switch self {
            case .info: return ""
            case .success: return "Done: "
            case .warning: return "Warning: "
            case .error: return "Error: "
            }
        }
    }

    public var message: String
    public var kind: Kind
    public var expiry: Date
}

/// Toast messages waiting to expire; the newest are drawn at the bottom of an area.
///
/// ```swift
/// toasts.post("Saved", kind: .success, now: Date())
/// toasts.removeExpired(now: Date())
/// toasts.draw(on: surface, in: area, now: Date())
/// ```
/// The run loop should read keys with a timeout (``NcursesTerminal/readKey(timeout:)``) while
/// toasts are showing, so they vanish without a key press.
public struct ToastQueue: Hashable, Sendable {
    public private(set) var toasts: [Toast] = []
    /// How long a toast shows, in seconds.
    public var duration: TimeInterval

    public init(duration: TimeInterval = 4) { self.duration = duration }

    public mutating func post(_ message: String, kind: Toast.Kind = .info, now: Date, duration: TimeInterval? = nil) {
        toasts.append(Toast(message: message, kind: kind, expiry: now.addingTimeInterval(duration ?? self.duration)))
    }

    public mutating func removeExpired(now: Date) { toasts.removeAll { $0.expiry <= now } }

    /// The toasts still showing at `now`, oldest first.
    public func active(now: Date) -> [Toast] { toasts.filter { $0.expiry > now } }

    /// Seconds until the next toast expires, for the key-read timeout.
    public func nextExpiry(after now: Date) -> TimeInterval? {
        active(now: now).map { $0.expiry.timeIntervalSince(now) }.min()
    }

    /// Draws active toasts in the bottom rows of `area`, one per row, right-aligned.
    public func draw(on surface: any Surface, in area: Rect, now: Date) {
        let showing = active(now: now).suffix(area.height)
        for (index, toast) in showing.enumerated() {
            let text = " " + toast.kind.prefix + toast.message + " "
            let width = min(area.width, visible(text).displayWidth)
            let y = area.maxY - showing.count + index
            surface.put(text, at: Point(x: area.maxX - width, y: y), width: width, style: toast.kind.style, clip: area)
        }
    }
}
