import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Everything the screens depend on, passed in rather than reached for.
///
/// Tests and `signpost snapshot` build one with an in-memory store and a fixed
/// clock; the live interface builds one with the SQLite store and the real clock.
public struct AppEnvironment: Sendable {
    public var store: any CaseStore
    /// Where the store is, for the About screen.
    public var storeLocation: String
    public var storeKind: StoreKind
    /// The practitioner recorded in the audit trail.
    public var practitioner: String
    public var theme: Theme
    /// The referral pathways and service directory the navigator walks (Islington's unless a council's own were given).
    public var pathways: Pathways
    /// The training exercises offered in a training store (none elsewhere).
    public var trainingScenarios: [TrainingScenario] = []
    /// The team server's directory ("is this person known?", bringing a family here); nil when the
    /// store has not joined a team server.
    public var teamDirectory: (any TeamDirectory)?
    /// Now; fixed in tests and snapshots so screens are reproducible.
    public var clock: @Sendable () -> Date
    /// Syncing with the team server in the background, when the store joined one (nil otherwise):
    /// the header shows its status, `:sync` asks it for a sync now, and the conflicts screen reads it.
    public var sync: (any BackgroundSync)?
    /// After how many months without a check a directory entry is flagged on the directory screen (12 unless set).
    public var directoryStaleMonths = 12
    /// The retention policy's years: a closed record is listed for review this many years after its youngest
    /// child turns 18 (6 unless set; the retention screen, `R` on the families).
    public var retentionYears = 6

    public init(
        store: any CaseStore, storeLocation: String, storeKind: StoreKind, practitioner: String, theme: Theme,
        pathways: Pathways = .islington, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.pathways = pathways
        self.store = store
        self.storeLocation = storeLocation
        self.storeKind = storeKind
        self.practitioner = practitioner
        self.theme = theme
        self.clock = clock
    }

    /// Today in London, where the service works.
    public var today: CalendarDate { LondonTime.today(at: clock()) }

    /// Who is working, when, and on which store: what the casework use cases need.
    var casework: CaseworkContext { CaseworkContext(store: store, practitioner: practitioner, clock: clock) }

    /// A new record id with a readable prefix, in the store's namespace: `ZZ-N-…` in a demonstration or
    /// training store, so a fictional store never mints an id a live store would take (``IDNamespace``).
    func newID<Entity>(_ prefix: String) -> EntityID<Entity> { storeKind.idNamespace.generate(prefix: prefix) }
}
