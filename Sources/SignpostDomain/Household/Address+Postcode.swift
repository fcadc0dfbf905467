import Foundation

extension Address {
    /// Whether `text` is a whole UK postcode (`N7 8ZZ`, `EC1V 9ZZ`), with or without its space.
    ///
    /// The same test a partner's CAF import applies to the postcode it reads, so a postcode typed
    /// anywhere else is held to the same rule.
    ///
    /// ```swift
    /// Address.isPostcode("n7 8zz".uppercased())  // true
    /// Address.isPostcode("N7")                    // false: only the outward code
    /// ```
    public static func isPostcode(_ text: String) -> Bool {
        PartnerReader.looksLikePostcode(text.uppercased())
    }
}
