import Foundation
import SignpostDomain

extension SearchText {
    /// What the front-door matcher is asked when a search may be for a name typed as it was heard.
    ///
    /// Search finds each typed word at the start of a word; the matcher also
    /// finds misspelt, sounds-alike and swapped names and names typed without
    /// their accents. Asking it from search makes both searches agree on who a
    /// name could be. Nil when nothing typed could be a name.
    ///
    /// ```swift
    /// SearchText.similarNameQuery("kwilfether")?.nameWords  // ["kwilfether"]
    /// ```
    package static func similarNameQuery(_ text: String) -> MatchQuery? {
        let query = MatchQuery(text)
        return query.nameWords.contains { $0.count >= 2 } ? query : nil
    }

    /// True when a match is close enough to list as a family search hit.
    ///
    /// Every typed name word must agree with one of the person's names, as
    /// search's own words must each match, and nothing typed (a date of birth, a
    /// postcode) may contradict them; a date or postcode alone is not a name.
    package static func isSimilarName(_ match: PersonMatch) -> Bool {
        match.unmatchedWords == 0
            && match.reasons.contains { if case .name = $0 { return true } else { return false } }
            && !match.reasons.contains(.dateOfBirthDiffers) && !match.reasons.contains(.postcodeDiffers)
    }

    /// The reason a similar name gives for its family: "similar name: Zoë Quillfeather (surname sounds like)".
    package static func similarNameReason(_ match: PersonMatch) -> String {
        "similar name: \(match.personName) (\(match.reasonText))"
    }

    /// How many matches to ask the matcher for, to fill `limit` families.
    package static func similarNameMatches(forFamilies limit: Int) -> Int { max(limit * 3, 30) }
}
