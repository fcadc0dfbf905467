import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// One family's record: members and their levels, the chronology, services and team, assessments.
///
/// The family is read whole when the screen opens (one family is small) and
/// read again whenever a change is saved from a screen opened on top of it.
final class FamilyScreen: Screen {
    enum Action: Hashable, Sendable {
        case nextTab, previousTab, up, down, top, bottom, pageUp, pageDown, open
        case addNote, changeLevel, addMember, editMember, startAssessment, toggleSignificant, back
        case editDetails, relationships, recordConsent, withdrawConsent
        case referralOutcome, episode, leadAndTeam, meeting, step
        case conflicts
        case audit, exportRecord, amendNote
        case duplicates
        case erasePerson, subjectAccess
        case importAssessment
        case supportingFamilies
    }

    enum Tab: Int, CaseIterable {
        case members, chronology, services, assessments, consent

        var title: String {
            switch self {
            case .members: return "Members"
            case .chronology: return "Chronology"
            case .services: return "Services and team"
            case .assessments: return "CAF"
            case .consent: return "Consent"
            }
        }
    }

    let familyID: FamilyID
    private(set) var family: Family?
    private var loadError: String?
    private var tabs = TabBar(titles: Tab.allCases.map(\.title))
    private var memberCursor = ListCursor(count: 0)
    private var chronologyList = ScrollList(rows: [], emptyText: "Nothing recorded yet. Press n to add a case note.")
    private var servicesList: ScrollList = {
        // A referral's outcome, a lead's role and agency, a team member's contact: read whole, never cut.
        var list = ScrollList(rows: [], emptyText: "No services, referrals or team recorded.")
        list.wrapsRows = true
        return list
    }()
    private var assessmentList = ScrollList(rows: [], emptyText: "No early help assessments for this family.")
    private var consentList: ScrollList = {
        // What a consent covers and with which agencies is read whole, not cut.
        var list = ScrollList(rows: [], emptyText: "No consent recorded. Press r to record it.")
        list.wrapsRows = true
        return list
    }()
    private var significantOnly = false
    /// The row the tabs were last drawn on: the header above them wraps, so it moves with the family shown.
    private var tabRow: Int?
    /// The referral each row of the services tab shows, if it shows one (`o` records its outcome).
    private var serviceRowReferrals: [ReferralID?] = []
    /// This family's conflicts waiting on the team server, as the background sync last heard.
    private var conflictCount = 0

    init(familyID: FamilyID, app: AppEnvironment) {
        self.familyID = familyID
        reload(app, recordView: true)
    }

    var tab: Tab { Tab(rawValue: tabs.selected) ?? .members }

    var title: String { family.map { "\($0.name) family" } ?? "Family \(familyID)" }

