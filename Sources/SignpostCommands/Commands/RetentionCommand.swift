import ArgumentParser
import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// `signpost retention`: the closed records due for review under the retention policy.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "List closed records due for review: --years after the youngest child turns 18.",
        discussion: """
            A record is kept while any episode or referral is open. Once closed, it comes up for \
            review --years (6 unless set) after its youngest child's 18th birthday; a review that kept it \
            (K on the retention screen, R) leaves it out until the day it was kept until. After review, \
            `signpost erase --family F` removes the whole family (`signpost erase P-… --family F` one \
            person). Reads the store a page of families at a time.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Years after the youngest child turns 18 that a closed record is kept (0 to 100).")
    var years = 6

    @Option(help: "The day to check against, YYYY-MM-DD (today unless given).")
    var on: String?

    func validate() throws {
        if years < 0 || years > 100 { throw ValidationError("--years must be between 0 and 100") }
    }

    func run() throws {
        let day: CalendarDate
        if let on {
            do {
                day = try CalendarDate(iso: on)
            } catch {
                throw CommandFailure.badInput("--on must be a date as YYYY-MM-DD, like 2026-11-26")
            }
        } else {
            day = LondonTime.today(at: Date())
        }
        let store = try storeOptions.openExisting(forReadingOnly: true)
        // The same query as the retention screen (R): a record kept by a review is left out until its day.
        let review = RetentionReview(
            policy: RetentionPolicy(yearsAfterEighteen: years),
            context: CaseworkContext(store: store, practitioner: storeOptions.practitioner))
        Console.print(
            "Policy: a closed record is kept \(years) years after the youngest child turns 18, then listed for review.")
        var after: FamilyID?
        var due = 0
        repeat {
            let page = try StoreOpening.run { try review.due(on: day, after: after, limit: 200) }
            for record in page.records {
                due += 1
                Console.print(visible("\(record.familyID)  \(record.familyName)  \(Self.why(record.standing))"))
            }
            after = page.nextAfter
        } while after != nil
        if due == 0 {
            Console.print("No closed records are due for review on \(day.british) (\(years) years after 18).")
        }
    }

    /// "closed 01/01/2012; youngest child turns 18 on 04/03/2020; kept 6 years; due since 04/03/2026", and the
    /// last review's decision when one kept the record.
    static func why(_ standing: RetentionStanding) -> String {
        let closed = standing.closedOn.map { "closed \($0.british)" } ?? "closed"
        let who = standing.countsFromChild ? "youngest child" : "youngest member (no children)"
        var text =
            "\(closed); \(who) turns 18 on \(standing.youngestTurnsEighteenOn.british); kept \(standing.keptYears) "
            + "years; due since \(standing.dueOn.british)"
        if let decision = standing.decision {
            text += "; last review kept it until \(decision.keptUntil.british) (\(decision.by): \(decision.reason))"
        }
        return text
    }
}
