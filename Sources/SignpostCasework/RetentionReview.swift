import Foundation
import SignpostDomain
import SignpostStore

/// Reviewing closed records under the retention policy (#16): which are due, and keeping one longer.
///
/// The same query answers the retention screen and `signpost retention`: the store is read a batch of
/// families at a time, and a record is due once the policy's day has come and no review has kept it
/// past today. Keeping a record records the decision (audited, synced); erasing after review goes
/// through the erasure change person by person.
///
/// ```swift
/// let review = RetentionReview(policy: RetentionPolicy(yearsAfterEighteen: 6), context: context)
/// let page = try review.due(on: context.today, after: nil, limit: 50)
/// try review.keep(page.records[0].familyID, until: context.today.adding(years: 1), reason: "sibling open")
/// ```
public struct RetentionReview: Sendable {
    /// One closed record due for review, and why.
    public struct DueRecord: Hashable, Sendable {
        public var familyID: FamilyID
        public var familyName: String
        /// How many people the record still holds.
        public var memberCount: Int
        public var standing: RetentionStanding

        public init(familyID: FamilyID, familyName: String, memberCount: Int, standing: RetentionStanding) {
            self.familyID = familyID
            self.familyName = familyName
            self.memberCount = memberCount
            self.standing = standing
        }
    }

    /// Records due, in family id order, and where the next page starts.
    public struct Page: Hashable, Sendable {
        public var records: [DueRecord]
        /// The family id to read on from for the next page; nil when the store has no more.
        public var nextAfter: FamilyID?

        public init(records: [DueRecord], nextAfter: FamilyID?) {
            self.records = records
            self.nextAfter = nextAfter
        }
    }

    /// How many families are read from the store at a time while looking for records due.
    static let batchSize = 500

    public var policy: RetentionPolicy
    public var context: CaseworkContext

    public init(policy: RetentionPolicy, context: CaseworkContext) {
        self.policy = policy
        self.context = context
    }

    /// Up to `limit` records due for review on `day`, after the family `after` in id order.
    ///
    /// - Parameters:
    ///   - day: The day to check against (today unless a report asks for another).
    ///   - after: Where the previous page ended (its ``Page/nextAfter``); nil for the first page.
    ///   - limit: How many records a page holds.
    public func due(on day: CalendarDate, after: FamilyID?, limit: Int) throws -> Page {
        var records: [DueRecord] = []
        var cursor = after
        while true {
            let batch = try context.store.familyIDs(after: cursor, limit: Self.batchSize)
            for (index, id) in batch.enumerated() {
                guard let family = try context.store.family(id),
                    let standing = family.retentionStanding(under: policy), standing.isDue(on: day)
                else { continue }
                records.append(
                    DueRecord(
                        familyID: family.id, familyName: family.name, memberCount: family.members.count,
                        standing: standing))
                if records.count == limit {
                    // The page is full: the next one reads on from here, if the store holds anything after it.
                    let more = index < batch.count - 1 || batch.count == Self.batchSize
                    return Page(records: records, nextAfter: more ? id : nil)
                }
            }
            guard batch.count == Self.batchSize, let last = batch.last else {
                return Page(records: records, nextAfter: nil)
            }
            cursor = last
        }
    }

    /// Keeps a record due for review until `day`, with why: audited, and the record leaves the list until then.
    ///
    /// - Throws: ``CaseworkRefusal`` for a missing reason, a day not after today, or a record not closed.
    public func keep(_ familyID: FamilyID, until day: CalendarDate, reason: String) throws {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else {
            throw CaseworkRefusal("say why the record is kept: the reason is kept in the audit trail", field: "reason")
        }
        guard day > context.today else {
            throw CaseworkRefusal(
                "keep it until a day after today (\(context.today.british)), when it is reviewed again", field: "until")
        }
        guard let family = try context.store.family(familyID) else {
            throw CaseworkRefusal("no family with id \(familyID)")
        }
        guard family.retentionStanding(under: policy) != nil else {
            throw CaseworkRefusal("\(familyID) is open or has no date of birth to count from: it is not reviewed yet")
        }
        let decision = RetentionDecision(keptUntil: day, reason: why, by: context.practitioner, at: context.clock())
        try context.store.apply([.decideRetention(family: familyID, decision)], by: context.practitioner)
    }
}
