import Foundation

/// Records that cannot be true of real people: the check demonstration data must pass, and `signpost check` runs.
extension Family {
    /// Every person whose dates make no sense on `today`, named with what is wrong.
    ///
    /// - a date of birth after `today`;
    /// - a level recorded before the person was born (an unborn baby has an expected date, not a date of
    ///   birth, and may have levels recorded before birth);
    /// - an unborn baby with a date of birth.
    ///
    /// ```swift
    /// family.implausibleRecords(today: LondonTime.today(at: Date()))
    /// // ["person P-0001-2 (Ava Quillfeather) of family F-0001: born 12/12/2026, after today (25/11/2026)"]
    /// ```
    public func implausibleRecords(today: CalendarDate) -> [String] {
        var found: [String] = []
        for person in members {
            let who = "person \(person.id) (\(person.fullName)) of family \(id)"
            if person.isUnborn {
                if let born = person.dateOfBirth {
                    found.append(
                        "\(who): unborn, yet has a date of birth (\(born.british)); an unborn baby has an expected date instead"
                    )
                }
                continue
            }
            guard let born = person.dateOfBirth else { continue }
            if born > today {
                found.append("\(who): born \(born.british), after today (\(today.british))")
            }
            for entry in person.levelHistory {
                let recorded = LondonTime.today(at: entry.setAt)
                if recorded < born {
                    found.append(
                        "\(who): level \(entry.level.rawValue) recorded on \(recorded.british), before they were born (\(born.british))"
                    )
                }
            }
        }
        return found + implausibleSupportingFamilies(today: today)
    }

    /// Supporting Families dates that cannot be true: after `today`, before the family was recorded, an
    /// outcome before its need, a check before its outcome, or an outcome found sustained before six months.
    func implausibleSupportingFamilies(today: CalendarDate) -> [String] {
        var found: [String] = []
        let recorded = LondonTime.today(at: createdAt)
        for need in supportingFamiliesNeeds {
            let what = "Supporting Families \(need.area.rawValue) of family \(id)"
            let days = [need.identifiedOn, need.achievement?.on, need.check?.on].compactMap { $0 }
            if let late = days.first(where: { $0 > today }) {
                found.append("\(what): dated \(late.british), after today (\(today.british))")
            }
            if need.identifiedOn < recorded {
                found.append(
                    "\(what): identified \(need.identifiedOn.british), before the family was recorded (\(recorded.british))"
                )
            }
            if let achieved = need.achievement?.on, achieved < need.identifiedOn {
                found.append("\(what): achieved \(achieved.british), before the need was identified")
            }
            if let check = need.check, let achieved = need.achievement?.on {
                if check.on < achieved { found.append("\(what): checked \(check.on.british), before it was achieved") }
                if check.sustained, let due = need.checkDueOn, check.on < due {
                    found.append("\(what): found sustained on \(check.on.british), before six months (\(due.british))")
                }
            } else if need.check != nil {
                found.append("\(what): checked with no outcome achieved")
            }
        }
        return found
    }
}
