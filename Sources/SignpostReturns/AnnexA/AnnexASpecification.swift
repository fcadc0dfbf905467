import Foundation
import SignpostDomain

/// The published Ofsted Annex A (children's social care inspection data lists) as Signpost writes it.
///
/// Column headers, code values and the date format follow the Annex A template
/// as the validators councils use read it: Social Finance's `liia-tools`
/// (`liiatools/annex_a_pipeline/spec/Annex_A_schema.yml`, lists 1 to 4: the
/// headers below are its column names, the codes its `category` codes), with the
/// referral source wording of the DfE's children in need census schema
/// (`liiatools/cin_census_pipeline/spec/CIN_schema_2024.xsd`, `referralsourcetype`).
/// Dates are `dd/mm/yyyy` (`date: "%d/%m/%Y"` throughout the schema).
///
/// ```swift
/// AnnexASpecification.list1Headers.last     // "Contact Source"
/// AnnexASpecification.gender(.female)       // "b) Female"
/// AnnexASpecification.date(try CalendarDate(iso: "2026-03-14"))  // "14/03/2026"
/// ```
public enum AnnexASpecification {
    /// The five columns every list starts with.
    public static let childHeaders = [
        "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
    ]

    /// List 1: contacts.
    public static let list1Headers = childHeaders + ["Date of Contact", "Contact Source"]

    /// List 2: early help assessments.
    public static let list2Headers =
        childHeaders + [
            "Assessment start date", "Assessment completion date", "Organisation completing assessment",
        ]

    /// List 3: referrals to children's social care.
    public static let list3Headers =
        childHeaders + [
            "Date of referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
            "Allocated Team", "Allocated Worker",
        ]

    /// List 4: assessments by children's social care (continuous assessments), as the specification heads them.
    ///
    /// Signpost does not write this list: ``list4Absent`` names the columns the record cannot fill.
    public static let list4Headers =
        childHeaders + [
            "Does the Child have a Disability", "Continuous Assessment Start Date",
            "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
            "Was the child assessed as requiring LA children's social care support?", "Allocated Team",
            "Allocated Worker",
        ]

    /// The list 4 columns the record holds nothing for, each with what the record has instead.
    ///
    /// The record holds the child's columns and the disability recorded on them; it holds no social-care
    /// continuous assessment, so none of the assessment's own columns can be filled without inventing them.
    public static let list4Absent: [(header: String, why: String)] = [
        (
            "Continuous Assessment Start Date",
            "Signpost records the day CSCT accepted a referral, not the day a social worker began an assessment"
        ),
        ("Child Seen During Continuous Assessment", "no field records whether the child was seen"),
        ("Continuous Assessment Date of Authorisation", "no authorisation is recorded"),
        (
            "Was the child assessed as requiring LA children's social care support?",
            "the social-care statuses begun at a step-up are not an assessment's outcome and name no assessment"
        ),
        ("Allocated Team", "the referral's service is the front door, not the team the assessment was allocated to"),
        ("Allocated Worker", "no allocated social worker is recorded"),
    ]

    /// `dd/mm/yyyy`.
    public static func date(_ day: CalendarDate) -> String { day.british }

    /// The Annex A gender code.
    public static func gender(_ gender: Gender) -> String {
        switch gender {
        case .male: return "a) Male"
        case .female: return "b) Female"
        case .notKnown, .notStated: return "c) Not stated/recorded"
        case .other: return "d) Neither"
        }
    }

    /// The Annex A ethnicity code; a person with none recorded is "information not yet obtained", which is
    /// what an empty field means.
    public static func ethnicity(_ ethnicity: Ethnicity?) -> String {
        guard let ethnicity else { return "s) NOBT" }
        switch ethnicity {
        case .whiteBritish: return "a) WBRI"
        case .whiteIrish: return "b) WIRI"
        case .travellerOfIrishHeritage: return "c) WIRT"
        case .anyOtherWhite: return "d) WOTH"
        case .gypsyRoma: return "e) WROM"
        case .whiteAndBlackCaribbean: return "f) MWBC"
        case .whiteAndBlackAfrican: return "g) MWBA"
        case .whiteAndAsian: return "h) MWAS"
        case .anyOtherMixed: return "i) MOTH"
        case .indian: return "j) AIND"
        case .pakistani: return "k) APKN"
        case .bangladeshi: return "l) ABAN"
        case .anyOtherAsian: return "m) AOTH"
        case .caribbean: return "n) BCRB"
        case .african: return "o) BAFR"
        case .anyOtherBlack: return "p) BOTH"
        case .chinese: return "q) CHNE"
        case .anyOtherEthnicGroup: return "r) OOTH"
        case .refused: return "s) REFU"
        case .notObtained: return "s) NOBT"
        }
    }

