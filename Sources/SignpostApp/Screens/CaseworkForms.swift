import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// The forms that move a case along, each a ``CaseworkFormScreen``: a referral's outcome (`o`), an
/// episode opened or closed (`E`), the lead professional and the team around the family (`p`).
enum CaseworkForms {
    /// The early-help services an episode can be held by.
    static let episodeServices: [ServiceID] = [
        "bright-start", "bright-futures", "targeted-youth-support", "bright-lives",
    ]

    /// Recording a service's answer to `referral`: accepted, declined, closed or withdrawn, when, and why.
    static func referralOutcome(_ referral: Referral, in family: Family, today: CalendarDate) -> (any Screen)? {
        let choices = ReferralOutcome.next(after: referral.status)
        guard !choices.isEmpty else { return nil }
        let people = ChronologyFormatting.names(referral.people, in: family)
        return CaseworkFormScreen(
            title: "Referral outcome", family: family,
            about: [
                "Referral to \(ServiceNames.name(referral.service)) for \(people), sent \(LondonTime.timestamp(referral.madeAt)) by \(referral.madeBy): now \(referral.status.label.lowercased()).",
                "An accepted referral makes the family open to the service; declined, closed and withdrawn ones need a reason.",
            ],
            fields: [
                FormFields.choice("outcome", "Outcome", options: choices.map(\.label), chosen: 0, required: true),
                FormFields.text("on", "Date", value: today.british, maxLength: 10, placeholder: "DD/MM/YYYY"),
                FormFields.text(
                    "reason", "Reason", maxLength: 200, placeholder: "required unless accepted"),
            ],
            saves: "Record the service's answer to the referral"
        ) { fields, casework in
            let status = choices[fields.chosen("outcome")]
            try casework.recordOutcome(
                of: referral.id, status, on: try fields.date("on", defaultingTo: casework.context.today),
                reason: fields.text("reason"))
            let open = status == .accepted ? "; the family is open to \(ServiceNames.name(referral.service))" : ""
            return "the referral to \(ServiceNames.name(referral.service)) is now \(status.label.lowercased())\(open)"
        }
    }

    /// Opening an early-help episode, or closing the open one: the first field says which.
    static func episode(in family: Family, today: CalendarDate) -> any Screen {
        let open = family.openEpisodes
        let held = family.suspendedEpisodes
        let actions =
            open.map {
                "Close \(ServiceNames.name($0.service)), \($0.isSuspended ? "on hold" : "open") since \($0.openedOn.british)"
            }
            + held.map {
                "Resume \(ServiceNames.name($0.service)), on hold since \($0.suspensionHistory.last?.from.british ?? "")"
            }
            + ["Open a new episode"]
        let reasons = ClosureReason.allCases
        var about = [
            open.isEmpty
                ? "No early-help episode is open. Open one: the service, when, why and the lead professional."
                : "Close the open episode with a reason, or open another beside it (say why a second is needed)."
        ]
        if let lead = family.leadProfessional { about.append("Lead professional now: \(lead.summary)") }
        // Resuming asks why only when an episode is on hold, so the usual form stays as short as it was.
        let resuming =
            held.isEmpty
            ? [] : [FormFields.text("resume", "Resuming: why", maxLength: 200, placeholder: "e.g. CSCT declined")]
        return CaseworkFormScreen(
            title: "Episode", family: family, about: about,
            fields: [
                FormFields.choice("action", "What to do", options: actions, chosen: 0, required: true),
                FormFields.text("on", "Date", value: today.british, maxLength: 10, placeholder: "DD/MM/YYYY"),
                FormFields.choice("closure", "Closing: reason", options: reasons.map(\.label), chosen: 0),
                FormFields.choice(
                    "service", "Opening: service", options: episodeServices.map(ServiceNames.name),
                    chosen: episodeServices.firstIndex(of: acceptedWithoutEpisode(in: family)) ?? 0),
                FormFields.text("why", "Opening: why", maxLength: 200, placeholder: "what the family needs"),
                FormFields.text(
                    "lead", "Opening: lead", value: family.leadProfessional?.name ?? "", maxLength: 80),
                FormFields.text(
                    "second", "Opening a second: why", maxLength: 200,
                    placeholder: open.isEmpty ? "only when another is open" : "required beside an open episode"),
            ] + resuming,
            saves: "Close the chosen episode, or open a new one"
        ) { fields, casework in
            let date = try fields.date("on", defaultingTo: casework.context.today)
            let chosen = fields.chosen("action")
            if open.indices.contains(chosen) {
                let reason = reasons[fields.chosen("closure")]
                try casework.closeEpisode(open[chosen].id, on: date, reason: reason)
                return "the \(ServiceNames.name(open[chosen].service)) episode is closed: \(reason.label)"
            }
            if held.indices.contains(chosen - open.count) {
                let episode = held[chosen - open.count]
                do {
                    try casework.resumeEpisode(episode.id, on: date, reason: fields.text("resume"))
                } catch let refusal as CaseworkRefusal where refusal.field == "reason" {
                    throw CaseworkFormProblem(field: "resume", message: refusal.description)
                }
                return "the \(ServiceNames.name(episode.service)) episode is resumed"
            }
            let service = episodeServices[fields.chosen("service")]
            do {
                try casework.openEpisode(
                    service: service, on: date, because: fields.text("why"), lead: fields.text("lead"),
                    concurrentReason: fields.text("second"))
            } catch let refusal as CaseworkRefusal {
                let field = fields.text("why").isEmpty ? "why" : (open.isEmpty ? "on" : "second")
                throw CaseworkFormProblem(field: field, message: refusal.description)
            }
            return "a \(ServiceNames.name(service)) episode is open from \(date.british)"
        }
    }

