import Foundation

/// Why a piece of casework was not recorded as asked, in words for the practitioner, and the field to fix.
///
/// Nothing is saved when one is thrown.
///
/// ```swift
/// catch let refusal as CaseworkRefusal { fields.refuse(refusal.description, at: refusal.field ?? "address") }
/// ```
public struct CaseworkRefusal: Error, CustomStringConvertible, Equatable, Sendable {
    public var description: String
    /// The form field the refusal is about, when it is about one.
    public var field: String?

    public init(_ description: String, field: String? = nil) {
        self.description = description
        self.field = field
    }
}
