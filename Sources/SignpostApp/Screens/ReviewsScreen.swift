import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// Team around the family reviews due in the next two weeks and overdue, the most overdue first: the logged-in
/// worker's (the families they lead, found by their login) or everyone's (as a manager reads them).
final class ReviewsScreen: Screen {
    enum Action: Hashable, Sendable { case open, toggleEveryone, up, down, back }

    /// How far ahead "due" looks.
    static let horizonDays = 14

    /// The logged-in practitioner whose reviews "mine" lists; nil opens everyone's with no "mine".
    private let worker: String?
    private var everyone: Bool
    private var reviews: [ReviewDue] = []
    private var list = ScrollList(rows: [], emptyText: "No reviews due in the next two weeks, and none overdue.")
    private var loadError: String?

    /// - Parameter login: the practitioner logged in, whose reviews are shown first; nil shows everyone's.
    init(login: String?, app: AppEnvironment) {
        self.worker = login.flatMap { $0.isEmpty ? nil : $0 }
        everyone = self.worker == nil
        reload(app)
    }

    var title: String { "Reviews due" }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        if !reviews.isEmpty {
            keys.bind([.enter], .open, hint: "Open family", help: "Open the selected family", group: "Reviews")
        }
        if worker != nil {
            keys.bind(
                [.character("m")], .toggleEveryone, hint: everyone ? "Mine only" : "Everyone's",
                help: "Show only your reviews (families you lead), or everyone's (as a manager reads them)",
                group: "Reviews")
        }
        keys.bind([.up, .character("k")], .up, hint: "Up", help: "Previous", group: "Reviews", showsInHintBar: false)
        keys.bind([.down, .character("j")], .down, hint: "Down", help: "Next", group: "Reviews", showsInHintBar: false)
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Back to the families", group: "General")
        return keys
    }

    func willReappear(app: AppEnvironment) { reload(app) }

    private func reload(_ app: AppEnvironment) {
        do {
            let horizon = app.today.adding(days: Self.horizonDays)
            if let worker, !everyone {
                reviews = try app.store.reviewsDue(by: horizon, leadLogin: worker, limit: 500)
            } else {
                reviews = try app.store.reviewsDue(by: horizon, leadProfessional: nil, limit: 500)
            }
            loadError = nil
            list.emptyText =
                everyone
                ? "No reviews due in the next two weeks, and none overdue."
                : "None of the families you lead has a review due in the next two weeks or overdue. m shows everyone's."
        } catch {
            reviews = []
            loadError = "the reviews could not be read: \(error)"
        }
        list.rows = reviews.map { review in
            let overdue = review.nextReview < app.today
            let state = overdue ? "OVERDUE since \(review.nextReview.british)" : "due \(review.nextReview.british)"
            return ListRow(
                "\(state)  \(review.familyName) (\(review.familyID)) · lead \(review.leadProfessional ?? "none named")",
                style: overdue ? Style(.warning, [.bold]) : .normal)
        }
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let whose = everyone ? "Everyone's" : "Your (\(worker ?? ""))"
        let overdue = reviews.filter { $0.nextReview < app.today }.count
        surface.putWrapped(
            "\(whose) reviews: \(overdue) overdue, \(reviews.count - overdue) due in the next \(Self.horizonDays) days",
            in: Rect(x: area.x, y: area.y, width: area.width, height: 2), style: Style(.header))
        if let loadError {
            surface.put(loadError, at: Point(x: area.x, y: area.y + 2), style: Style(.error), clip: area)
            return
        }
        list.draw(
            on: surface, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2), focused: true)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        switch action {
        case .open:
            guard let index = list.selectedIndex else { return .handled }
            return .push(FamilyScreen(familyID: reviews[index].familyID, app: app))
        case .toggleEveryone:
            everyone.toggle()
            list.cursor.selected = 0
            reload(app)
        case .up, .down: _ = list.handle(key, in: Rect(x: 0, y: 0, width: area.width, height: area.height - 2))
        case .back: return .pop
        }
        return .handled
    }
}