    /// Recording a team around the family meeting, a review held or an ad-hoc meeting: who came, the family's
    /// and the child's views, the plan's actions and the next review (4 to 12 weeks on; six weeks is offered).
    ///
    /// The first meeting sets the plan; after it, the form asks which kind this is, offering the review that
    /// is due first (an ad-hoc meeting leaves the review date as it was).
    static func meeting(in family: Family, today: CalendarDate) -> any Screen {
        var about = ["Record the meeting; its actions and next review show on the family."]
        if let due = family.nextReviewDue {
            about.append("Review \(due < today ? "overdue since" : "due") \(due.british).")
        }
        let kinds: [MeetingKind] = family.nextReviewDue == nil ? [.meeting] : [.review, .adHoc, .meeting]
        let kindRow =
            kinds.count == 1
            ? [] : [FormFields.choice("kind", "Kind", options: kinds.map(\.label), chosen: 0, required: true)]
        return CaseworkFormScreen(
            title: kinds.count == 1 ? "TAF meeting" : "Meeting or review", family: family, about: about,
            fields: kindRow + [
                FormFields.text("held", "Held on", value: today.british, maxLength: 10, placeholder: "DD/MM/YYYY"),
                FormFields.text(
                    "attendees", "Attending", required: true, maxLength: 300, placeholder: "names, commas between"),
                FormFields.text("family-views", "The family's views", maxLength: 500),
                FormFields.text("child-views", "The child's views", maxLength: 500),
                FormFields.text(
                    "actions", "Actions", maxLength: 600, placeholder: "who: what by DD/MM/YYYY; …"),
                FormFields.text(
                    "review", "Next review", value: today.adding(days: 42).british, maxLength: 10,
                    placeholder: "4 to 12 weeks on"),
            ],
            saves: "Record the meeting, its actions and the next review"
        ) { fields, casework in
            let held = try fields.date("held", defaultingTo: casework.context.today)
            let actions: [MeetingAction]
            do {
                actions = try CaseLifecycle.actions(from: fields.text("actions"))
            } catch let refusal as CaseworkRefusal {
                throw CaseworkFormProblem(field: "actions", message: refusal.description)
            }
            let review = try fields.date("review", defaultingTo: held.adding(days: 42))
            let kind = kinds.count == 1 ? kinds[0] : kinds[fields.chosen("kind")]
            do {
                try casework.recordMeeting(
                    heldOn: held, attendees: fields.text("attendees").split(separator: ",").map(String.init),
                    familyViews: fields.text("family-views"), childViews: fields.text("child-views"),
                    actions: actions, nextReview: review, kind: kind)
            } catch let refusal as CaseworkRefusal {
                let field =
                    refusal.description.hasPrefix("reviews")
                    ? "review"
                    : refusal.description.hasPrefix("name who")
                        ? "attendees"
                        : refusal.description.hasPrefix("the action") ? "actions" : "held"
                throw CaseworkFormProblem(field: field, message: refusal.description)
            }
            if kind != .adHoc, family.caseClosed(onOrAfter: held) {
                return "meeting recorded; the case is closed, so no review is due"
            }
            switch kind {
            case .meeting: return "meeting recorded; next review \(review.british)"
            case .review: return "review held; next review \(review.british)"
            case .adHoc:
                return "ad-hoc meeting recorded; review still due \(family.nextReviewDue?.british ?? review.british)"
            }
        }
    }

