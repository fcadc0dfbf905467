import Foundation
import SignpostDomain
import SignpostStore

/// The children in need census factors identified at the end of assessment, for assessments completed in a
/// period: one row per assessment and factor, in the census's own terms.
///
/// Headers are the census schema's element names (`LAchildID`, `AssessmentActualStartDate`,
/// `AssessmentAuthorisationDate`, `AssessmentFactors`; DfE children in need census schema, as kept in
/// `liia-tools`, `liiatools/cin_census_pipeline/spec/CIN_schema_2024.xsd`), and dates are `xs:date`
/// (`YYYY-MM-DD`) as the census's XML has them. A completed assessment with no factors recorded is a gap
/// (which child, which assessment), not a row.
///
/// ```swift
/// let census = try CINFactorsReturn.build(from: store, from: start, to: end)
/// census.document.rows.first  // ["P-0001-2", "2026-04-20", "2026-05-20", "3B"]
/// ```
public struct CINFactorsReturn: Sendable {
    public static let headers = [
        "LAchildID", "AssessmentActualStartDate", "AssessmentAuthorisationDate", "AssessmentFactors",
    ]
    public static let fileName = "CIN_Assessment_Factors.csv"

    public var document: CSVDocument
    public var gaps: [AnnexAGap]

    /// Reads the families with an assessment completed in the period, a page at a time.
    public static func build(from store: any CaseStore, from first: CalendarDate, to last: CalendarDate) throws
        -> CINFactorsReturn
    {
        var rows: [[String]] = []
        var gaps: [AnnexAGap] = []
        var after: FamilyID?
        while true {
            let page = try store.familiesWithActivity(from: first, to: last, after: after, limit: 500)
            guard let lastID = page.last else { break }
            after = lastID
            for id in page {
                guard let family = try store.family(id) else { continue }
                for assessment in family.assessments {
                    guard let completed = assessment.completedOn, (first...last).contains(completed) else { continue }
                    if assessment.lacksCensusFactors {
                        gaps.append(
                            AnnexAGap(
                                list: "CIN factors", family: family.id, child: assessment.subject,
                                field: "AssessmentFactors",
                                why: "assessment \(assessment.id) was completed with no factors recorded"))
                    }
                    for factor in assessment.recordedFactors {
                        rows.append([assessment.subject.rawValue, assessment.startedOn.iso, completed.iso, factor.code])
                    }
                }
            }
        }
        // Swift's sort is stable: an assessment's factors keep their census order.
        return CINFactorsReturn(
            document: CSVDocument(
                headers: headers, rows: rows.sorted { $0.prefix(3).lexicographicallyPrecedes($1.prefix(3)) }),
            gaps: gaps.sorted { ($0.child.rawValue, $0.why) < ($1.child.rawValue, $1.why) })
    }
}
