import Foundation
import SignpostCasework
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// What a screen shows, as text, rendered on the in-memory surface.
///
/// Used by the snapshot tests, the README's screenshots and
/// `signpost snapshot`, so a bug report can include exactly what a screen
/// showed.
///
/// ```swift
/// let text = try ScreenSnapshot.render(.family, family: "F-0001", size: Size(width: 80, height: 24), environment: app)
/// ```
public enum ScreenSnapshot {
    /// The screens that can be rendered by name.
    public enum Name: String, CaseIterable, Sendable {
        case home
        case family
        case chronology
        case services
        case assessments
        case assessment
        case caf
        case note
        case level
        case newFamily = "new-family"
        case about
        case help
        /// The navigator opened from a family, at its first question.
        case navigator
        /// The navigator from a family after answering the first choice of every question: the outcome cards.
        case outcome
        /// The pathway map over the navigator's first question.
        case map
        /// A new front-door contact, at its first step.
        case contact
        /// A front-door contact started from a family: the "who" step listing its members.
        case contactWho = "contact-who"
        /// The practitioner's unfinished contacts.
        case drafts
        /// Today's contacts with counts by outcome.
        case today
        /// The training exercises (needs the environment's training scenarios).
        case exercises
        /// The presenter view of the first training scenario, at its first question.
        case presenter
        /// The family's Consent tab.
        case consent
        /// Editing the family's details (address, locality, languages, interpreter, access).
        case familyDetails = "family-details"
        /// The relationships of the family's first member.
        case relationships
        /// Recording a consent from the family's Consent tab.
        case recordConsent = "record-consent"
        /// Recording the outcome of the family's newest referral (`o` on the services tab).
        case referralOutcome = "referral-outcome"
        /// Opening or closing an early-help episode (`E` on the family).
        case episode
        /// The lead professional and the team around the family (`p` on the family).
        case leadAndTeam = "lead-and-team"
        /// Recording a team around the family meeting (`v` on the family).
        case meeting
        /// Reviews due and overdue, everyone's (`v` on the families list).
        case reviews
        /// Stepping up to social care or down into early help (`u` on the family).
        case step
        /// "Find on the team server" with a search answered: the store's Marchbank families (on this
        /// laptop) and a restricted one elsewhere in the service. The environment's own directory is
        /// used when it has one; otherwise the answer is shown as a server would give it.
        case teamFind = "team-find"
        /// The family's audit trail, newest first (`A` on the family).
        case audit
        /// The whole store's audit trail, for managers (`A` on the families list, `:audit`).
        case auditStore = "audit-store"
        /// Exporting the family's whole record: format, chronology, folder (`X` on the family).
        case exportRecord = "export-record"
        /// Amending the family's first case note (`e` on the chronology).
        case amendNote = "amend-note"
        /// Saving a new family whose first member looks like the family's first member: the question asked.
        case duplicateCheck = "duplicate-check"
        /// Possible duplicates across the store (`=` on the families list).
        case duplicates
        /// Two records side by side to merge: the store's first possible duplicate pair, else the first
        /// members of the first two families.
        case merge
        /// The merges made (`h` on the duplicates list).
        case merges
        /// The managers' reports (`M` on the families list): contacts over the last 12 months.
        case reports
        /// The census factors of the family's first assessment (`F` in the CAF), with suggestions.
        case censusFactors = "census-factors"
        /// The service directory (`W` on the home screen, `:directory`).
        case directory
        /// Choosing a partner's assessment file (`I` on the family's CAF tab, `:import-caf`).
        case importCAF = "import-caf"
        /// Reviewing a partner's assessment of the family's first child before it is saved.
        case importCAFReview = "import-caf-review"
        /// Closed records due for review under the retention policy (`R` on the families list, `:retention`).
        case retention
        /// A family's Supporting Families outcomes (`U` on the family screen): the first family with needs identified.
        case supportingFamilies = "supporting-families"
    }

    /// Why a snapshot could not be made.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// Renders `name` (opened on `family` where the screen needs one) at `size`.
    ///
    /// - Parameters:
    ///   - styled: when true each line is followed by the style of its cells, for tests of emphasis.
    /// - Throws: ``Problem`` when the screen needs a family and none is given or found.
    public static func render(
        _ name: Name, family familyID: FamilyID?, size: Size, environment: AppEnvironment, styled: Bool = false
    ) throws -> String {
        let application = try application(for: name, family: familyID, environment: environment)
        let surface = MemorySurface(size: size)
        application.render(on: surface)
        return styled ? surface.styledLines().joined(separator: "\n") : surface.text()
    }

