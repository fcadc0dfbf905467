import Foundation
import SignpostDomain
import SignpostStore

/// Who is doing the work, when, and where it is kept: what every casework use case needs.
///
/// The screens build one from their environment; tests build one over the
/// in-memory store with a fixed clock, so a use case runs without a terminal.
///
/// ```swift
/// let context = CaseworkContext(store: store, practitioner: "sam.okafor", clock: { Date() })
/// let recorded = try RecordContact(draft: draft, family: family, walk: walk, context: context).run()
/// ```
public struct CaseworkContext: Sendable {
    public var store: any CaseStore
    /// The practitioner recorded as the author of every change.
    public var practitioner: String
    /// Now; fixed in tests.
    public var clock: @Sendable () -> Date

    public init(store: any CaseStore, practitioner: String, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.practitioner = practitioner
        self.clock = clock
    }

    /// Today in London, where the service works.
    public var today: CalendarDate { LondonTime.today(at: clock()) }
}
