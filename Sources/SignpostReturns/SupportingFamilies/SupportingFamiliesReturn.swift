import Foundation
import SignpostDomain
import SignpostStore

/// The Supporting Families return for a period: the families that came to meet the criteria or showed
/// significant and sustained progress in it, and the figures by headline outcome area.
///
/// Two files: `Supporting_Families_families.csv`, one row per family listed (its id, the areas of its needs,
/// what is achieved and sustained, and the two days that count it), and `Supporting_Families_by_area.csv`, the
/// managers' report's figures (``ManagerReport/supportingFamilies``). Dates are dd/mm/yyyy. Families are read a
/// page at a time from the store's index of their criteria and progress dates.
///
/// ```swift
/// let sf = try SupportingFamiliesReturn.build(from: store, from: april, to: march)
/// sf.families.rows.count   // families met the criteria or made progress in the year
/// ```
public struct SupportingFamiliesReturn: Sendable {
    public static let familiesFileName = "Supporting_Families_families.csv"
    public static let areasFileName = "Supporting_Families_by_area.csv"
    public static let familyHeaders = [
        "Family ID", "Needs identified", "Areas of need", "Met the criteria on", "Outcomes achieved",
        "Outcomes sustained", "Significant and sustained progress on",
    ]

    public var families: CSVDocument
    public var areas: CSVDocument

    /// The two files, named, to write.
    public var files: [(name: String, document: CSVDocument)] {
        [(Self.familiesFileName, families), (Self.areasFileName, areas)]
    }

    public static func build(from store: any CaseStore, from first: CalendarDate, to last: CalendarDate) throws
        -> SupportingFamiliesReturn
    {
        var rows: [[String]] = []
        var after: FamilyID?
        while true {
            let page = try store.supportingFamiliesListing(from: first, to: last, after: after, limit: 500)
            guard let lastListed = page.last else { break }
            after = lastListed.family
            for listing in page {
                guard let family = try store.family(listing.family) else { continue }
                let needs = family.supportingFamiliesNeeds
                let achieved = needs.filter { $0.achievement != nil && $0.check?.sustained != false }
                let sustained = needs.filter { if case .sustained = $0.status { return true } else { return false } }
                rows.append([
                    family.id.rawValue, String(needs.count), needs.map(\.area.title).joined(separator: "; "),
                    listing.eligibleOn?.british ?? "", String(achieved.count), String(sustained.count),
                    listing.progressOn?.british ?? "",
                ])
            }
        }
        let report = try ManagerReport.supportingFamilies.run(on: store, from: first, to: last, today: last)
        return SupportingFamiliesReturn(
            families: CSVDocument(headers: familyHeaders, rows: rows), areas: report.csv)
    }
}