    /// The application showing screen `name`, as a practitioner would have reached it, ready for keys and frames.
    ///
    /// - Throws: ``Problem`` when the screen needs a family and none is given or found.
    public static func application(
        for name: Name, family familyID: FamilyID?, environment: AppEnvironment
    ) throws -> Application {
        let home = HomeScreen()
        func family() throws -> Family {
            let id = try familyID ?? firstFamily(environment)
            guard let family = try environment.store.family(id) else {
                throw Problem(description: "no family with id \(id)")
            }
            return family
        }
        /// The screens `above` makes, opened from `record`'s family screen over the home screen, as a
        /// practitioner reaches them. The family screen is made first, as when it was opened: opening it
        /// audits the view, which screens above it (the audit trail) may show.
        func overFamily(_ record: Family, _ above: () -> [any Screen]) -> Application {
            let familyScreen = FamilyScreen(familyID: record.id, app: environment)
            return Application(environment: environment, stack: [home, familyScreen] + above())
        }
        let application: Application
        switch name {
        case .home: application = Application(environment: environment, stack: [home])
        case .help:
            application = Application(environment: environment, stack: [home])
            application.handle(.function(1), size: TooSmallScreen.minimum)
        case .about: application = Application(environment: environment, stack: [home, AboutScreen()])
        case .newFamily:
            application = Application(environment: environment, stack: [home, NewFamilyScreen(app: environment)])
        case .familyDetails:
            let record = try family()
            application = overFamily(record) { [FamilyDetailsScreen(family: record, app: environment)] }
        case .relationships:
            let record = try family()
            let person = try firstMember(of: record)
            application = overFamily(record) { [RelationshipScreen(family: record, person: person)] }
        case .recordConsent:
            let record = try family()
            application = overFamily(record) { [ConsentScreen(family: record, app: environment)] }
        case .family, .chronology, .services, .assessments, .consent:
            let screen = FamilyScreen(familyID: try family().id, app: environment)
            let tabs = [ScreenSnapshot.Name.family, .chronology, .services, .assessments, .consent]
            for _ in 0..<(tabs.firstIndex(of: name) ?? 0) {
                _ = screen.handle(.tab, in: Rect(size: TooSmallScreen.minimum), app: environment)
            }
            application = Application(environment: environment, stack: [home, screen])
        case .assessment, .caf:
            let record = try family()
            let assessment = try firstAssessment(of: record)
            let screen: any Screen =
                name == .caf
                ? AssessmentEditorScreen(family: record, assessment: assessment, app: environment)
                : AssessmentReadScreen(family: record, assessment: assessment)
            application = overFamily(record) { [screen] }
        case .note:
            let record = try family()
            application = overFamily(record) {
                [CaseNoteScreen(family: record, about: record.members.first, app: environment)]
            }
        case .navigator, .outcome, .map:
            let record = try family()
            let navigator = NavigatorScreen(family: record, app: environment)
            if name == .outcome { navigator.answerFirstChoiceToTheEnd(app: environment) }
            var stack: [any Screen] = [home, FamilyScreen(familyID: record.id, app: environment), navigator]
            if name == .map { stack.append(NavigatorMapScreen(pathways: environment.pathways, walk: navigator.walk)) }
            application = Application(environment: environment, stack: stack)
        case .contact:
            application = Application(environment: environment, stack: [home, TriageScreen(app: environment)])
        case .contactWho:
            let record = try family()
            application = overFamily(record) { [TriageScreen(app: environment, family: record)] }
        case .drafts:
            application = Application(environment: environment, stack: [home, DraftsScreen(app: environment)])
        case .today: application = Application(environment: environment, stack: [home, TodayScreen(app: environment)])
        case .reports:
            let screen = ReportsScreen(app: environment, report: .contacts)
            // Last 30 days → 3 months → 12 months.
            for _ in 0..<2 {
                _ = screen.handle(.character("p"), in: Rect(size: TooSmallScreen.minimum), app: environment)
            }
            application = Application(environment: environment, stack: [home, screen])
        case .censusFactors:
            let record = try family()
            let assessment = try firstAssessment(of: record)
            application = overFamily(record) {
                [
                    AssessmentEditorScreen(family: record, assessment: assessment, app: environment),
                    AssessmentFactorsScreen(family: record, assessment: assessment, app: environment),
                ]
            }
        case .reviews:
            application = Application(
                environment: environment, stack: [home, ReviewsScreen(login: nil, app: environment)])
        case .directory:
            application = Application(environment: environment, stack: [home, DirectoryScreen(app: environment)])
        case .importCAF, .importCAFReview:
            let record = try family()
            let screen: any Screen
            if name == .importCAF {
                screen = PartnerAssessmentImportScreen(
                    family: record, environment: ["SIGNPOST_IMPORT_DIR": "/home/practitioner/imports"])
            } else {
                guard let child = record.members.first(where: { !$0.role.isAdult }) else {
                    throw Problem(description: "family \(record.id) has no child")
                }
                let data = try PartnerAssessmentSample.document(for: child, in: record)
                let review = try ImportPartnerAssessment(context: environment.casework).review(
                    data, file: "\(child.givenName.lowercased())-caf.json")
                screen = PartnerAssessmentReviewScreen(
                    review: review, openedFrom: record.id, app: environment, assessmentID: "ZZ-A-IMPORT")
            }
            let tabbed = FamilyScreen(familyID: record.id, app: environment)
            for _ in 0..<3 { _ = tabbed.handle(.tab, in: Rect(size: TooSmallScreen.minimum), app: environment) }
            application = Application(environment: environment, stack: [home, tabbed, screen])
        case .retention:
            application = Application(environment: environment, stack: [home, RetentionScreen(app: environment)])
        case .supportingFamilies:
            var record = try family()
            if record.supportingFamiliesNeeds.isEmpty {
                for id in try environment.store.familyIDs(after: nil, limit: 1000) {
                    if let other = try environment.store.family(id), !other.supportingFamiliesNeeds.isEmpty {
                        record = other
                        break
                    }
                }
            }
            application = overFamily(record) { [SupportingFamiliesScreen(family: record.id, app: environment)] }
        case .exercises, .presenter:
            guard let first = environment.trainingScenarios.first else {
                throw Problem(description: "no training scenarios are loaded")
            }
            let session = TrainingSession(scenarios: environment.trainingScenarios)
            let presenter = PresenterScreen(scenario: first, pathways: environment.pathways)
            if name == .presenter {
                _ = presenter.handle(.right, in: Rect(size: TooSmallScreen.minimum), app: environment)
            }
            application = Application(
                environment: environment,
                stack: name == .presenter
                    ? [home, ExercisesScreen(session: session), presenter] : [home, ExercisesScreen(session: session)])
        case .referralOutcome, .episode, .leadAndTeam, .meeting, .step:
            let record = try family()
            let form: (any Screen)?
            switch name {
            case .referralOutcome:
                guard let referral = record.referrals.max(by: { $0.madeAt < $1.madeAt }) else {
                    throw Problem(description: "family \(record.id) has no referral")
                }
                form = CaseworkForms.referralOutcome(referral, in: record, today: environment.today)
            case .episode: form = CaseworkForms.episode(in: record, today: environment.today)
            case .meeting: form = CaseworkForms.meeting(in: record, today: environment.today)
            case .step: form = CaseworkForms.step(in: record, today: environment.today)
            default: form = CaseworkForms.team(in: record, today: environment.today)
            }
            guard let form else { throw Problem(description: "the form could not be made for \(record.id)") }
            application = overFamily(record) { [form] }
        case .teamFind:
            var shown = environment
            let answer = try TeamFindSample.answer(from: environment.store)
            shown.teamDirectory = environment.teamDirectory ?? TeamFindSample(answer: answer)
            let screen = TeamFindScreen(app: shown)
            screen.show(query: TeamFindSample.query, answer: answer)
            application = Application(environment: shown, stack: [home, screen])
        case .audit:
            let record = try family()
            application = overFamily(record) { [AuditScreen(family: record, app: environment)] }
        case .auditStore:
            application = Application(
                environment: environment, stack: [home, AuditScreen(family: nil, app: environment)])
        case .exportRecord:
            let record = try family()
            application = overFamily(record) {
                [RecordExportScreen(family: record, app: environment, environment: ["HOME": "/home/practitioner"])]
            }
        case .amendNote:
            let record = try family()
            guard let note = record.notes.first else {
                throw Problem(description: "family \(record.id) has no case note; pick one that has")
            }
            application = overFamily(record) { [AmendNoteScreen(family: record, note: note)] }
        case .duplicateCheck, .duplicates, .merge, .merges:
            application = Application(
                environment: environment,
                stack: [home as any Screen] + (try peopleScreens(name, family: family(), environment)))
        case .level:
            let record = try family()
            let person = try firstMember(of: record)
            application = overFamily(record) { [LevelChangeScreen(family: record, person: person, app: environment)] }
        }
        return application
    }