    /// Step-up (children's social care accepted a referral to the front door: each child on it gets the
    /// social-care status, open episodes close "stepped up" or go on hold), step-down (early help takes the
    /// family back: standing statuses end, an episode on hold resumes or a new one opens with the history
    /// linked), and a child's social-care status changed, ended or recorded.
    /// The service of the newest accepted referral with no episode open with its service: the one a new
    /// episode is most likely for, offered first (the practitioner can still choose another).
    static func acceptedWithoutEpisode(in family: Family) -> ServiceID {
        let working = Set(family.episodes.filter(\.isOpen).map(\.service))
        return family.referrals.filter { $0.status == .accepted && !working.contains($0.service) }
            .max { $0.madeAt < $1.madeAt }?.service ?? "bright-start"
    }

    static func step(in family: Family, today: CalendarDate) -> any Screen {
        enum Step {
            case up(Referral), down, change(SocialCareRecord), end(SocialCareRecord), record(Person)
        }
        func name(_ person: PersonID) -> String { family.member(person)?.givenName ?? person.rawValue }
        let awaiting = family.referralsAwaitingDecision.filter { $0.service == "csct" }
        var steps: [Step] = awaiting.map { .up($0) } + [.down]
        var labels =
            awaiting.map { referral in
                // The day is enough to tell referrals apart unless two were made that day; short enough to read
                // whole in the form's choice at 80 columns.
                let sameDay = awaiting.filter {
                    LondonTime.today(at: $0.madeAt) == LondonTime.today(at: referral.madeAt)
                }
                let when =
                    sameDay.count > 1
                    ? LondonTime.timestamp(referral.madeAt) : LondonTime.today(at: referral.madeAt).british
                return "Step up: CSCT accepted the \(when) referral"
            }
            + [
                family.suspendedEpisodes.isEmpty
                    ? "Step down from social care into early help" : "Step down: resume the episode on hold"
            ]
        for record in family.currentSocialCare {
            steps += [.change(record), .end(record)]
            labels += [
                "Change \(name(record.person))'s \(record.status.label) (from \(record.from.short))",
                "End \(name(record.person))'s \(record.status.label)",
            ]
        }
        for child in family.members where !child.role.isAdult {
            steps.append(.record(child))
            labels.append("Record a social-care status for \(child.givenName)")
        }
        var about = [
            awaiting.isEmpty
                ? "No referral to CSCT is awaiting a decision: make one with the navigator (N) to step up."
                : "Step up: each child on the referral gets the status; open episodes close or go on hold."
        ]
        let standing = family.currentSocialCare.map { "\(name($0.person)): \($0.status.label) from \($0.from.short)" }
        about.append(
            standing.isEmpty
                ? "Step down: opens an early-help episode with the social-care history linked."
                : "Social care now: \(standing.joined(separator: "; ")). Step down ends it and links it.")
        let statuses = SocialCareStatus.allCases
        let handling = CaseLifecycle.StepUpEpisodes.allCases
        let resumes = !family.suspendedEpisodes.isEmpty
        return CaseworkFormScreen(
            title: "Step up or down", family: family, about: about,
            fields: [
                FormFields.choice("action", "What to do", options: labels, chosen: 0, required: true),
                FormFields.text("on", "Date", value: today.british, maxLength: 10, placeholder: "DD/MM/YYYY"),
                FormFields.choice("status", "Social-care status", options: statuses.map(\.label), chosen: 0),
                FormFields.choice("episodes", "Open episodes", options: handling.map(\.label), chosen: 0),
                FormFields.choice(
                    "service", "Service", options: episodeServices.map(ServiceNames.name), chosen: 0),
                FormFields.text("why", "Why early help", maxLength: 200, placeholder: "what the family needs now"),
                FormFields.text(
                    "lead", "Lead professional", value: family.leadProfessional?.name ?? "", maxLength: 80),
                FormFields.text(
                    "history", "Social-care history", maxLength: 300,
                    placeholder: standing.isEmpty
                        ? "e.g. child in need plan ended 01/11/2026" : "optional: added to the history"),
                FormFields.text("ended", "Why it ended", maxLength: 300, placeholder: "e.g. plan ended at conference"),
            ],
            saves: "Record the step up or down, or the social-care status",
            showing: { fields in
                // Only the fields of what is chosen: a step-up's status and episodes, a step-down's episode.
                switch steps[fields.chosen("action")] {
                case .up: return ["action", "on", "status", "episodes"]
                case .down:
                    return resumes
                        ? ["action", "on", "history"] : ["action", "on", "service", "why", "lead", "history"]
                case .change, .record: return ["action", "on", "status"]
                case .end: return ["action", "on", "ended"]
                }
            }
        ) { fields, casework in
            let date = try fields.date("on", defaultingTo: casework.context.today)
            let status = statuses[fields.chosen("status")]
            switch steps[fields.chosen("action")] {
            case .up(let referral):
                let episodes = handling[fields.chosen("episodes")]
                try casework.stepUp(accepting: referral.id, on: date, status: status, episodes: episodes)
                return "stepped up to social care (\(status.label)); episodes "
                    + (episodes == .close ? "closed" : "on hold")
            case .down:
                let service = episodeServices[fields.chosen("service")]
                do {
                    try casework.stepDown(
                        service: service, on: date, because: fields.text("why"), lead: fields.text("lead"),
                        history: fields.text("history"))
                } catch let refusal as CaseworkRefusal where refusal.field == nil {
                    throw CaseworkFormProblem(field: resumes ? "on" : "why", message: refusal.description)
                }
                return resumes
                    ? "stepped down into early help: the episode on hold is resumed"
                    : "stepped down into early help: a \(ServiceNames.name(service)) episode is open"
            case .change(let record):
                try casework.changeSocialCare(record.id, to: status, on: date)
                return "\(name(record.person))'s social-care status is now \(status.label)"
            case .end(let record):
                do {
                    try casework.endSocialCare(record.id, on: date, reason: fields.text("ended"))
                } catch let refusal as CaseworkRefusal where refusal.field == "reason" {
                    throw CaseworkFormProblem(field: "ended", message: refusal.description)
                }
                return "\(name(record.person))'s \(record.status.label) ended \(date.british)"
            case .record(let child):
                try casework.recordSocialCare(for: child.id, status, from: date)
                return "\(child.givenName): \(status.label) from \(date.british)"
            }
        }
    }

