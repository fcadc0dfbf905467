import Foundation

/// A date of birth as it is often given: a day and month, a month and year, or a year alone.
///
/// A caller may remember "the 14th of March" or "born 2022". British order is
/// assumed (day before month). A two-digit year is read as the most recent
/// year that ends in those digits and is not after `today`.
///
/// ```swift
/// PartialDate(parsing: "14/3")      // day 14, month 3
/// PartialDate(parsing: "3/2022")    // month 3, year 2022
/// PartialDate(parsing: "14 Mar")    // day 14, month 3
/// PartialDate(parsing: "14/03/22")  // 14 March 2022
/// PartialDate(parsing: "2022")      // year 2022
/// ```
public struct PartialDate: Hashable, Sendable, CustomStringConvertible {
    public var day: Int?
    public var month: Int?
    public var year: Int?

    public init(day: Int? = nil, month: Int? = nil, year: Int? = nil) {
        self.day = day
        self.month = month
        self.year = year
    }

    /// The date as a whole, when day, month and year are all known and form a real date.
    public var fullDate: CalendarDate? {
        guard let day, let month, let year else { return nil }
        return try? CalendarDate(year: year, month: month, day: day)
    }

    /// Reads a partial date, or nil when `text` is not one.
    ///
    /// Accepted: `14/3`, `14/03/2022`, `14/03/22`, `3/2022`, `2022-03-14`,
    /// `14.3.22`, `14 Mar`, `14 March 2022`, `Mar 2022`, `March`, `2022`. A
    /// lone number below 1900 is not a date (it may be a house number).
    ///
    /// - Parameters:
    ///   - text: What was typed.
    ///   - today: Where two-digit years are measured back from.
    public init?(parsing text: String, today: CalendarDate? = nil) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return nil }
        let parts = trimmed.split { $0 == "/" || $0 == "." || $0 == "-" || $0 == " " || $0 == "," }.map(String.init)
        guard (1...3).contains(parts.count) else { return nil }
        if parts.count == 3, parts[0].count == 4, let iso = try? CalendarDate(parsing: parts.joined(separator: "-")) {
            self.init(day: iso.day, month: iso.month, year: iso.year)
            return
        }
        var day: Int?
        var month: Int?
        var year: Int?
        var numbers: [String] = []
        for part in parts {
            if let named = PartialDate.month(named: part) {
                guard month == nil else { return nil }
                month = named
            } else if part.allSatisfy({ $0.isASCII && $0.isNumber }), part.count <= 4 {
                numbers.append(part)
            } else {
                return nil
            }
        }
        let pivot = today?.year ?? 2026
        func yearValue(_ text: String) -> Int? {
            guard let number = Int(text) else { return nil }
            if text.count == 4 { return (1900...2200).contains(number) ? number : nil }
            return text.count == 2 ? PartialDate.expand(twoDigitYear: number, pivot: pivot) : nil
        }
        if month != nil {
            // "14 Mar", "14 March 2022", "Mar 2022", "March 14".
            for text in numbers {
                if text.count == 4 || (day != nil && text.count == 2) {
                    guard year == nil, let value = yearValue(text) else { return nil }
                    year = value
                } else {
                    guard day == nil, text.count <= 2 else { return nil }
                    day = Int(text)
                }
            }
        } else {
            switch numbers.count {
            case 1:
                // A lone number is a date only when it is a four-digit year.
                guard numbers[0].count == 4, let value = yearValue(numbers[0]) else { return nil }
                year = value
            case 2 where numbers[1].count == 4:
                guard numbers[0].count <= 2, let value = yearValue(numbers[1]) else { return nil }
                month = Int(numbers[0])
                year = value
            case 2:
                guard numbers[0].count <= 2, numbers[1].count <= 2 else { return nil }
                day = Int(numbers[0])
                month = Int(numbers[1])
            case 3:
                guard numbers[0].count <= 2, numbers[1].count <= 2, let value = yearValue(numbers[2]) else {
                    return nil
                }
                day = Int(numbers[0])
                month = Int(numbers[1])
                year = value
            default:
                return nil
            }
        }
        guard day != nil || month != nil || year != nil else { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let day, !(1...31).contains(day) { return nil }
        self.init(day: day, month: month, year: year)
    }

    /// How far the known parts agree with `date`: which parts match, or that one contradicts it.
    public func agreement(with date: CalendarDate) -> DateAgreement {
        var matched: [DatePart] = []
        for (part, wanted, actual) in [
            (DatePart.day, day, date.day), (.month, month, date.month), (.year, year, date.year),
        ] {
            guard let wanted else { continue }
            guard wanted == actual else { return .contradicts }
            matched.append(part)
        }
        return .matches(matched)
    }

    /// `14/03/2022`, `14/03`, `03/2022` or `2022`.
    public var description: String {
        [day.map { String(format: "%02d", $0) }, month.map { String(format: "%02d", $0) }, year.map(String.init)]
            .compactMap { $0 }.joined(separator: "/")
    }

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]

    /// The month a name or its first three letters or more stand for ("mar", "Sept", "march").
    static func month(named text: String) -> Int? {
        guard text.count >= 3, text.allSatisfy(\.isLetter) else { return nil }
        return monthNames.firstIndex { $0.hasPrefix(text) }.map { $0 + 1 }
    }

    private static func expand(twoDigitYear: Int, pivot: Int) -> Int {
        let century = (pivot / 100) * 100
        let candidate = century + twoDigitYear
        return candidate > pivot ? candidate - 100 : candidate
    }
}

/// A part of a date.
public enum DatePart: String, Hashable, Sendable, CaseIterable {
    case day, month, year
}

/// How a partial date compares with a whole one.
public enum DateAgreement: Hashable, Sendable {
    /// Every known part agrees; these parts were compared.
    case matches([DatePart])
    /// A known part differs.
    case contradicts
}
