import Foundation
import SignpostDomain
import SignpostStore

/// The stages of an early-help case after the front door (#15): a referral's outcome, an episode opened
/// and closed, the lead professional and the team around the family.
///
/// Each is one use case that checks what a practitioner may do (the rules are here, not in the
/// screens), makes one change in the store's vocabulary, and applies it, audited, in one
/// transaction. A rule broken is a ``CaseworkRefusal`` saying what to do instead; nothing is saved.
///
/// ```swift
/// let casework = CaseLifecycle(family: family, context: context)
/// try casework.recordOutcome(of: referral.id, .accepted, on: today, reason: "")
/// try casework.openEpisode(service: "bright-start", on: today, because: "CAF: parenting support", lead: "Priya")
/// ```
public struct CaseLifecycle: Sendable {
    public let family: Family
    public let context: CaseworkContext

    public init(family: Family, context: CaseworkContext) {
        self.family = family
        self.context = context
    }

    // MARK: Referral outcomes

    /// The change recording a service's answer to a referral, after checking the move is allowed.
    ///
    /// - Throws: ``CaseworkRefusal`` when there is no such referral, it cannot move to `status`
    ///   (a declined referral cannot be accepted), or a reason is needed and missing.
    public func outcomeChange(
        of referralID: ReferralID, _ status: ReferralStatus, on date: CalendarDate, reason: String
    ) throws -> CaseChange {
        guard let referral = family.referrals.first(where: { $0.id == referralID }) else {
            throw CaseworkRefusal("that referral is no longer on the family's record")
        }
        let outcome = ReferralOutcome(
            status: status, on: date, reason: reason.trimmingCharacters(in: .whitespacesAndNewlines),
            recordedBy: context.practitioner)
        try Self.check(outcome, against: referral)
        return .recordReferralOutcome(family: family.id, referral: referralID, outcome)
    }