    /// The family's first member, for the screens about one person.
    ///
    /// - Throws: ``Problem`` when the family has no members.
    private static func firstMember(of record: Family) throws -> Person {
        guard let person = record.members.first else {
            throw Problem(description: "family \(record.id) has no members")
        }
        return person
    }

    /// The family's first assessment, for the screens of one CAF.
    ///
    /// - Throws: ``Problem`` when the family has none.
    private static func firstAssessment(of record: Family) throws -> EarlyHelpAssessment {
        guard let assessment = record.assessments.first else {
            throw Problem(description: "family \(record.id) has no assessment; pick one that has")
        }
        return assessment
    }

    /// The screens of one record per person, over what a practitioner would have open beneath them.
    private static func peopleScreens(_ name: Name, family record: Family, _ environment: AppEnvironment) throws
        -> [any Screen]
    {
        switch name {
        case .duplicateCheck:
            guard var person = record.members.first else {
                throw Problem(description: "family \(record.id) has no members")
            }
            person.id = PersonID(record.id.rawValue + "-again")
            let matches = try environment.store.possibleDuplicates(of: person, postcode: record.address.postcode)
            let check = DuplicateCheckScreen(personName: person.fullName, matches: matches) { _ in
                .failure(DuplicateCheckScreen.AddProblem(message: "a snapshot adds nothing"))
            }
            return [NewFamilyScreen(app: environment), check]
        case .merge:
            var pair = try environment.store.possibleDuplicatePairs(after: nil, limit: 1).pairs.first
            if pair == nil {
                let summaries = try environment.store.families(FamilyListQuery(limit: 2)).summaries
                let families = try summaries.compactMap { try environment.store.family($0.id) }
                guard families.count == 2, let first = families[0].members.first,
                    let second = families[1].members.first
                else { throw Problem(description: "the merge snapshot needs two families with members") }
                func listed(_ person: Person, _ family: Family) -> PersonMatch {
                    PersonMatch(
                        RankedMatch(candidate: MatchCandidate(person: person, in: family), score: 0, reasons: []),
                        summary: FamilySummary(of: family))
                }
                pair = DuplicatePair(
                    first: listed(first, families[0]), second: listed(second, families[1]), reasons: [])
            }
            guard let pair, let merge = MergeScreen(pair: pair, app: environment) else {
                throw Problem(description: "the pair to merge could not be read")
            }
            return [DuplicatesScreen(family: nil, app: environment), merge]
        case .merges:
            return [DuplicatesScreen(family: nil, app: environment), MergesScreen(family: nil, app: environment)]
        default:
            return [DuplicatesScreen(family: nil, app: environment)]
        }
    }

