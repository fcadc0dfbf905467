import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Today's contacts at the front door, with counts by outcome: the officer's own, or everyone's.
final class TodayScreen: Screen {
    enum Action: Hashable, Sendable { case open, toggleMine, up, down, back }

    private var listings: [ContactListing] = []
    private var onlyMine = true
    private var list = ScrollList(rows: [], emptyText: "No contacts recorded today.")
    private var loadError: String?

    init(app: AppEnvironment) { reload(app) }

    var title: String { "Today's contacts" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if !listings.isEmpty {
            keys.bind([.enter], .open, hint: "Open family", help: "Open the selected contact's family", group: "Today")
        }
        keys.bind(
            [.character("m")], .toggleMine, hint: onlyMine ? "Everyone's" : "Mine only",
            help: "Show only the contacts you recorded, or everyone's", group: "Today")
        keys.bind([.up, .character("k")], .up, hint: "Up", help: "Previous", group: "Today", showsInHintBar: false)
        keys.bind([.down, .character("j")], .down, hint: "Down", help: "Next", group: "Today", showsInHintBar: false)
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back", group: "General")
        return keys
    }

    func willReappear(app: AppEnvironment) { reload(app) }

    private func reload(_ app: AppEnvironment) {
        do {
            listings = try app.store.contacts(on: app.today, recordedBy: onlyMine ? app.practitioner : nil)
            loadError = nil
        } catch {
            listings = []
            loadError = "Today's contacts could not be read: \(error)"
        }
        list.rows = listings.map { listing in
            let time =
                LondonTime.timestamp(listing.contact.receivedAt).split(separator: " ").last.map(String.init) ?? ""
            let about = listing.aboutNames.joined(separator: ", ")
            let by = onlyMine ? "" : " · \(listing.contact.recordedBy)"
            return ListRow(
                "\(time)  \(TextLayout.pad(listing.contact.outcome.label, to: 18))  \(listing.familyName) family: "
                    + "\(about) · from \(listing.contact.caller.summary)\(by)")
        }
    }

    /// "3 referred · 1 advice given": how today's contacts ended.
    var countsByOutcome: String {
        let counts = Dictionary(grouping: listings, by: \.contact.outcome).mapValues(\.count)
        let parts = ContactOutcome.allCases.compactMap { outcome in
            counts[outcome].map { "\($0) \(outcome.label.lowercased())" }
        }
        return parts.isEmpty ? "none yet" : parts.joined(separator: " · ")
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let whose = onlyMine ? "Recorded by you (\(app.practitioner))" : "Recorded by everyone"
        surface.put(
            "\(app.today.british) · \(whose) · \(listings.count) contact\(listings.count == 1 ? "" : "s")",
            at: area.origin, style: Style(.header), clip: area)
        surface.put(
            "By outcome: \(countsByOutcome)", at: Point(x: area.x, y: area.y + 1), style: Style(.dim), clip: area)
        list.draw(
            orProblem: loadError, on: surface,
            in: Rect(x: area.x, y: area.y + 3, width: area.width, height: area.height - 3))
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .up: _ = list.handle(.up, in: area)
        case .down: _ = list.handle(.down, in: area)
        case .back: return .pop
        case .toggleMine:
            onlyMine.toggle()
            reload(app)
        case .open:
            guard let index = list.selectedIndex else { return .handled }
            return .push(FamilyScreen(familyID: listings[index].familyID, app: app))
        }
        return .handled
    }
}
