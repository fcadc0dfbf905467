import Foundation
import SignpostDomain
import SignpostFixtures
import Testing

/// A family's last activity, found without sorting its chronology, is what the sorted chronology says.
@Suite("Last activity")
struct LastActivityTests {
    @Test("the latest chronology entry other than a CAF's start or completion, or when the family was created")
    func latestOfTheChronology() throws {
        let today = try CalendarDate(iso: "2026-11-23")
        let families = SyntheticFamilyGenerator(seed: 41).families(0..<300, today: today)
        var movedByEntries = 0
        for family in families {
            // The latest moment, not the first line: a meeting sorts by when it was recorded that day, but its
            // moment is the day it was held.
            let latestEntry = family.chronology().filter { entry in
                switch entry {
                case .assessmentStarted, .assessmentCompleted: false
                default: true
                }
            }.map(\.at).max()
            let expected = max(family.createdAt, latestEntry ?? family.createdAt)
            #expect(family.lastActivity == expected, "\(family.id)")
            if expected > family.createdAt { movedByEntries += 1 }
        }
        #expect(movedByEntries > 100, "the sample must have families whose entries are later than their creation")
    }
}