    /// Throws a ``CaseworkRefusal`` when `referral` cannot move to `outcome`: a move not in
    /// ``ReferralOutcome/next(after:)``, a reason missing where one is needed, or a date before it was made.
    static func check(_ outcome: ReferralOutcome, against referral: Referral) throws {
        let allowed = ReferralOutcome.next(after: referral.status)
        guard allowed.contains(outcome.status) else {
            if allowed.isEmpty {
                throw CaseworkRefusal(
                    "this referral is already \(referral.status.label.lowercased()); record a new referral instead")
            }
            throw CaseworkRefusal(
                "a referral that is \(referral.status.label.lowercased()) can only become "
                    + allowed.map { $0.label.lowercased() }.joined(separator: " or "))
        }
        if outcome.needsReason, outcome.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CaseworkRefusal(
                "say why the referral was \(outcome.status.label.lowercased()); it is kept in the record",
                field: "reason")
        }
        let made = LondonTime.today(at: referral.madeAt)
        if outcome.on < made {
            throw CaseworkRefusal(
                "the outcome cannot be dated \(outcome.on.british), before the referral was made on \(made.british)",
                field: "on")
        }
    }

    /// Records a service's answer to a referral: "open to" follows from it (an accepted referral opens the
    /// family to the service; declined, closed and withdrawn ones do not).
    public func recordOutcome(
        of referralID: ReferralID, _ status: ReferralStatus, on date: CalendarDate, reason: String
    ) throws {
        try apply(outcomeChange(of: referralID, status, on: date, reason: reason))
    }

    /// What a step-up does to the early-help episodes that are open: close them, or put them on hold while
    /// social care leads (to be resumed if social care declines or closes back to early help).
    public enum StepUpEpisodes: String, CaseIterable, Sendable {
        case close
        case suspend

        public var label: String {
            switch self {
            case .close: return "Close them \"stepped up\""
            case .suspend: return "Put them on hold while social care leads"
            }
        }
    }

    /// Step-up: children's social care accepts a referral to the front door, with the status it gives each child
    /// on the referral (child in need, child protection plan, looked after), recorded as the child's own
    /// social-care status naming the referral; every active early-help episode closes "stepped up" or is put on
    /// hold, on the same day, in the same transaction.
    ///
    /// The children are the referral's children; a referral about adults only gives the status to every child
    /// of the family.
    ///
    /// - Throws: ``CaseworkRefusal`` as ``outcomeChange(of:_:on:reason:)`` does, when there is no child to
    ///   hold the status, or when an episode opened after `date`.
    public func stepUp(
        accepting referralID: ReferralID, on date: CalendarDate, status: SocialCareStatus,
        episodes handling: StepUpEpisodes = .close
    ) throws {
        let outcome = try outcomeChange(
            of: referralID, .accepted, on: date, reason: "stepped up to social care: \(status.label)")
        guard date <= context.today else {
            throw CaseworkRefusal("a step-up cannot be recorded for a day to come (\(date.british))", field: "on")
        }
        var changes = [outcome]
        let referral = family.referrals.first { $0.id == referralID }
        let named = (referral?.people ?? []).compactMap(family.member).filter { !$0.role.isAdult }
        let children = named.isEmpty ? family.members.filter { !$0.role.isAdult } : named
        guard !children.isEmpty else {
            throw CaseworkRefusal("the family has no child to hold a social-care status: add the child first (a)")
        }
        for child in children {
            changes.append(
                .lifecycle(
                    family: family.id,
                    .recordSocialCare(
                        SocialCareRecord(
                            id: context.store.kind.idNamespace.generate(prefix: "SC"), person: child.id,
                            status: status, from: date, recordedBy: context.practitioner, sourceReferral: referralID))))
        }
        for episode in family.episodes.filter(\.isActive) {
            guard date >= episode.openedOn else {
                throw CaseworkRefusal(
                    "the \(episode.service.displayName) episode opened on \(episode.openedOn.british), after \(date.british)"
                )
            }
            switch handling {
            case .close:
                changes.append(
                    .closeEpisode(family: family.id, episode: episode.id, on: date, reason: .steppedUpToSocialCare))
                changes += referralClosures(endingWorkWith: episode, on: date, reason: .steppedUpToSocialCare)
            case .suspend:
                changes.append(
                    .lifecycle(
                        family: family.id,
                        .suspendEpisode(
                            episode.id,
                            EpisodeSuspension(
                                from: date, reason: "stepped up to social care: \(status.label)",
                                suspendedBy: context.practitioner))))
            }
        }
        try context.store.apply(changes, by: context.practitioner)
    }

    /// Step-down: early help takes the family back from social care, with the social-care history linked.
    ///
    /// Every social-care status that stands ends on `date` ("stepped down into early help"), and accepted
    /// referrals to CSCT close, so the family is no longer open to CSCT. An episode put on hold at the
    /// step-up is resumed; otherwise a new episode opens, naming the statuses it came from. `history` adds
    /// what the record does not hold (a plan ended elsewhere); it is needed only when the family has no
    /// social-care status on record.
    ///
    /// - Returns: The episode resumed or opened.
    @discardableResult
    public func stepDown(
        service: ServiceID, on date: CalendarDate, because reason: String, lead: String, history: String = ""
    ) throws -> EpisodeID {
        let typed = history.trimmingCharacters(in: .whitespacesAndNewlines)
        let records = family.socialCareRecords
        guard !typed.isEmpty || !records.isEmpty else {
            throw CaseworkRefusal(
                "no social-care status is on record: say what the family steps down from (the status and when it ended)",
                field: "history")
        }
        guard date <= context.today else {
            throw CaseworkRefusal("a step-down cannot be recorded for a day to come (\(date.british))", field: "on")
        }
        let spans = records.map { record -> String in
            let ended = record.endedOn ?? date
            let who = family.member(record.person)?.givenName ?? record.person.rawValue
            return "\(who): \(record.status.label) from \(record.from.british) to \(ended.british)"
        }
        let from = (spans + (typed.isEmpty ? [] : [typed])).joined(separator: "; ")
        var changes: [CaseChange] = []
        let episodeID: EpisodeID
        if let held = family.suspendedEpisodes.first {
            changes.append(
                .lifecycle(
                    family: family.id,
                    .resumeEpisode(
                        held.id, on: date, reason: "stepped down from social care: \(from)", by: context.practitioner)))
            episodeID = held.id
        } else {
            var episode = try newEpisode(
                service: service, on: date, because: reason, lead: lead, concurrentReason: "", steppedDownFrom: from)
            episode.steppedDownFromRecords = records.map(\.id)
            changes.append(.openEpisode(family: family.id, episode))
            episodeID = episode.id
        }
        for record in records where record.isCurrent {
            guard date >= record.from else {
                throw CaseworkRefusal(
                    "the \(record.status.label) began on \(record.from.british), after \(date.british)", field: "on")
            }
            changes.append(
                .lifecycle(
                    family: family.id,
                    .endSocialCare(
                        record.id, on: date, reason: "stepped down into early help", by: context.practitioner)
                ))
        }
        // Social care's involvement ends with the step-down: its accepted referrals close in the same change,
        // so the family is no longer "open to" CSCT.
        changes += try family.referrals.filter { $0.service == "csct" && $0.status == .accepted }.map {
            try outcomeChange(of: $0.id, .closed, on: date, reason: "stepped down into early help: \(from)")
        }
        try context.store.apply(changes, by: context.practitioner)
        return episodeID
    }

    // MARK: Social-care status

    /// Records a child's social-care status learnt outside a step-up (a plan made elsewhere).
    ///
    /// - Throws: ``CaseworkRefusal`` for an adult, a day to come, or the same status already standing.
    @discardableResult
    public func recordSocialCare(
        for person: PersonID, _ status: SocialCareStatus, from date: CalendarDate
    ) throws -> SocialCareRecordID {
        guard let child = family.member(person), !child.role.isAdult else {
            throw CaseworkRefusal("a social-care status is a child's: choose a child or unborn baby")
        }
        guard date <= context.today else {
            throw CaseworkRefusal("a status cannot begin on a day to come (\(date.british))", field: "on")
        }
        if family.socialCareHistory(of: person).contains(where: { $0.isCurrent && $0.status == status }) {
            throw CaseworkRefusal("\(child.givenName) already has a \(status.label) status: nothing changed")
        }
        let record = SocialCareRecord(
            id: context.store.kind.idNamespace.generate(prefix: "SC"), person: person, status: status, from: date,
            recordedBy: context.practitioner)
        try apply(.lifecycle(family: family.id, .recordSocialCare(record)))
        return record.id
    }

    /// Changes a standing status to another (a child in need plan becoming a child protection plan): the old
    /// one ends on `date` and the new one begins, keeping the referral it came from; both stay in the history.
    public func changeSocialCare(_ id: SocialCareRecordID, to status: SocialCareStatus, on date: CalendarDate) throws {
        let old = try standing(id, endingOn: date)
        guard old.status != status else {
            throw CaseworkRefusal("the status is already \(status.label): nothing changed", field: "status")
        }
        let new = SocialCareRecord(
            id: context.store.kind.idNamespace.generate(prefix: "SC"), person: old.person, status: status,
            from: date, recordedBy: context.practitioner, sourceReferral: old.sourceReferral)
        try context.store.apply(
            [
                .lifecycle(
                    family: family.id,
                    .endSocialCare(id, on: date, reason: "became \(status.label)", by: context.practitioner)),
                .lifecycle(family: family.id, .recordSocialCare(new)),
            ], by: context.practitioner)
    }

    /// Ends a standing status on `date`, with why.
    public func endSocialCare(_ id: SocialCareRecordID, on date: CalendarDate, reason: String) throws {
        _ = try standing(id, endingOn: date)
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else {
            throw CaseworkRefusal("say why the status ended (plan ended at review, case closed…)", field: "reason")
        }
        try apply(.lifecycle(family: family.id, .endSocialCare(id, on: date, reason: why, by: context.practitioner)))
    }

    /// The standing status `id`, checked to end on `date`.
    private func standing(_ id: SocialCareRecordID, endingOn date: CalendarDate) throws -> SocialCareRecord {
        guard let record = family.socialCareRecords.first(where: { $0.id == id }) else {
            throw CaseworkRefusal("that social-care status is no longer on the family's record")
        }
        if let ended = record.endedOn { throw CaseworkRefusal("this status already ended on \(ended.british)") }
        guard date >= record.from, date <= context.today else {
            throw CaseworkRefusal(
                "choose a day from \(record.from.british), when it began, to today", field: "on")
        }
        return record
    }

    /// Resumes an episode put on hold (social care declined, or closed back to early help).
    ///
    /// - Throws: ``CaseworkRefusal`` when it is not on hold, without a reason, or for a day before the hold
    ///   or to come.
    public func resumeEpisode(_ id: EpisodeID, on date: CalendarDate, reason: String) throws {
        guard let episode = family.episodes.first(where: { $0.id == id }), episode.isSuspended,
            let hold = episode.suspensionHistory.last
        else { throw CaseworkRefusal("that episode is not on hold") }
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw CaseworkRefusal("say why the episode resumes", field: "reason") }
        guard date >= hold.from, date <= context.today else {
            throw CaseworkRefusal(
                "choose a day from \(hold.from.british), when it was put on hold, to today", field: "on")
        }
        try apply(.lifecycle(family: family.id, .resumeEpisode(id, on: date, reason: why, by: context.practitioner)))
    }

    /// What to ask before a new referral to `service`: nil when the family is not open to it or awaiting it.
    public func secondReferralWarning(to service: ServiceID) -> String? {
        let name = service.displayName
        if family.isOpen(to: service) {
            return "The \(family.name) family is already open to \(name). Refer again anyway?"
        }
        if family.referralsAwaitingDecision.contains(where: { $0.service == service }) {
            return "A referral to \(name) is already awaiting its decision. Refer again anyway?"
        }
        return nil
    }

    /// The warnings to confirm before referring to `services`: one for each the family is already open to or
    /// awaiting a decision from, in the order given, each service once.
    ///
    /// ```swift
    /// let warnings = CaseLifecycle(family: family, context: context).secondReferralWarnings(to: ["csct"])
    /// ```
    public func secondReferralWarnings(to services: [ServiceID]) -> [String] {
        var seen: Set<ServiceID> = []
        return services.compactMap { service in
            guard seen.insert(service).inserted else { return nil }
            return secondReferralWarning(to: service)
        }
    }

    // MARK: Episodes

    /// The change opening an early-help episode.
    ///
    /// One open early-help episode per family at a time: a second needs `concurrentReason`.
    ///
    /// - Throws: ``CaseworkRefusal`` without a reason for opening, with a date in the future, or
    ///   beside an open episode without a reason for a second.
    public func openEpisodeChange(
        service: ServiceID, on date: CalendarDate, because reason: String, lead: String,
        concurrentReason: String = "", steppedDownFrom: String? = nil
    ) throws -> CaseChange {
        .openEpisode(
            family: family.id,
            try newEpisode(
                service: service, on: date, because: reason, lead: lead, concurrentReason: concurrentReason,
                steppedDownFrom: steppedDownFrom))
    }

    private func newEpisode(
        service: ServiceID, on date: CalendarDate, because reason: String, lead: String,
        concurrentReason: String, steppedDownFrom: String?
    ) throws -> EarlyHelpEpisode {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw CaseworkRefusal("say why the episode is opened; it is kept in the record") }
        guard date <= context.today else {
            throw CaseworkRefusal("an episode cannot open in the future (\(date.british)); use today or an earlier day")
        }
        let second = concurrentReason.trimmingCharacters(in: .whitespacesAndNewlines)
        if let open = family.openEpisodes.first, second.isEmpty {
            if open.isSuspended {
                throw CaseworkRefusal(
                    "a \(open.service.displayName) episode is on hold (from \(open.openedOn.british)); "
                        + "resume it, or give the reason a second episode is needed")
            }
            throw CaseworkRefusal(
                "a \(open.service.displayName) episode is already open (from \(open.openedOn.british)); "
                    + "close it first, or give the reason a second episode is needed")
        }
        let leadName = lead.trimmingCharacters(in: .whitespacesAndNewlines)
        return EarlyHelpEpisode(
            id: EntityID.generate(prefix: "E"), service: service, openedOn: date, openedBecause: why,
            leadProfessional: leadName.isEmpty ? nil : leadName,
            concurrentReason: family.openEpisodes.isEmpty || second.isEmpty ? nil : second,
            steppedDownFrom: steppedDownFrom, openedBy: context.practitioner)
    }

    /// Opens an early-help episode (see ``openEpisodeChange(service:on:because:lead:concurrentReason:steppedDownFrom:)``).
    @discardableResult
    public func openEpisode(
        service: ServiceID, on date: CalendarDate, because reason: String, lead: String,
        concurrentReason: String = ""
    ) throws -> EpisodeID {
        let episode = try newEpisode(
            service: service, on: date, because: reason, lead: lead, concurrentReason: concurrentReason,
            steppedDownFrom: nil)
        try apply(.openEpisode(family: family.id, episode))
        return episode.id
    }

    /// Closes an open episode with its reason.
    ///
    /// - Throws: ``CaseworkRefusal`` when the episode is closed already, or the date is before it opened
    ///   or in the future.
    public func closeEpisode(_ id: EpisodeID, on date: CalendarDate, reason: ClosureReason) throws {
        guard let episode = family.episodes.first(where: { $0.id == id }) else {
            throw CaseworkRefusal("that episode is no longer on the family's record")
        }
        if let closed = episode.closedOn {
            throw CaseworkRefusal("this episode was already closed on \(closed.british)")
        }
        guard date >= episode.openedOn else {
            throw CaseworkRefusal(
                "the episode opened on \(episode.openedOn.british); it cannot close before that (\(date.british))")
        }
        guard date <= context.today else {
            throw CaseworkRefusal("an episode cannot close in the future (\(date.british))")
        }
        try context.store.apply(
            [.closeEpisode(family: family.id, episode: id, on: date, reason: reason)]
                + referralClosures(endingWorkWith: episode, on: date, reason: reason), by: context.practitioner)
    }

    /// The changes closing the accepted referrals to a closing episode's service, so the family is no longer
    /// "open to" a service whose work has ended (an accepted referral alone keeps it open). A referral to the
    /// service is left as it is while another episode with the service stays open.
    func referralClosures(endingWorkWith episode: EarlyHelpEpisode, on date: CalendarDate, reason: ClosureReason)
        -> [CaseChange]
    {
        let stillWorking = family.episodes.contains {
            $0.id != episode.id && $0.isOpen && $0.service == episode.service
        }
        guard !stillWorking else { return [] }
        return family.referrals.filter { $0.service == episode.service && $0.status == .accepted }.compactMap {
            // A referral that cannot close on that day (made later) keeps its outcome; the episode still closes.
            try? outcomeChange(of: $0.id, .closed, on: date, reason: "episode closed: \(reason.label)")
        }
    }

    // MARK: Lead professional and team around the family

    /// Names, changes or removes the lead professional from `date`, with the reason; the change is kept in
    /// the family's history.
    ///
    /// - Throws: ``CaseworkRefusal`` without a reason, without a name for a new lead, or when the lead is
    ///   already the one named.
    public func changeLead(to professional: Professional?, on date: CalendarDate, reason: String) throws {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw CaseworkRefusal("say why the lead professional changes; it is kept") }
        if let professional, professional.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CaseworkRefusal("give the lead professional's name")
        }
        guard professional != family.leadProfessional else {
            throw CaseworkRefusal(
                professional.map { "\($0.name) is already the lead professional: nothing changed" }
                    ?? "the family has no lead professional already: nothing changed")
        }
        try apply(
            .changeLeadProfessional(
                family: family.id,
                LeadProfessionalChange(
                    professional: professional, previous: family.leadProfessional, on: date, reason: why,
                    recordedBy: context.practitioner, recordedAt: context.clock())))
    }

    /// Adds a member to the team around the family from `date` (today when not given); the chronology shows
    /// who joined and who recorded it.
    ///
    /// - Throws: ``CaseworkRefusal`` without a name, or for someone already in the team with the same role
    ///   and agency.
    public func addTeamMember(_ professional: Professional, on date: CalendarDate? = nil) throws {
        guard !professional.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CaseworkRefusal("give the team member's name")
        }
        guard
            !family.teamAroundFamily.contains(where: {
                $0.name == professional.name && $0.role == professional.role
                    && $0.organisation == professional.organisation
            })
        else { throw CaseworkRefusal("\(professional.name) is already in the team around the family") }
        try apply(.lifecycle(family: family.id, .changeTeam(try teamChange(.added, professional, on: date))))
    }

    /// Removes the team member at `index` in the family's team, from `date` (today when not given).
    public func removeTeamMember(at index: Int, on date: CalendarDate? = nil) throws {
        guard family.teamAroundFamily.indices.contains(index) else {
            throw CaseworkRefusal("that team member is no longer in the team")
        }
        try apply(
            .lifecycle(
                family: family.id,
                .changeTeam(try teamChange(.removed, family.teamAroundFamily[index], on: date))))
    }

    private func teamChange(
        _ kind: TeamMemberChange.Kind, _ professional: Professional, on date: CalendarDate?
    ) throws -> TeamMemberChange {
        let day = date ?? context.today
        guard day <= context.today else {
            throw CaseworkRefusal("a team change cannot be dated in the future (\(day.british))", field: "on")
        }
        return TeamMemberChange(
            kind: kind, professional: professional, on: day, recordedBy: context.practitioner,
            recordedAt: context.clock())
    }

    // MARK: Team around the family meetings and reviews

    /// Records a team around the family meeting, a review held, or an ad-hoc meeting, with its plan.
    ///
    /// A TAF meeting and a review set the next review (4 to 12 weeks on); a review is the one that was due,
    /// held, so the due and overdue lists count it. An ad-hoc meeting keeps its views and actions and leaves
    /// the review date as it was (`nextReview` is not read).
    ///
    /// - Throws: ``CaseworkRefusal`` for a meeting in the future, with no one attending, with an action due
    ///   before the meeting, with a next review outside 4 to 12 weeks (the message gives the dates allowed),
    ///   or for a review or an ad-hoc meeting before any TAF meeting set the plan.
    @discardableResult
    public func recordMeeting(
        heldOn day: CalendarDate, attendees: [String], familyViews: String, childViews: String,
        actions: [MeetingAction], nextReview: CalendarDate, kind: MeetingKind = .meeting
    ) throws -> MeetingID {
        guard day <= context.today else {
            throw CaseworkRefusal("a meeting cannot be recorded before it is held (\(day.british) is in the future)")
        }
        let people = attendees.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !people.isEmpty else { throw CaseworkRefusal("name who attended the meeting") }
        if let early = actions.first(where: { $0.byWhen < day }) {
            throw CaseworkRefusal(
                "the action \"\(early.what)\" is due \(early.byWhen.british), before the meeting: give a later date")
        }
        var nextReview = nextReview
        if kind != .meeting, family.nextReviewDue == nil {
            throw CaseworkRefusal(
                "no review is scheduled yet: record the first TAF meeting, which sets the plan and the review date",
                field: "kind")
        }
        if kind == .adHoc, let due = family.nextReviewDue { nextReview = due }
        let window = TeamMeeting.reviewWindow(after: day)
        guard kind == .adHoc || window.contains(nextReview) else {
            throw CaseworkRefusal(
                "reviews are held every 4 to 12 weeks: choose a next review between \(window.lowerBound.british) and \(window.upperBound.british)"
            )
        }
        let meeting = TeamMeeting(
            id: EntityID.generate(prefix: "M"), heldOn: day, attendees: people,
            familyViews: familyViews.trimmingCharacters(in: .whitespacesAndNewlines),
            childViews: childViews.trimmingCharacters(in: .whitespacesAndNewlines), actions: actions,
            nextReview: nextReview, recordedBy: context.practitioner, recordedAt: context.clock(), kind: kind)
        try apply(.recordMeeting(family: family.id, meeting))
        return meeting.id
    }

    /// Reads a plan typed on one line: actions separated by `;`, each "who: what by DD/MM/YYYY".
    ///
    /// ```swift
    /// try CaseLifecycle.actions(from: "Marta: book the GP by 01/12/2026; Priya: nursery place by 15/12/2026")
    /// ```
    ///
    /// - Throws: ``CaseworkRefusal`` naming the action that is not in that shape.
    public static func actions(from text: String) throws -> [MeetingAction] {
        try text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map {
            part in
            let shape = "write each action as \"who: what by DD/MM/YYYY\" (\"\(part)\" is not)"
            guard let colon = part.firstIndex(of: ":"), let by = part.range(of: " by ", options: .backwards),
                colon < by.lowerBound
            else { throw CaseworkRefusal(shape) }
            let who = part[..<colon].trimmingCharacters(in: .whitespaces)
            let what = part[part.index(after: colon)..<by.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !who.isEmpty, !what.isEmpty, let date = try? CalendarDate(parsing: String(part[by.upperBound...]))
            else { throw CaseworkRefusal(shape) }
            return MeetingAction(who: who, what: what, byWhen: date)
        }
    }

    private func apply(_ change: CaseChange) throws {
        try context.store.apply([change], by: context.practitioner)
    }
}
