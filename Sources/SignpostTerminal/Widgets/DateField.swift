/// A calendar date typed by a person, validated without any domain knowledge.
public struct FieldDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A real date in the Gregorian calendar, or nil (31/02/2024, 29/02/2023, month 13...).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= Self.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses `DD/MM/YYYY` (UK order; `-` or `.` also accepted as separators) or `YYYY-MM-DD`.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces()
        let parts = trimmed.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2])
        else { return nil }
        if parts[0].count == 4 {
            guard trimmed.contains("-"), parts[1].count <= 2, parts[2].count <= 2 else { return nil }
            self.init(year: a, month: b, day: c)
        } else {
            guard parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 else { return nil }
            self.init(year: c, month: b, day: a)
        }
    }

    /// `DD/MM/YYYY`.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(day))/\(two(month))/\(year)"
    }

    /// `YYYY-MM-DD`.
    public var iso8601: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    public static func < (lhs: FieldDate, rhs: FieldDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A date input: a ``TextField`` that accepts `DD/MM/YYYY` or `YYYY-MM-DD` and shows a clear
/// error under the field when the text is not a real date.
///
/// Enter validates: a valid date returns `.submitted`, an invalid one stays `.handled` with
/// ``error`` set. An optional `validator` adds screen rules ("must not be in the future")
/// by returning a message.
public struct DateField: Sendable {
    public var field: TextField
    /// The message shown under the field, nil when valid or not yet checked.
    public private(set) var error: String?
    /// Extra rules: return a message to reject a well-formed date.
    public var validator: (@Sendable (FieldDate) -> String?)?
    /// Whether an empty field counts as valid (no date).
    public var allowsEmpty: Bool

    public init(
        date: FieldDate? = nil, allowsEmpty: Bool = true,
        validator: (@Sendable (FieldDate) -> String?)? = nil
    ) {
        field = TextField(text: date?.description ?? "", maxLength: 10, placeholder: "DD/MM/YYYY")
        self.allowsEmpty = allowsEmpty
        self.validator = validator
    }

    /// The date typed, if it is valid.
    public var date: FieldDate? { FieldDate(parsing: field.text) }

    /// Checks the text, setting or clearing ``error``.
    /// - Returns: whether the field holds an acceptable value.
    @discardableResult
    public mutating func validate() -> Bool {
        let text = field.text.trimmingSpaces()
        if text.isEmpty {
            error = allowsEmpty ? nil : "Enter a date as DD/MM/YYYY"
            return allowsEmpty
        }
        guard let date = FieldDate(parsing: text) else {
            error = "\"\(text)\" is not a valid date: use DD/MM/YYYY, e.g. 31/01/2025"
            return false
        }
        if let message = validator?(date) {
            error = message
            return false
        }
        error = nil
        return true
    }

    public mutating func handle(_ key: Key) -> KeyOutcome {
        if key == .enter { return validate() ? .submitted : .handled }
        if case .character(let c) = key, !(c.isNumber || c == "/" || c == "-" || c == ".") {
            return .handled
        }
        let outcome = field.handle(key)
        if outcome == .handled && error != nil { error = nil }
        return outcome
    }

    /// Draws the field on the first row of `area` and any error (`error` role, prefixed
    /// `Error:`) on the second.
    public func draw(on surface: any Surface, in area: Rect, focused: Bool) {
        field.draw(on: surface, in: area.row(0).splitLeft(12).0, focused: focused)
        if let error, area.height > 1 {
            surface.put("Error: " + error, at: area.row(1).origin, width: area.width, style: Style(.error), clip: area)
        }
    }
}
