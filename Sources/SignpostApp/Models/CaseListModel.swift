import Foundation
import SignpostDomain
import SignpostStore

/// What the home screen's case list shows: one page of families, or search results, and the selection.
///
/// Only the visible page is read from the store; moving past its end reads
/// the next page. Searching replaces the page with the best matches.
struct CaseListModel {
    /// The filters and page window.
    var query = FamilyListQuery(limit: 200)
    /// The search text; empty shows the case list.
    var searchText = ""
    private(set) var rows: [FamilySummary] = []
    /// Why each row matched, when searching.
    private(set) var reasons: [FamilyID: String] = [:]
    private(set) var totalCount = 0
    /// Index into ``rows``.
    var selection = 0

    var isSearching: Bool { !searchText.trimmingCharacters(in: .whitespaces).isEmpty }

    var selected: FamilySummary? { rows.indices.contains(selection) ? rows[selection] : nil }

    /// Reads the page (or the search results) for the current filters.
    mutating func reload(from store: any CaseStore) throws {
        let keep = selected?.id
        if isSearching {
            let hits = try store.search(searchText, limit: 100)
            rows = hits.map(\.summary)
            reasons = Dictionary(hits.map { ($0.summary.id, $0.reason) }, uniquingKeysWith: { first, _ in first })
            totalCount = rows.count
        } else {
            let page = try store.families(query)
            rows = page.summaries
            reasons = [:]
            totalCount = page.totalCount
        }
        selection = keep.flatMap { id in rows.firstIndex { $0.id == id } } ?? min(selection, max(rows.count - 1, 0))
    }

    /// Moves the selection, reading the next or previous page when it leaves this one.
    mutating func move(by delta: Int, in store: any CaseStore) throws {
        let target = selection + delta
        if !isSearching && target >= rows.count && query.offset + rows.count < totalCount {
            query.offset += rows.count
            try reload(from: store)
            selection = 0
            return
        }
        if !isSearching && target < 0 && query.offset > 0 {
            query.offset = max(query.offset - query.limit, 0)
            try reload(from: store)
            selection = rows.count - 1
            return
        }
        selection = min(max(target, 0), max(rows.count - 1, 0))
    }

    /// Jumps to the first (`top`) or last family in the whole list.
    mutating func jump(toTop top: Bool, in store: any CaseStore) throws {
        if isSearching {
            selection = top ? 0 : max(rows.count - 1, 0)
            return
        }
        query.offset = top ? 0 : max(totalCount - query.limit, 0)
        try reload(from: store)
        selection = top ? 0 : max(rows.count - 1, 0)
    }

    /// The position of the selection in the whole list, 1-based, for "12 of 340".
    var absolutePosition: Int { (isSearching ? 0 : query.offset) + selection + 1 }

    func reason(for id: FamilyID) -> String? { reasons[id] }

    /// The filters in words ("north · level 3 · open"), or "all families".
    var filterSummary: String {
        var parts: [String] = []
        if let locality = query.locality { parts.append(locality.label) }
        if let level = query.level { parts.append("level \(level.rawValue)") }
        if let service = query.service { parts.append(ServiceNames.name(service)) }
        if let lead = query.leadProfessional { parts.append("lead \(lead)") }
        if let open = query.isOpen { parts.append(open ? "open" : "closed") }
        return parts.isEmpty ? "all families" : parts.joined(separator: " · ")
    }
}
