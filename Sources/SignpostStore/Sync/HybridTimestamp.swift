import Foundation

/// A hybrid logical clock reading: wall-clock milliseconds, a counter, and the device that read it.
///
/// Timestamps order the changes of many devices without trusting their
/// clocks: a device's readings only ever go forward, even when its wall clock
/// is set back, and a device that has seen a change always stamps its next one
/// after it (``HybridClock/receive(_:wall:)``). Ties between devices are
/// broken by device id, so no two devices' readings are ever equal.
///
/// Written as text that sorts as the timestamps do:
/// 16 digits of milliseconds since 1970, 4 digits of counter, the device id.
///
/// ```swift
/// let stamp = try HybridTimestamp(parsing: "0001764095400123-0000-D-7Q2M9X4K")
/// stamp.milliseconds  // 1764095400123
/// stamp.description   // "0001764095400123-0000-D-7Q2M9X4K"
/// ```
public struct HybridTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01 UTC: the wall clock, or ahead of it after a clock went back.
    public var milliseconds: Int64
    /// Orders readings within one millisecond (0...``maximumCounter``).
    public var counter: Int
    /// The device that made the reading.
    public var device: DeviceID

    /// The largest counter the text form holds; the clock moves to the next millisecond instead.
    public static let maximumCounter = 9999

    public init(milliseconds: Int64, counter: Int, device: DeviceID) {
        self.milliseconds = milliseconds
        self.counter = counter
        self.device = device
    }

    /// Reads the text form (`0001764095400123-0000-D-7Q2M9X4K`).
    ///
    /// - Throws: ``HybridTimestampError`` naming the text when it is not of that form.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 16, parts[1].count == 4,
            parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy(\.isASCIIDigit),
            let milliseconds = Int64(parts[0]), let counter = Int(parts[1]), !parts[2].isEmpty
        else { throw HybridTimestampError.malformed(text) }
        self.init(milliseconds: milliseconds, counter: counter, device: DeviceID(String(parts[2])))
    }

    public var description: String {
        let wall = String(milliseconds)
        let count = String(counter)
        return String(repeating: "0", count: max(0, 16 - wall.count)) + wall + "-"
            + String(repeating: "0", count: max(0, 4 - count.count)) + count + "-" + device.rawValue
    }

    public static func < (lhs: HybridTimestamp, rhs: HybridTimestamp) -> Bool {
        (lhs.milliseconds, lhs.counter, lhs.device.rawValue) < (rhs.milliseconds, rhs.counter, rhs.device.rawValue)
    }
}

extension HybridTimestamp: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "\(error)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Why a text is not a hybrid timestamp.
public enum HybridTimestampError: Error, Equatable, CustomStringConvertible {
    case malformed(String)

    public var description: String {
        switch self {
        case .malformed(let text):
            return "\"\(text)\" is not a hybrid timestamp (expected 16 digits, '-', 4 digits, '-', a device id)"
        }
    }
}

/// One device's hybrid logical clock: hands out timestamps that never go back.
///
/// A store keeps the last reading (``last``) with its changes, so the clock
/// carries on from it after a restart even if the wall clock has gone back.
///
/// ```swift
/// var clock = HybridClock(device: device, last: stored)
/// let stamp = clock.tick(wall: Date())          // for a change made here
/// _ = clock.receive(pulled.hlc, wall: Date())   // after seeing another device's change
/// ```
public struct HybridClock: Hashable, Sendable {
    /// The device whose clock this is.
    public let device: DeviceID
    /// The latest reading given out or received, if any.
    public private(set) var last: HybridTimestamp?

    public init(device: DeviceID, last: HybridTimestamp?) {
        self.device = device
        self.last = last
    }

    /// A timestamp for a change made now: after every earlier reading, at the wall clock when it is ahead.
    public mutating func tick(wall: Date) -> HybridTimestamp {
        let physical = Self.milliseconds(of: wall)
        let previous = last.map { ($0.milliseconds, $0.counter) } ?? (Int64.min, -1)
        let stamp =
            physical > previous.0
            ? HybridTimestamp(milliseconds: physical, counter: 0, device: device)
            : advanced(previous.0, counter: previous.1 + 1)
        last = stamp
        return stamp
    }

    /// Merges a timestamp seen on another device's change; the result is after both it and every earlier reading.
    @discardableResult
    public mutating func receive(_ remote: HybridTimestamp, wall: Date) -> HybridTimestamp {
        let physical = Self.milliseconds(of: wall)
        let local = last.map { ($0.milliseconds, $0.counter) } ?? (Int64.min, -1)
        let wallMilliseconds = max(physical, local.0, remote.milliseconds)
        let counter: Int
        if wallMilliseconds == local.0 && wallMilliseconds == remote.milliseconds {
            counter = max(local.1, remote.counter) + 1
        } else if wallMilliseconds == local.0 {
            counter = local.1 + 1
        } else if wallMilliseconds == remote.milliseconds {
            counter = remote.counter + 1
        } else {
            counter = 0
        }
        let stamp = advanced(wallMilliseconds, counter: counter)
        last = stamp
        return stamp
    }

    /// A reading at `milliseconds` and `counter`, moved to the next millisecond when the counter would overflow.
    private func advanced(_ milliseconds: Int64, counter: Int) -> HybridTimestamp {
        if counter > HybridTimestamp.maximumCounter {
            return HybridTimestamp(milliseconds: milliseconds + 1, counter: 0, device: device)
        }
        return HybridTimestamp(milliseconds: milliseconds, counter: counter, device: device)
    }

    private static func milliseconds(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
