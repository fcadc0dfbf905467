import Foundation
import SignpostDomain
import SignpostStore

/// Ofsted Annex A lists 1 to 3 for a period, built from the record, with every gap the record leaves named.
///
/// - List 1, contacts: one row per child (or unborn baby) a contact received in the period was about.
/// - List 2, early help assessments: one row per assessment started or completed in the period.
/// - List 3, referrals: one row per child in a referral to children's social care (a service that takes
///   children's safeguarding: CSCT, the out-of-hours team) made in the period.
///
/// List 4 (social-care assessments) is not produced: Signpost records early help, and the continuous
/// assessment's start, whether the child was seen, its authorisation, outcome, team and worker are kept in the
/// council's social-care system (``AnnexASpecification/list4Absent``).
/// Adults are never listed; a "child" of 18 or over (a young adult with SEND) is left out too.
///
/// A cell the specification does not let be blank and the record cannot fill is left empty and reported as
/// an ``AnnexAGap`` (which child, which field, why), never invented.
///
/// ```swift
/// let annex = try AnnexAReturn.build(from: store, from: start, to: end, pathways: .islington)
/// try annex.list1.encoded()          // the CSV bytes
/// annex.gaps.first?.description      // "List 3 P-0001-2 (family F-0001): Allocated Worker: …"
/// ```
public struct AnnexAReturn: Sendable {
    public var from: CalendarDate
    public var to: CalendarDate
    public var list1: CSVDocument
    public var list2: CSVDocument
    public var list3: CSVDocument
    public var gaps: [AnnexAGap]

    /// Why list 4 is not among the files, naming each column the record cannot fill.
    public static let list4Omission =
        "List 4 (assessments by children's social care) is not produced: Signpost records early help and holds no "
        + "social-care continuous assessment, so these columns would be invented: "
        + AnnexASpecification.list4Absent.map(\.header).joined(separator: "; ")
        + ". They are held in the council's social-care system."

    /// The files, by name, in the order they are written.
    public var files: [(name: String, document: CSVDocument)] {
        [
            ("List_1_Contacts.csv", list1), ("List_2_Early_Help_Assessments.csv", list2),
            ("List_3_Referrals.csv", list3), ("Annex_A_gaps.csv", gapsDocument),
        ]
    }

    /// The gaps as a table: list, family, child, field, why.
    public var gapsDocument: CSVDocument {
        CSVDocument(
            headers: ["List", "Family", "Child Unique ID", "Field", "What the record lacks"],
            rows: gaps.map { [$0.list, $0.family.rawValue, $0.child.rawValue, $0.field, $0.why] })
    }

    /// Reads every family with a contact, referral or assessment in the period (a page at a time) and builds
    /// the lists.
    ///
    /// - Parameter pathways: its directory says which services are children's social care, and names them.
    public static func build(
        from store: any CaseStore, from first: CalendarDate, to last: CalendarDate, pathways: Pathways
    ) throws -> AnnexAReturn {
        var builder = AnnexABuilder(from: first, to: last, directory: pathways.directory)
        var after: FamilyID?
        while true {
            let page = try store.familiesWithActivity(from: first, to: last, after: after, limit: 500)
            guard let last = page.last else { break }
            after = last
            for id in page {
                if let family = try store.family(id) { builder.add(family) }
            }
        }
        return builder.finish()
    }
}

/// A field a row needs that the record does not hold.
public struct AnnexAGap: Hashable, Sendable, CustomStringConvertible {
    /// "List 1", "List 2" or "List 3".
    public var list: String
    public var family: FamilyID
    public var child: PersonID
    /// The column, as headed in the file.
    public var field: String
    public var why: String

    public var description: String { "\(list) \(child) (family \(family)): \(field): \(why)" }
}

/// Collects the lists' rows family by family; ``finish()`` sorts them.
struct AnnexABuilder {
    let from: CalendarDate
    let to: CalendarDate
    let socialCare: [ServiceID: String]
    private var list1: [(key: String, row: [String])] = []
    private var list2: [(key: String, row: [String])] = []
    private var list3: [(key: String, row: [String])] = []
    private var gaps: [AnnexAGap] = []

    init(from: CalendarDate, to: CalendarDate, directory: ServiceDirectory) {
        self.from = from
        self.to = to
        socialCare = Dictionary(
            directory.services.filter { $0.safeguarding.contains(.children) }.map { ($0.id, $0.name) },
            uniquingKeysWith: { first, _ in first })
    }

    private var period: ClosedRange<CalendarDate> { from...to }