    private static func firstFamily(_ environment: AppEnvironment) throws -> FamilyID {
        guard let first = try environment.store.families(FamilyListQuery(limit: 1)).summaries.first else {
            throw Problem(description: "the store has no families; use a demonstration store (signpost demo load)")
        }
        return first.id
    }
}

/// The answer the "Find on the team server" snapshot shows: what a team server would say for
/// "Marchbank", from the store's own families, and a restricted family this laptop does not hold.
struct TeamFindSample: TeamDirectory {
    static let query = "Marchbank"
    let answer: [TeamDirectoryFamily]

    static func answer(from store: any CaseStore) throws -> [TeamDirectoryFamily] {
        let hits = try store.search(query, limit: 4)
        var answer = hits.map { hit in
            TeamDirectoryFamily(
                family: hit.summary.id, records: hit.matchedPeople.map(\.rawValue),
                locality: hit.summary.locality.rawValue, restricted: false, onThisLaptop: true)
        }
        answer.append(
            TeamDirectoryFamily(
                family: FamilyID("F-0917"), records: ["P-0917-2"], locality: "south", restricted: true,
                onThisLaptop: false))
        return answer
    }

    func findPeople(_ text: String) async throws -> [TeamDirectoryFamily] { answer }

    func bringFamily(_ family: FamilyID, reason: String?) async throws -> TeamDirectoryBrought {
        throw TeamDirectoryError.offline("A snapshot brings nothing: it has no team server")
    }
}
