import Foundation
import SignpostDomain

/// One contact as the front door's list of the day's contacts shows it: the contact, its family and who it was about.
///
/// Listings are read a day at a time (``CaseStore/contacts(on:recordedBy:)``),
/// so the list is one query and no whole ``Family`` is loaded to show it.
///
/// ```swift
/// for listing in try store.contacts(on: LondonTime.today(at: Date()), recordedBy: "sam.okafor") {
///     print(LondonTime.timestamp(listing.contact.receivedAt), listing.familyName, listing.aboutNames)
/// }
/// ```
public struct ContactListing: Hashable, Sendable {
    public var familyID: FamilyID
    public var familyName: String
    public var contact: Contact
    /// The names of the people the contact is about, in the contact's order ("Ava Quillfeather").
    public var aboutNames: [String]

    public init(familyID: FamilyID, familyName: String, contact: Contact, aboutNames: [String]) {
        self.familyID = familyID
        self.familyName = familyName
        self.contact = contact
        self.aboutNames = aboutNames
    }
}