    mutating func add(_ family: Family) {
        let people = Dictionary(family.members.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for contact in family.contacts {
            let day = LondonTime.today(at: contact.receivedAt)
            guard period.contains(day) else { continue }
            let source = AnnexASource(contact)
            for child in children(contact.about, in: people, on: day) {
                if source == nil {
                    gap(
                        "List 1", family, child.id, "Contact Source",
                        "the contact \(contact.id) is from \(contact.source.label.lowercased()) and its caller's relationship or agency does not say which national category"
                    )
                }
                list1.append(
                    (
                        key: day.iso + child.id.rawValue + contact.id.rawValue,
                        row: childCells(child, on: day) + [AnnexASpecification.date(day), source?.code ?? ""]
                    ))
            }
        }
        for assessment in family.assessments {
            let completedInPeriod = assessment.completedOn.map(period.contains) ?? false
            guard period.contains(assessment.startedOn) || completedInPeriod,
                let child = children([assessment.subject], in: people, on: assessment.startedOn).first
            else { continue }
            let organisation = assessment.assessor.organisation.trimmingCharacters(in: .whitespacesAndNewlines)
            if organisation.isEmpty {
                gap(
                    "List 2", family, child.id, "Organisation completing assessment",
                    "assessment \(assessment.id) names no assessor's organisation")
            }
            list2.append(
                (
                    key: assessment.startedOn.iso + child.id.rawValue + assessment.id.rawValue,
                    row: childCells(child, on: assessment.startedOn) + [
                        AnnexASpecification.date(assessment.startedOn),
                        assessment.completedOn.map(AnnexASpecification.date) ?? "", organisation,
                    ]
                ))
        }
        let referrals = family.referrals.filter { socialCare[$0.service] != nil }
        let contacts = Dictionary(family.contacts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for referral in referrals {
            let day = LondonTime.today(at: referral.madeAt)
            guard period.contains(day) else { continue }
            let source = referral.contact.flatMap { contacts[$0] }.flatMap(AnnexASource.init)
            for child in children(referral.people, in: people, on: day) {
                if source == nil {
                    gap(
                        "List 3", family, child.id, "Referral Source",
                        referral.contact == nil
                            ? "referral \(referral.id) was not made from a recorded contact"
                            : "the contact referral \(referral.id) came from does not say which national source category"
                    )
                }
                let nfa: String
                switch referral.status {
                case .sent:
                    nfa = ""
                    gap(
                        "List 3", family, child.id, "Referral NFA?",
                        "referral \(referral.id) is still awaiting social care's decision")
                case .declined, .withdrawn: nfa = AnnexASpecification.yesNo(true)
                case .accepted, .closed: nfa = AnnexASpecification.yesNo(false)
                }
                let yearBefore = day.adding(months: -12)
                let inLastYear = referrals.filter { other in
                    let otherDay = LondonTime.today(at: other.madeAt)
                    return other.people.contains(child.id) && otherDay > yearBefore && otherDay <= day
                }.count
                gap(
                    "List 3", family, child.id, "Allocated Worker",
                    "Signpost records no allocated social worker for referral \(referral.id)")
                list3.append(
                    (
                        key: day.iso + child.id.rawValue + referral.id.rawValue,
                        row: childCells(child, on: day) + [
                            AnnexASpecification.date(day), source?.code ?? "", nfa, String(inLastYear),
                            socialCare[referral.service] ?? referral.service.rawValue, "",
                        ]
                    ))
            }
        }
    }

    func finish() -> AnnexAReturn {
        func sorted(_ rows: [(key: String, row: [String])]) -> [[String]] {
            rows.sorted { $0.key < $1.key }.map(\.row)
        }
        return AnnexAReturn(
            from: from, to: to,
            list1: CSVDocument(headers: AnnexASpecification.list1Headers, rows: sorted(list1)),
            list2: CSVDocument(headers: AnnexASpecification.list2Headers, rows: sorted(list2)),
            list3: CSVDocument(headers: AnnexASpecification.list3Headers, rows: sorted(list3)),
            gaps: gaps.sorted { ($0.list, $0.child.rawValue, $0.field) < ($1.list, $1.child.rawValue, $1.field) })
    }

    /// The children (and unborn babies) among `ids` who are under 18 on `day`, or whose age is not known.
    private func children(_ ids: [PersonID], in people: [PersonID: Person], on day: CalendarDate) -> [Person] {
        ids.compactMap { people[$0] }.filter { person in
            (person.role == .child || person.role == .unbornChild) && (person.age(on: day) ?? 0) < 18
        }
    }

    /// Child Unique ID, Gender, Ethnicity, Date of Birth, Age of Child (Years): blank date and age for an unborn
    /// baby or an unknown date of birth, as the specification allows.
    private func childCells(_ child: Person, on day: CalendarDate) -> [String] {
        [
            child.id.rawValue, AnnexASpecification.gender(child.gender), AnnexASpecification.ethnicity(child.ethnicity),
            child.dateOfBirth.map(AnnexASpecification.date) ?? "", child.age(on: day).map(String.init) ?? "",
        ]
    }

    private mutating func gap(_ list: String, _ family: Family, _ child: PersonID, _ field: String, _ why: String) {
        gaps.append(AnnexAGap(list: list, family: family.id, child: child, field: field, why: why))
    }
}
