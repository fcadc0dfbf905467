import Foundation

/// Instants as ISO 8601 text in UTC, `2026-11-23T10:30:00Z`, read and written by plain arithmetic.
///
/// Records move between stores and files as this text. Foundation's ISO 8601
/// formatter and JSON date strategies share state that is not safe to use from
/// several threads at once on Linux, so Signpost never uses them: this does the
/// same job with no shared state. Whole seconds only; fractions are dropped on
/// writing and accepted on reading.
///
/// ```swift
/// Timestamp.text(Date(timeIntervalSince1970: 0))  // "1970-01-01T00:00:00Z"
/// Timestamp.date("2026-11-23T10:30:00Z")           // a Date
/// ```
public enum Timestamp {
    private static let epochDay = CalendarDate(dayNumber: 0)

    /// The instant as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func text(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let rest = seconds - days * 86_400
        let day = CalendarDate(dayNumber: days)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", day.year, day.month, day.day, rest / 3600, rest % 3600 / 60,
            rest % 60)
    }

    /// The instant written as `YYYY-MM-DDTHH:MM:SS` followed by `Z` or an offset (`+01:00`), or nil if it is not one.
    public static func date(_ text: String) -> Date? {
        let characters = Array(text.utf8)
        guard characters.count >= 20, characters[4] == UInt8(ascii: "-"), characters[7] == UInt8(ascii: "-"),
            characters[10] == UInt8(ascii: "T"), characters[13] == UInt8(ascii: ":"),
            characters[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(characters[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let dayOfMonth = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            hour < 24, minute < 60, second < 61,
            let day = try? CalendarDate(year: year, month: month, day: dayOfMonth)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if characters[index] == UInt8(ascii: ".") {
            var scale = 0.1
            index += 1
            while index < characters.count, (48...57).contains(characters[index]) {
                fraction += Double(characters[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        guard index < characters.count else { return nil }
        switch characters[index] {
        case UInt8(ascii: "Z"):
            guard index == characters.count - 1 else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard characters.count - index == 6, characters[index + 3] == UInt8(ascii: ":"),
                let hours = number((index + 1)..<(index + 3)), let minutes = number((index + 4)..<(index + 6))
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (characters[index] == UInt8(ascii: "+") ? 1 : -1)
        default: return nil
        }
        let seconds = epochDay.days(to: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// A JSON encoding strategy writing ``text(_:)``.
    public static let encodingStrategy = JSONEncoder.DateEncodingStrategy.custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(text(date))
    }

    /// A JSON decoding strategy reading ``date(_:)``, naming the field when the text is not a time.
    public static let decodingStrategy = JSONDecoder.DateDecodingStrategy.custom { decoder in
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = date(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "“\(text)” is not a time such as 2026-11-23T10:30:00Z")
        }
        return date
    }
}