    /// Naming or changing the lead professional, or adding or removing a member of the team around the family.
    static func team(in family: Family, today: CalendarDate) -> any Screen {
        enum Step {
            case changeLead, removeLead, addMember, removeMember(Int)
        }
        var steps: [Step] = [.changeLead]
        var labels = [family.leadProfessional == nil ? "Name the lead professional" : "Change the lead professional"]
        if let lead = family.leadProfessional {
            steps.append(.removeLead)
            labels.append("Remove \(lead.name) as lead professional")
        }
        steps.append(.addMember)
        labels.append("Add a team member")
        for (index, member) in family.teamAroundFamily.enumerated() {
            steps.append(.removeMember(index))
            labels.append("Remove \(member.name) from the team")
        }
        let lead = family.leadProfessional.map { "Lead professional: \($0.summary)" } ?? "No lead professional named."
        let team =
            family.teamAroundFamily.isEmpty
            ? "No team around the family yet."
            : "Team: " + family.teamAroundFamily.map(\.name).joined(separator: ", ")
        return CaseworkFormScreen(
            title: "Lead and team", family: family, about: [lead, team],
            fields: [
                FormFields.choice("action", "What to do", options: labels, chosen: 0, required: true),
                FormFields.text("name", "Name", maxLength: 80),
                FormFields.text("role", "Role", maxLength: 80, placeholder: "e.g. Family support worker"),
                FormFields.text("agency", "Agency", maxLength: 80, placeholder: "e.g. Bright Start North"),
                FormFields.text("contact", "Contact", maxLength: 80, placeholder: "phone or e-mail"),
                FormFields.text("on", "From (date)", value: today.british, maxLength: 10, placeholder: "DD/MM/YYYY"),
                FormFields.text("reason", "Reason for a new lead", maxLength: 200),
                FormFields.text(
                    "login", "Lead's Signpost login", maxLength: 80, placeholder: "for their reviews (v on the list)"),
                FormFields.text("joined", "Joined on", value: today.british, maxLength: 10, placeholder: "DD/MM/YYYY"),
                FormFields.text("left", "Left on", value: today.british, maxLength: 10, placeholder: "DD/MM/YYYY"),
            ],
            saves: "Record the change of lead professional or team",
            confirmingFirst: { fields in
                // Taking someone off the family's team is asked about first, naming them.
                switch steps[fields.chosen("action")] {
                case .removeLead: return family.leadProfessional.map { "Remove \($0.name) as lead professional?" }
                case .removeMember(let index):
                    return "Remove \(family.teamAroundFamily[index].name) from the team around the family?"
                case .changeLead, .addMember: return nil
                }
            },
            showing: { fields in
                // A team member is not the lead: no lead's date, reason or login when adding or removing one.
                switch steps[fields.chosen("action")] {
                case .changeLead: return ["action", "name", "role", "agency", "contact", "on", "reason", "login"]
                case .removeLead: return ["action", "on", "reason"]
                case .addMember: return ["action", "name", "role", "agency", "contact", "joined"]
                case .removeMember: return ["action", "left"]
                }
            }
        ) { fields, casework in
            let contact = fields.text("contact")
            let professional = Professional(
                name: fields.text("name"), role: fields.text("role"), organisation: fields.text("agency"),
                phone: contact.contains("@") ? "" : contact, email: contact.contains("@") ? contact : "")
            switch steps[fields.chosen("action")] {
            case .changeLead:
                let login = fields.text("login").trimmingCharacters(in: .whitespaces)
                var professional = professional
                professional.login = login.isEmpty ? nil : login
                guard !professional.name.isEmpty else {
                    throw CaseworkFormProblem(field: "name", message: "give the lead professional's name")
                }
                try casework.changeLead(
                    to: professional, on: try fields.date("on", defaultingTo: casework.context.today),
                    reason: fields.text("reason"))
                return "\(professional.name) is the lead professional"
            case .removeLead:
                try casework.changeLead(
                    to: nil, on: try fields.date("on", defaultingTo: casework.context.today),
                    reason: fields.text("reason"))
                return "the family has no lead professional now"
            case .addMember:
                guard !professional.name.isEmpty else {
                    throw CaseworkFormProblem(field: "name", message: "give the team member's name")
                }
                do {
                    try casework.addTeamMember(
                        professional, on: try fields.date("joined", defaultingTo: casework.context.today))
                } catch let refusal as CaseworkRefusal where refusal.field == "on" {
                    throw CaseworkFormProblem(field: "joined", message: refusal.description)
                }
                return "\(professional.name) joined the team around the family"
            case .removeMember(let index):
                do {
                    try casework.removeTeamMember(
                        at: index, on: try fields.date("left", defaultingTo: casework.context.today))
                } catch let refusal as CaseworkRefusal where refusal.field == "on" {
                    throw CaseworkFormProblem(field: "left", message: refusal.description)
                }
                return "\(family.teamAroundFamily[index].name) left the team around the family"
            }
        }
    }
}
