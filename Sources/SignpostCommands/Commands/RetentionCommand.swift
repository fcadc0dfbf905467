import ArgumentParser
import Foundation
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
            review --years (6 unless set) after its youngest child's 18th birthday; after review, \
            `signpost erase` removes each person. Reads the store a page of families at a time.
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
        let policy = RetentionPolicy(yearsAfterEighteen: years)
        var after: FamilyID?
        var due = 0
        while true {
            let page = try StoreOpening.run { try store.familyIDs(after: after, limit: 500) }
            guard let last = page.last else { break }
            for id in page {
                guard let family = try StoreOpening.run({ try store.family(id) }),
                    let review = family.retentionReviewDate(under: policy), review <= day
                else { continue }
                due += 1
                Console.print(
                    visible("\(family.id)  \(family.name)  closed; due for review since \(review.british)"))
            }
            after = last
        }
        if due == 0 {
            Console.print("No closed records are due for review on \(day.british) (\(years) years after 18).")
        }
    }
}