    /// "a) Yes" or "b) No".
    public static func yesNo(_ answer: Bool) -> String { answer ? "a) Yes" : "b) No" }
}

/// The national contact and referral source categories (children in need census `ReferralSource`), each with
/// its Annex A code.
public enum AnnexASource: String, CaseIterable, Hashable, Sendable {
    case familyMember = "a) 1A: Individual"
    case acquaintance = "b) 1B: Individual"
    case selfReferral = "c) 1C: Individual"
    case otherIndividual = "d) 1D: Individual"
    case schools = "e) 2A: Schools"
    case educationServices = "f) 2B: Education services"
    case generalPractitioner = "g) 3A: Health services"
    case healthVisitor = "h) 3B: Health services"
    case schoolNurse = "i) 3C: Health services"
    case otherPrimaryHealth = "j) 3D: Health services"
    case accidentAndEmergency = "k) 3E: Health services"
    case otherHealth = "l) 3F: Health services"
    case housing = "m) 4: Housing"
    case laSocialCare = "n) 5A: LA services"
    case laOtherInternal = "o) 5B: LA services"
    case laExternal = "p) 5C: LA services"
    case laEarlyHelp = "p1) 5D: LA services"
    case police = "q) 6: Police"
    case otherLegalAgency = "r) 7: Other legal agency"
    case other = "s) 8: Other"
    case anonymous = "t) 9: Anonymous"
    case unknown = "u) 10: Unknown"

    /// The Annex A cell.
    public var code: String { rawValue }

    /// The national category a contact's source falls in, worked out from what the record holds: the kind of
    /// source, the door it came through and the caller's relationship and agency. Nil when those leave it open
    /// (a health caller who is not said to be a GP, health visitor, school nurse, A&E or other service): the
    /// return then reports the gap rather than guess.
    ///
    /// ```swift
    /// AnnexASource(contact)  // .generalPractitioner for a health contact through the GP door
    /// ```
    public init?(_ contact: Contact) {
        let said = " " + [contact.caller.relationship, contact.caller.agency].joined(separator: " ").lowercased() + " "
        func mentions(_ words: String...) -> Bool { words.contains { said.contains($0) } }
        switch contact.source {
        case .individual:
            if contact.door == .selfReferral || mentions(" self", "young person themselves", "the child") {
                self = .selfReferral
            } else if mentions(
                "mother", "father", "mum", "dad", "parent", "grand", "aunt", "uncle", "sister", "brother",
                "sibling", "cousin", "relative", "carer", "family", "step")
            {
                self = .familyMember
            } else if mentions("neighbour", "friend", "childminder", "child minder", "acquaintance") {
                self = .acquaintance
            } else if mentions("stranger", "member of the public", "passer") {
                self = .otherIndividual
            } else {
                return nil
            }
        case .school:
            self = mentions("education") && !mentions("school") ? .educationServices : .schools
        case .health:
            if mentions("school nurse") {
                self = .schoolNurse
            } else if contact.door == .gp || mentions(" gp", "general practi", "surgery") {
                self = .generalPractitioner
            } else if contact.door == .healthVisitor || mentions("health visitor") {
                self = .healthVisitor
            } else if mentions("a&e", "accident and emergency", "emergency department") {
                self = .accidentAndEmergency
            } else if mentions("midwi", "dentist", "pharmac", "primary care") {
                self = .otherPrimaryHealth
            } else if mentions("hospital", "hospice", "camhs", "paediatric") {
                self = .otherHealth
            } else {
                return nil
            }
        case .police: self = .police
        case .localAuthority:
            if mentions("housing") {
                self = .housing
            } else if mentions("another local authority", "other local authority", "another council") {
                self = .laExternal
            } else if mentions("social care", "social work") {
                self = .laSocialCare
            } else if mentions("youth offending", "yot", "youth justice") {
                self = .laOtherInternal
            } else {
                return nil
            }
        case .earlyHelp: self = .laEarlyHelp
        case .other:
            self =
                mentions("court", "probation", "cafcass", "prison", "immigration", "solicitor")
                ? .otherLegalAgency : .other
        case .anonymous: self = .anonymous
        case .unknown: self = .unknown
        }
    }
}