    var familyContext: Family? { family }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.tab, .right], .nextTab, hint: "Next tab",
            help: "Next tab: members, chronology, services and team, assessments, consent", group: "Tabs")
        keys.bind(
            [.backTab, .left], .previousTab, hint: "Previous tab", help: "Previous tab", group: "Tabs",
            showsInHintBar: false)
        keys.bind(
            [.character("n")], .addNote, hint: "Add note",
            help: "Add a case note to the chronology (it can be flagged as a significant event)", group: "Record")
        if tab == .members {
            keys.bind(
                [.character("l")], .changeLevel, hint: "Change level",
                help: "Change the selected person's level of need, with a reason", group: "Record")
        }
        keys.bind(
            [.character("d")], .editDetails, hint: "Details",
            help: "Edit the family's address (a move keeps the old one with its dates), locality, languages, "
                + "interpreter and access notes", group: "Record", showsInHintBar: false)
        if tab == .consent {
            keys.bind(
                [.character("r")], .recordConsent, hint: "Record consent",
                help: "Record a person's consent or refusal: to assess, to share, with which agencies, how and when",
                group: "Consent")
            keys.bind(
                [.character("w")], .withdrawConsent, hint: "Withdraw",
                help: "Withdraw the selected consent, with the date it was withdrawn", group: "Consent")
        }
        if tab == .members {
            keys.bind(
                [.character("R")], .relationships, hint: "Relationships",
                help: "Add, change or remove how the selected person is related to the others", group: "Record",
                showsInHintBar: false)
            keys.bind(
                [.character("a")], .addMember, hint: "Add member",
                help: "Add a person to the household (a child, an unborn baby, a parent or carer, another adult)",
                group: "Record")
            keys.bind(
                [.character("e")], .editMember, hint: "Edit member",
                help: "Edit the selected person's details and relationships", group: "Record", showsInHintBar: false)
        }
        if tab == .members || tab == .assessments {
            keys.bind(
                [.character("c")], .startAssessment, hint: "New CAF",
                help: "Start an early help assessment (CAF) for the selected child, filled from the family record",
                group: "Record", showsInHintBar: tab == .assessments)
        }
        if tab == .assessments {
            keys.bind(
                [.character("I")], .importAssessment, hint: "Import CAF",
                help: "Import a partner's early help assessment (signpost-caf/1 JSON): matched to the child, "
                    + "reviewed in full, then saved", group: "Record", showsInHintBar: false)
        }
        if tab == .chronology {
            keys.bind(
                [.character("s")], .toggleSignificant, hint: significantOnly ? "Show all" : "Significant only",
                help: "Show only significant events, as a chronology for a case conference is read, or everything",
                group: "Chronology")
        }
        if tab == .chronology {
            keys.bind(
                [.character("e")], .amendNote, hint: "Amend note",
                help: "Amend the selected case note: correct its text with a reason; the original is kept and shown",
                group: "Chronology", showsInHintBar: false)
        }
        if tab == .services {
            keys.bind(
                [.character("o")], .referralOutcome, hint: "Outcome",
                help: "Record the selected referral's outcome: accepted, declined, closed or withdrawn, with why",
                group: "Record")
        }
        keys.bind(
            [.character("E")], .episode, hint: "Episode",
            help:
                "Open an early-help episode (when, why, lead professional) or close the open one with a reason "
                + "(the accepted referral to its service closes with it)",
            group: "Record", showsInHintBar: false)
        keys.bind(
            [.character("p")], .leadAndTeam, hint: "Lead and team",
            help: "Name or change the lead professional (with reason and date), add or remove team members",
            group: "Record", showsInHintBar: false)
        keys.bind(
            [.character("u")], .step, hint: "Step up/down",
            help: "Step up to children's social care (CSCT accepts: the child's status is recorded, episodes close "
                + "or go on hold), step down, or change or end a child's social-care status",
            group: "Record", showsInHintBar: false)
        keys.bind(
            // `v` as on the families list, where it lists the reviews due: here it records one (`m` means "mine").
            [.character("v")], .meeting, hint: "Meeting/review",
            help: "Record a team around the family meeting or review: attending, views, actions, next review",
            group: "Record", showsInHintBar: false)
        keys.bind(
            [.character("A")], .audit, hint: "Audit trail",
            help: "Who created, changed, viewed or exported this family's record, when, with old and new values",
            group: "Record", showsInHintBar: false)
        keys.bind(
            [.character("X")], .exportRecord, hint: "Export record",
            help: "Export the whole record for a meeting or a request: text, Markdown or a printable page",
            group: "Record", showsInHintBar: false)
        if tab == .chronology || tab == .assessments || tab == .consent {
            keys.bind(
                [.enter], .open, hint: tab == .assessments ? "Open" : "Read in full",
                help: tab == .assessments
                    ? "Open the selected assessment: fill it in section by section, complete it, read or export it"
                    : tab == .consent ? "Read the selected consent in full" : "Read the selected entry in full",
                group: "Record", showsInHintBar: tab != .consent)
        }
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Previous row", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Next row", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("g"), .home], .top, hint: "Top", help: "First row", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.character("G"), .end], .bottom, hint: "Bottom", help: "Last row", group: "Moving", showsInHintBar: false)
        keys.bind([.pageUp], .pageUp, hint: "Page up", help: "Up a screenful", group: "Moving", showsInHintBar: false)
        keys.bind(
            [.pageDown], .pageDown, hint: "Page down", help: "Down a screenful", group: "Moving", showsInHintBar: false)
        if conflictCount > 0 {
            keys.bind(
                [.character("!")], .conflicts, hint: "Conflicts",
                help: "This family's fields two people changed differently: keep mine, take theirs or combine",
                // The conflict line above the tabs already says "! to review"; the bar keeps Back and Help.
                group: "Record", showsInHintBar: false)
        }
        keys.bind(
            [.character("=")], .duplicates, hint: "Duplicates",
            help: "Members who look like someone else on record: compare side by side and merge; undo a merge",
            group: "Record", showsInHintBar: false)
        if tab == .members {
            keys.bind(
                [.control("e")], .erasePerson, hint: "Erase person",
                help:
                    "Erase the selected person everywhere after review, with a reason (confirmed twice; cannot be undone)",
                group: "Record", showsInHintBar: false)
            keys.bind(
                [.control("x")], .subjectAccess, hint: "Subject access",
                help:
                    "Export everything held about the selected person, other people redacted, for a subject access request",
                group: "Record", showsInHintBar: false)
        }
        keys.bind(
            [.character("U")], .supportingFamilies, hint: "Outcomes",
            help: "Supporting Families outcomes: needs against the ten headline areas, outcomes achieved, "
                + "six-month checks", group: "Record", showsInHintBar: false)
        keys.bind(
            [.escape, .character("q")], .back, hint: "Back", help: "Back to the list of families", group: "General")
        return keys
    }

    func willReappear(app: AppEnvironment) { reload(app, recordView: false) }

    private func reload(_ app: AppEnvironment, recordView: Bool) {
        do {
            family = try app.store.family(familyID)
            if family == nil { loadError = "this family is no longer in the store" }
            if recordView, family != nil { try app.store.recordViewed(familyID, by: app.practitioner) }
        } catch {
            loadError = "\(error)"
        }
        guard let family else { return }
        memberCursor.count = family.members.count
        rebuildLists(family, today: app.today)
    }

    private func rebuildLists(_ family: Family, today: CalendarDate) {
        chronologyList.rows = family.chronology(significantOnly: significantOnly).map { entry in
            ListRow(
                ChronologyFormatting.line(entry, in: family), style: entry.isSignificant ? Style(.warning) : .normal)
        }
        if significantOnly { chronologyList.emptyText = "No significant events recorded. Press s to show everything." }
        var services: [ListRow] = []
        var referralRows: [ReferralID?] = []
        services.append(
            ListRow("Lead professional: \(family.leadProfessional?.summary ?? "none named")", style: Style(.header)))
        if let last = family.leadProfessionalHistory.last {
            services.append(ListRow("  since \(last.on.short): \(last.reason)", style: Style(.dim)))
        }
        for episode in family.episodes {
            let state =
                episode.closedOn.map { "closed \($0.short): \(episode.closureReason?.label ?? "no reason recorded")" }
                ?? (episode.isSuspended ? "on hold since \(episode.suspensionHistory.last?.from.short ?? "")" : "open")
            let lead = episode.leadProfessional.map { ", lead \($0)" } ?? ""
            services.append(
                ListRow(
                    "Episode  \(ServiceNames.name(episode.service)) from \(episode.openedOn.short), \(state)\(lead)"))
        }
        if !family.socialCareRecords.isEmpty {
            services.append(ListRow("Social care (u to change or end)", style: Style(.header)))
            for record in family.socialCareRecords.reversed() {
                let who = family.member(record.person)?.givenName ?? record.person.rawValue
                let ended = record.endReason.map { ": \($0)" } ?? ""
                services.append(
                    ListRow(
                        "  \(who): \(record.status.label) from \(record.from.short)"
                            + (record.endedOn.map { " to \($0.short)\(ended)" } ?? ", current"),
                        style: record.isCurrent ? Style(.warning) : Style(.dim)))
            }
        }
        referralRows = Array(repeating: nil, count: services.count)
        for referral in family.referrals.sorted(by: { $0.madeAt > $1.madeAt }) {
            let people = referral.people.compactMap { family.member($0)?.givenName }.joined(separator: ", ")
            let outcome =
                referral.outcomeOn.map {
                    " \(TextLayout.keptTogether($0.short))\((referral.outcomeReason ?? "").isEmpty ? "" : ": \(referral.outcomeReason ?? "")")"
                }
                ?? ""
            services.append(
                ListRow(
                    "Referral \(ServiceNames.name(referral.service)) for \(people.isEmpty ? "family" : people): \(referral.status.label)\(outcome), \(referral.urgency.label.lowercased()), \(referral.consent.label.lowercased()), \(TextLayout.keptTogether(LondonTime.timestamp(referral.madeAt)))"
                ))
            referralRows.append(referral.id)
        }
        if !family.teamAroundFamily.isEmpty {
            services.append(ListRow("Team around the family", style: Style(.header)))
            for member in family.teamAroundFamily {
                let contact = [member.phone, member.email].filter { !$0.isEmpty }.joined(separator: ", ")
                services.append(ListRow("  \(member.summary)\(contact.isEmpty ? "" : " · \(contact)")"))
            }
        }
        if !family.consents.isEmpty {
            services.append(ListRow("Consent", style: Style(.header)))
            for consent in family.consents {
                let withdrawn = consent.withdrawnOn.map { ", withdrawn \($0.short)" } ?? ""
                services.append(
                    ListRow(
                        "  \(consent.decision.label) by \(consent.givenBy) on \(consent.givenOn.short)\(withdrawn): \(consent.scope)"
                    ))
            }
        }
        servicesList.rows = services
        consentList.rows = family.consents.map { ConsentPanel.row($0) }
        serviceRowReferrals = referralRows + Array(repeating: nil, count: max(0, services.count - referralRows.count))
        assessmentList.rows = family.assessments.map { assessment in
            let subject = family.member(assessment.subject)?.fullName ?? assessment.subject.rawValue
            let missing =
                assessment.status == .draft
                ? " · \(assessment.missingRequiredFields().count) required fields to fill" : ""
            let review = assessment.nextReview.map { " · next review \($0.dueOn.short)" } ?? ""
            let version = assessment.versionNumber > 1 ? " (version \(assessment.versionNumber))" : ""
            if let newer = family.newerVersion(of: assessment.id) {
                return ListRow(
                    "\(assessment.status.label.uppercased())  \(subject)\(version), started \(assessment.startedOn.short) · "
                        + "kept: replaced by version \(newer.versionNumber)", style: Style(.dim))
            }
            return ListRow(
                "\(assessment.status.label.uppercased())  \(subject)\(version), started \(assessment.startedOn.short)\(review)\(missing)"
            )
        }
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        guard let family else {
            surface.put(
                "This family could not be shown: \(loadError ?? "unknown problem"). Press Esc to go back.",
                at: area.origin, style: Style(.error), clip: area)
            return
        }
        // The header wraps (two rows at most each, then "…") so an address or a list of services is never cut mid-word.
        var y = area.y
        y += surface.putWrapped(
            "\(family.name) family · \(family.id) · \(family.locality.label) · \(family.address.singleLine)"
                + (family.addressSince.map { " (since \($0.short))" } ?? ""),
            in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.title))
        var facts: [String] = []
        let services = family.openServices.map(ServiceNames.name)
        facts.append(services.isEmpty ? "No open services" : "Open to \(services.joined(separator: ", "))")
        let socialCare = family.currentSocialCare.map {
            "\(family.member($0.person)?.givenName ?? $0.person.rawValue) \($0.status.label)"
        }
        if !socialCare.isEmpty { facts.append("Social care: \(socialCare.joined(separator: ", "))") }
        if let due = family.nextReviewDue {
            facts.append(due < app.today ? "Review overdue since \(due.short)" : "Review due \(due.short)")
        }
        let overdue = family.overdueActions(on: app.today).count
        if overdue > 0 { facts.append("\(overdue) action\(overdue == 1 ? "" : "s") overdue") }
        facts.append(
            "Languages: \(family.languages.joined(separator: ", "))\(family.interpreterNeeded ? " (interpreter needed)" : "")"
        )
        y += surface.putWrapped(facts.joined(separator: " · "), in: Rect(x: area.x, y: y, width: area.width, height: 2))
        let conflicts = app.sync?.status().conflicts(of: family.id) ?? []
        conflictCount = conflicts.count
        if let first = conflicts.first {
            let fields = conflicts.map { ConflictResolution.label(forField: $0.field) }
            let more = conflicts.count > 1 ? " (\(conflicts.count) fields: \(fields.joined(separator: ", ")))" : ""
            y += surface.putWrapped(
                "! Conflict: \(ConflictResolution.label(forField: first.field)) was changed differently by "
                    + "\(first.serverAuthor) and \(first.pushedAuthor)\(more); \(first.serverAuthor)'s value stands "
                    + "until it is resolved · ! to review",
                in: Rect(x: area.x, y: y, width: area.width, height: 2), style: Style(.warning, [.bold]))
        }
        if !family.accessNotes.isEmpty {
            y += surface.putWrapped(
                "Access: \(family.accessNotes)", in: Rect(x: area.x, y: y, width: area.width, height: 2),
                style: Style(.warning, [.bold]))
        }
        tabRow = y
        tabs.draw(on: surface, in: Rect(x: area.x, y: y, width: area.width, height: 1), focused: false)
        y += 2
        let body = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
        switch tab {
        case .members: drawMembers(family, on: surface, in: body, today: app.today)
        case .chronology:
            let heading =
                significantOnly
                ? "Significant events only, newest first (s shows everything)"
                : "Everything, newest first (! marks significant events)"
            surface.put(heading, at: body.origin, style: Style(.dim), clip: body)
            chronologyList.draw(
                on: surface, in: Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1),
                focused: true)
        case .services: servicesList.draw(on: surface, in: body, focused: true)
        case .assessments: assessmentList.draw(on: surface, in: body, focused: true)
        case .consent: ConsentPanel.draw(family, list: consentList, on: surface, in: body, today: app.today)
        }
    }

    private func drawMembers(_ family: Family, on surface: any Surface, in area: Rect, today: CalendarDate) {
        guard !family.members.isEmpty else {
            surface.put("No members recorded.", at: area.origin, clip: area)
            return
        }
        let listWidth = min(38, area.width / 2)
        let listArea = Rect(x: area.x, y: area.y, width: listWidth, height: area.height)
        var rows = ScrollList(
            rows: family.members.map { person in
                let level = person.currentLevel.map { "L\($0.rawValue)" } ?? "L-"
                return ListRow(
                    "\(level) \(person.fullName), \(person.ageDescription(on: today))",
                    style: Style(person.currentLevel.map(HomeScreen.role(for:)) ?? .normal))
            }, selected: memberCursor.selected)
        rows.cursor = memberCursor
        rows.draw(on: surface, in: listArea, focused: true)
        let person = family.members[min(memberCursor.selected, family.members.count - 1)]
        let detail = Rect(x: listArea.maxX + 2, y: area.y, width: area.width - listWidth - 2, height: area.height)
        var lines: [(String, Style)] = []
        lines.append((person.fullName, Style(.title)))
        if !person.alsoKnownAs.isEmpty {
            lines.append(("Also known as \(person.alsoKnownAs.joined(separator: ", "))", .normal))
        }
        var born = person.dateOfBirth.map { "born \($0.british)" } ?? (person.isUnborn ? "" : "date of birth not known")
        if person.isUnborn { born = "expected \(person.expectedDeliveryDate?.british ?? "date not known")" }
        lines.append(("\(person.role.label), \(person.ageDescription(on: today)), \(born)", .normal))
        lines.append(
            (
                "\(person.gender.label) · \(person.ethnicity?.label ?? "ethnicity not recorded") · \(person.firstLanguage)",
                .normal
            ))
        if person.needs.isRecorded {
            let kinds = [
                person.needs.hasSEND ? "SEND" : nil, person.needs.hasEHCPlan ? "EHC plan" : nil,
                person.needs.hasDisability ? "disability" : nil,
            ].compactMap { $0 }
            lines.append(("\(kinds.joined(separator: ", ")): \(person.needs.details)", .normal))
        }
        if person.role.isAdult {
            lines.append(
                (
                    person.hasParentalResponsibility ? "Has parental responsibility" : "No parental responsibility",
                    .normal
                ))
        }
        for (kind, other) in family.relationships(of: person.id) {
            if let other = family.member(other) {
                lines.append(("\(kind.label.capitalized) of \(other.fullName)", Style(.dim)))
            }
        }
        lines.append(("", .normal))
        if let current = person.currentLevel {
            lines.append(("Level now: \(current) (l to change)", Style(HomeScreen.role(for: current), [.bold])))
        } else {
            lines.append(("No level of need set (l to set one)", Style(.dim)))
        }
        for entry in person.levelHistory.reversed() {
            var text =
                "\(LondonTime.timestamp(entry.setAt)) L\(entry.level.rawValue) by \(entry.setBy): \(entry.reason)"
            if let suggested = entry.suggestedLevel, entry.overrodeSuggestion {
                text += " (suggested L\(suggested.rawValue), overridden)"
            }
            lines.append((text, .normal))
        }
        var y = detail.y
        for (text, style) in lines {
            for piece in TextLayout.wrap(text, width: max(10, detail.width)) {
                guard y < detail.maxY else { return }
                surface.put(piece, at: Point(x: detail.x, y: y), style: style, clip: detail)
                y += 1
            }
        }
    }

    /// Starts a draft CAF for `child`, filled from the family record, and opens it.
    private func startAssessment(for child: Person, in family: Family, app: AppEnvironment) -> Transition {
        let draft = EarlyHelpAssessment.draft(id: app.newID("A"), for: child, in: family, startedOn: app.today)
        do {
            try app.store.apply([.saveAssessment(family: family.id, draft)], by: app.practitioner)
        } catch {
            return .message("the assessment could not be started: \(error)", .error)
        }
        reload(app, recordView: false)
        return .push(AssessmentEditorScreen(family: self.family ?? family, assessment: draft, app: app))
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        if case .mouseClick = key {
            let row = Rect(x: area.x, y: tabRow ?? area.y + 2, width: area.width, height: 1)
            return tabs.handle(key, in: row) == .handled
                ? .handled : .ignored
        }
        guard let action = keys.action(for: key) else { return .ignored }
        guard let family else { return action == .back ? .pop : .handled }
        let listArea = Rect(x: 0, y: 0, width: area.width, height: max(1, area.height - 5))
        switch action {
        case .nextTab: tabs.selected = (tabs.selected + 1) % Tab.allCases.count
        case .previousTab: tabs.selected = (tabs.selected + Tab.allCases.count - 1) % Tab.allCases.count
        case .up, .down, .top, .bottom, .pageUp, .pageDown:
            switch tab {
            case .members: _ = memberCursor.handle(key, rowsIn: listArea)
            case .chronology: _ = chronologyList.handle(key, in: listArea)
            case .services: _ = servicesList.handle(key, in: listArea)
            case .assessments: _ = assessmentList.handle(key, in: listArea)
            case .consent: _ = consentList.handle(key, in: listArea)
            }
        case .addNote:
            let about = tab == .members && !family.members.isEmpty ? family.members[memberCursor.selected] : nil
            return .push(CaseNoteScreen(family: family, about: about, app: app))
        case .changeLevel:
            guard !family.members.isEmpty else { return .message("add a member first", .warning) }
            return .push(LevelChangeScreen(family: family, person: family.members[memberCursor.selected], app: app))
        case .addMember:
            return .push(MemberScreen(family: family, editing: nil, app: app))
        case .editMember:
            guard family.members.indices.contains(memberCursor.selected) else { return .handled }
            return .push(MemberScreen(family: family, editing: family.members[memberCursor.selected], app: app))
        case .startAssessment:
            let candidates = family.members.filter { !$0.role.isAdult }
            let selected =
                tab == .members && family.members.indices.contains(memberCursor.selected)
                ? family.members[memberCursor.selected] : nil
            guard
                let child = selected.flatMap({ $0.role.isAdult ? nil : $0 })
                    ?? (tab == .assessments ? candidates.first : nil)
            else {
                return .message("choose a child or unborn baby on the Members tab, then press c", .warning)
            }
            // One CAF at a time for a child: an open one is offered first, and a second is started only on purpose.
            if let open = family.openAssessment(for: child.id) {
                var confirm = Confirmation(
                    "A CAF for \(child.givenName) is already open (\(open.status.label.lowercased()), started "
                        + "\(open.startedOn.british)). Start another anyway?", yes: "Start another", no: "Open it"
                ) { [self] in startAssessment(for: child, in: family, app: app) }
                confirm.onNo = { .push(AssessmentEditorScreen(family: family, assessment: open, app: app)) }
                return .confirm(confirm)
            }
            return startAssessment(for: child, in: family, app: app)
        case .toggleSignificant:
            significantOnly.toggle()
            chronologyList.cursor.selected = 0
            rebuildLists(family, today: app.today)
        case .open:
            if tab == .assessments, let index = assessmentList.selectedIndex {
                return .push(AssessmentEditorScreen(family: family, assessment: family.assessments[index], app: app))
            }
            if tab == .consent, let index = consentList.selectedIndex, family.consents.indices.contains(index) {
                return .push(TextReadScreen(title: "Consent", text: ConsentPanel.full(family.consents[index])))
            }
            if tab == .chronology, let index = chronologyList.selectedIndex {
                let entry = family.chronology(significantOnly: significantOnly)[index]
                return .push(
                    TextReadScreen(title: "Chronology entry", text: ChronologyFormatting.full(entry, in: family)))
            }
        case .editDetails: return .push(FamilyDetailsScreen(family: family, app: app))
        case .relationships:
            guard family.members.indices.contains(memberCursor.selected) else { return .handled }
            guard family.members.count > 1 else { return .message("add another member first (a)", .warning) }
            return .push(RelationshipScreen(family: family, person: family.members[memberCursor.selected]))
        case .recordConsent: return .push(ConsentScreen(family: family, app: app))
        case .withdrawConsent:
            guard let index = consentList.selectedIndex, family.consents.indices.contains(index) else {
                return .message("no consent to withdraw: record one with r", .warning)
            }
            let consent = family.consents[index]
            guard consent.decision == .given, consent.withdrawnOn == nil else {
                return .message("only consent that is given and in force can be withdrawn", .warning)
            }
            return .push(WithdrawConsentScreen(family: family, consent: consent, app: app))
        case .referralOutcome:
            guard let index = servicesList.selectedIndex, serviceRowReferrals.indices.contains(index),
                let id = serviceRowReferrals[index], let referral = family.referrals.first(where: { $0.id == id })
            else { return .message("select a referral (↑/↓), then press o", .warning) }
            guard let form = CaseworkForms.referralOutcome(referral, in: family, today: app.today) else {
                return .message(
                    "this referral is already \(referral.status.label.lowercased()); nothing more to record", .warning)
            }
            return .push(form)
        case .episode: return .push(CaseworkForms.episode(in: family, today: app.today))
        case .leadAndTeam: return .push(CaseworkForms.team(in: family, today: app.today))
        case .meeting: return .push(CaseworkForms.meeting(in: family, today: app.today))
        case .step: return .push(CaseworkForms.step(in: family, today: app.today))
        case .back: return .pop
        case .supportingFamilies: return .push(SupportingFamiliesScreen(family: family.id, app: app))
        case .conflicts: return .push(ConflictsScreen(app: app, family: familyID))
        case .audit: return .push(AuditScreen(family: family, app: app))
        case .exportRecord: return .push(RecordExportScreen(family: family, app: app))
        case .amendNote:
            guard let index = chronologyList.selectedIndex,
                case .note(let note) = family.chronology(significantOnly: significantOnly)[index]
            else { return .message("select a case note in the chronology (↑/↓), then press e", .warning) }
            return .push(AmendNoteScreen(family: family, note: note))
        case .duplicates: return .push(DuplicatesScreen(family: family.id, app: app))
        case .importAssessment: return .push(PartnerAssessmentImportScreen(family: family))
        case .erasePerson:
            guard family.members.indices.contains(memberCursor.selected) else { return .handled }
            return .push(ErasePersonScreen(family: family, person: family.members[memberCursor.selected]))
        case .subjectAccess:
            guard family.members.indices.contains(memberCursor.selected) else { return .handled }
            return .push(SubjectAccessScreen(family: family, person: family.members[memberCursor.selected]))
        }
        return .handled
    }
}
