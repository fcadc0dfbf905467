import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

/// The running interface: a stack of screens, the frame around them, and the keys every screen shares.
///
/// The application is independent of the terminal: ``render(on:)`` draws a
/// whole frame onto any ``Surface`` and ``handle(_:size:)`` answers one key.
/// The ncurses loop (``run(on:)``) and `signpost snapshot` both use these, so
/// what a test renders is what a practitioner sees.
///
/// ```swift
/// let application = Application(environment: app)
/// application.render(on: MemorySurface(width: 80, height: 24))
/// ```
public final class Application {
    let environment: AppEnvironment
    private(set) var stack: [any Screen]
    private var toasts = ToastQueue(duration: 5)
    private var dialog: (dialog: Dialog, onYes: () -> Transition, onNo: (() -> Transition)?)?
    private var help: HelpOverlay?
    private var palette: CommandPalette?
    /// False once the user has quit.
    public private(set) var isRunning = true

    /// Creates the application showing the home screen.
    public init(environment: AppEnvironment) {
        self.environment = environment
        self.stack = [HomeScreen()]
    }

    init(environment: AppEnvironment, stack: [any Screen]) {
        self.environment = environment
        self.stack = stack
    }

    /// The screen on top.
    var top: any Screen { stack[stack.count - 1] }

    /// Shows a message at the bottom right for a few seconds.
    public func post(_ message: String, kind: Toast.Kind = .info) {
        toasts.post(message, kind: kind, now: Date())
    }

    /// Seconds until the next redraw: when a toast expires, often while the screen on top waits on
    /// the network (so its answer shows without a key), and every second while a background sync
    /// may change the header.
    public var nextRedraw: TimeInterval? {
        var next = toasts.nextExpiry(after: Date())
        if (top as? any WorksInBackground)?.isWaiting == true {
            next = min(next ?? Self.backgroundPollInterval, Self.backgroundPollInterval)
        }
        if environment.sync != nil { next = min(next ?? 1, 1) }
        return next
    }

    static let backgroundPollInterval: TimeInterval = 0.1

    /// Takes in what the screen on top finished in the background (a search answered, a family
    /// brought); called before each frame.
    public func collectBackgroundWork() {
        guard let screen = top as? any WorksInBackground else { return }
        apply(screen.collectFinishedWork(app: environment))
    }

    /// The background sync's counters as last seen, to notice what it finished since.
    private var seenForcedSyncs = 0
    private var seenReceived = 0

    // MARK: Layout

    /// The rows the frame takes: a banner on fictional stores, a title bar, and the hint bar.
    struct Layout {
        var banner: Rect?
        var titleBar: Rect
        var body: Rect
        var hintBar: Rect
    }

    func layout(for size: Size) -> Layout {
        var y = 0
        var banner: Rect?
        if environment.storeKind.isFictional {
            banner = Rect(x: 0, y: 0, width: size.width, height: 1)
            y += 1
        }
        let titleBar = Rect(x: 0, y: y, width: size.width, height: 1)
        let body = Rect(x: 1, y: y + 2, width: size.width - 2, height: size.height - y - 4)
        return Layout(
            banner: banner, titleBar: titleBar, body: body,
            hintBar: Rect(x: 0, y: size.height - 1, width: size.width, height: 1))
    }

    // MARK: Drawing

    /// Draws one whole frame.
    public func render(on surface: any Surface) {
        surface.clear()
        surface.cursor = nil
        guard surface.size.fits(TooSmallScreen.minimum) else {
            TooSmallScreen.draw(on: surface)
            return
        }
        let layout = layout(for: surface.size)
        if let banner = layout.banner {
            let text =
                environment.storeKind == .training ? "TRAINING — FICTIONAL DATA" : "DEMONSTRATION — FICTIONAL DATA"
            // Reverse warning, not the title bar's look: fictional data must never pass for live.
            surface.fill(banner, style: Style(.warning, [.reverse, .bold]))
            let x = max(0, (banner.width - DisplayWidth.of(text)) / 2)
            surface.put(text, at: Point(x: x, y: banner.y), style: Style(.warning, [.reverse, .bold]), clip: banner)
        }
        drawTitleBar(on: surface, in: layout.titleBar)
        top.draw(on: surface, in: layout.body, app: environment)
        let screenCursor = surface.cursor
        drawHints(for: top, on: surface, in: layout.hintBar)
        toasts.draw(
            on: surface, in: Rect(x: 0, y: layout.hintBar.y - 1, width: surface.size.width, height: 1), now: Date())
        surface.cursor = screenCursor
        if let palette {
            let area = Rect(x: 0, y: layout.body.y, width: surface.size.width, height: layout.hintBar.y - layout.body.y)
            palette.draw(on: surface, in: area)
        }
        if let help { drawHelp(help, for: top, on: surface, in: layout.body) }
        if let dialog { dialog.dialog.draw(on: surface, in: surface.bounds) }
    }

    private func drawTitleBar(on surface: any Surface, in area: Rect) {
        // The last two titles: where you are and what Esc goes back to, given way at whole words (Breadcrumb).
        let titles = stack.map { visible($0.title) }
        let title = Breadcrumb.fitted(titles: titles, width: .max)
        let who = ["\(environment.practitioner)", "\(environment.storeKind.rawValue) store"]
        // The title bar takes one column each side and two between the title and the right-hand text.
        func titleRoom(beside trailing: String, limit: Int) -> Int {
            let trailingWidth = min(DisplayWidth.of(visible(trailing)), limit)
            return area.width - 2 - (trailingWidth > 0 ? trailingWidth + 2 : 0)
        }
        guard let sync = environment.sync else {
            // Where you are matters more than who and which store (`i` says both, and the banner
            // says a store is fictional): the store kind, then the login, give way whole before the
            // screen's own title is cut.
            let titleWidth = DisplayWidth.of(title)
            var parts = who
            while !parts.isEmpty,
                titleWidth + 4 + DisplayWidth.of(parts.joined(separator: " · ")) > area.width
            {
                parts.removeLast()
            }
            let trailing = parts.joined(separator: " · ")
            let room = titleRoom(beside: trailing, limit: area.width / 2 - 1)
            return TitleBar.draw(
                Breadcrumb.fitted(titles: titles, width: room), trailing: trailing, on: surface, in: area)
        }
        let trailing = Self.headerTrailing(
            sync: sync.status(), who: who, width: area.width, titleWidth: DisplayWidth.of(title))
        let room = titleRoom(beside: trailing, limit: area.width - 24)
        TitleBar.draw(
            Breadcrumb.fitted(titles: titles, width: room), trailing: trailing, on: surface, in: area,
            maxTrailingWidth: area.width - 24)
    }

    /// The header's right-hand text with a sync status: whole parts only, never a cut word.
    ///
    /// The sync status comes first and always shows (in shorter words on a narrow terminal); who is
    /// working and on which store follow while there is room beside the title (which keeps at least
    /// 20 columns, cut with "…" if it must be).
    static func headerTrailing(sync: SyncStatus, who: [String], width: Int, titleWidth: Int) -> String {
        // The status may take room from a long title; who and which store only what the title leaves.
        let statusRoom = max(width / 2 - 1, width - 4 - min(titleWidth, 30))
        let spareRoom = max(width / 2 - 1, width - 4 - titleWidth)
        var parts = sync.headerParts()
        if DisplayWidth.of(parts.joined(separator: " · ")) > statusRoom { parts = sync.headerParts(compact: true) }
        for part in who {
            let longer = (parts + [part]).joined(separator: " · ")
            guard DisplayWidth.of(visible(longer)) <= spareRoom else { break }
            parts.append(part)
        }
        return parts.joined(separator: " · ")
    }

    /// Takes in what the background sync finished since the last frame: the outcome of a `:sync`
    /// as a message, and colleagues' changes by re-reading the screen on top (the store holds them).
    public func refreshFromSync() {
        guard let sync = environment.sync else { return }
        let status = sync.status()
        if status.forcedSyncs > seenForcedSyncs {
            seenForcedSyncs = status.forcedSyncs
            post(status.lastOutcome, kind: status.lastOutcome.hasPrefix("Synced") ? .success : .warning)
        }
        if status.received > seenReceived {
            seenReceived = status.received
            if !top.hasUnsavedChanges { top.willReappear(app: environment) }
        }
    }

    private func drawHints<S: Screen>(for screen: S, on surface: any Surface, in area: Rect) {
        HintBar.draw(frameKeys(for: screen), on: surface, in: area)
    }

    private func drawHelp<S: Screen>(_ overlay: HelpOverlay, for screen: S, on surface: any Surface, in area: Rect) {
        overlay.draw(frameKeys(for: screen), on: surface, in: area)
    }

    // MARK: Keys

    /// What a key in the frame's registry does: a screen's action or one of the application's own.
    enum FrameAction<ScreenAction: Hashable & Sendable>: Hashable, Sendable {
        case screen(ScreenAction)
        case help
        case palette
        case navigator
        case newContact
    }

    /// The screen's keys followed by the application's: the one registry both the hint bar and help read.
    func frameKeys<S: Screen>(for screen: S) -> KeyRegistry<FrameAction<S.Action>> {
        var keys = KeyRegistry<FrameAction<S.Action>>()
        for binding in screen.keys.bindings {
            keys.add(
                KeyBinding(
                    binding.keys, action: .screen(binding.action), hint: binding.hint, help: binding.help,
                    group: binding.group, showsInHintBar: binding.showsInHintBar))
        }
        // While typing, printable keys go into the field: only the F-keys do what the frame offers,
        // so only they are listed (a "?" typed into a note is a question mark, not help).
        let typing = screen.takesTyping
        keys.bind(
            typing ? [.function(1)] : [.character("?"), .function(1)], .help, hint: "Help",
            help: "Show every key this screen answers (F1 works while typing)", group: "General")
        if !(screen is TriageScreen) {
            keys.bind(
                typing ? [.function(3)] : [.character("C"), .function(3)], .newContact, hint: "New contact",
                help:
                    "Take a call at the front door (F3 works while typing); from a family, it starts with that family",
                group: "General", showsInHintBar: false)
        }
        if !(screen is NavigatorScreen || screen is NavigatorMapScreen) {
            keys.bind(
                typing ? [.function(2)] : [.character("N"), .function(2)], .navigator, hint: "Navigator",
                help:
                    "Walk the referral pathways: from a family, its record answers what it can (F2 works while typing)",
                group: "General")
        }
        guard !typing else { return keys }
        keys.bind(
            [.character(":")], .palette, hint: "Commands",
            help:
                "Open the command line: home, open FAMILY-ID, lead NAME, new-family, navigate, about, sync, conflicts, quit (Tab completes)",
            group: "General", showsInHintBar: false)
        return keys
    }

    /// Answers one key at the given terminal size.
    public func handle(_ key: Key, size: Size) {
        guard size.fits(TooSmallScreen.minimum) else {
            if key == .character("q") { requestQuit() }
            return
        }
        let body = layout(for: size).body
        if var current = dialog {
            if current.dialog.handle(key) == .submitted {
                dialog = nil
                if current.dialog.result == .confirmed {
                    apply(current.onYes())
                } else if let onNo = current.onNo {
                    apply(onNo())
                }
            } else {
                dialog = current
            }
            return
        }
        if var overlay = help {
            if scrollHelp(&overlay, key, for: top, in: body) == .cancelled || key == .character("?")
                || key == .character("q")
            {
                help = nil
            } else {
                help = overlay
            }
            return
        }
        if var current = palette {
            switch current.handle(key) {
            case .submitted:
                palette = nil
                run(command: current.chosenCommand?.name ?? current.typedName, arguments: current.arguments)
            case .cancelled: palette = nil
            default: palette = current
            }
            return
        }
        if key == .function(1) {
            help = HelpOverlay(title: "Keys: \(top.title)")
            return
        }
        if key == .function(2) {
            openNavigator()
            return
        }
        if key == .function(3), !(top is TriageScreen) {
            openNewContact()
            return
        }
        if key == .resize { return }
        if case .mouseClick(let point) = key, point.y == layout(for: size).hintBar.y {
            // A click on a hint does what its key does.
            if let clicked = hintKey(at: point.x, width: size.width, for: top) { handle(clicked, size: size) }
            return
        }
        let transition = top.handle(key, in: body, app: environment)
        if case .ignored = transition {
            handleFrameKey(key, screen: top)
        } else {
            apply(transition)
        }
    }

    /// The key of the hint-bar entry drawn at column `x`, laid out as ``HintBar`` lays it out.
    func hintKey<S: Screen>(at x: Int, width: Int, for screen: S) -> Key? {
        let registry = frameKeys(for: screen)
        let shown = HintBar.entries(for: registry, width: width)
        var column = 0
        for (index, binding) in registry.hintBindings.prefix(shown.count).enumerated() {
            if index > 0 { column += 2 }
            let entryWidth = DisplayWidth.of(visible(binding.keyLabel)) + 1 + DisplayWidth.of(visible(binding.hint))
            if (column..<(column + entryWidth)).contains(x) { return binding.keys.first }
            column += entryWidth
        }
        return nil
    }

    private func scrollHelp<S: Screen>(_ overlay: inout HelpOverlay, _ key: Key, for screen: S, in area: Rect)
        -> KeyOutcome
    {
        overlay.handle(key, registry: frameKeys(for: screen), in: area)
    }

    private func handleFrameKey<S: Screen>(_ key: Key, screen: S) {
        switch frameKeys(for: screen).action(for: key) {
        case .help: help = HelpOverlay(title: "Keys: \(screen.title)")
        case .palette: palette = CommandPalette(commands: Application.commands)
        case .navigator: openNavigator()
        case .newContact: openNewContact()
        default: break
        }
    }

    /// Opens a new front-door contact; from a family, with that family already chosen.
    private func openNewContact() {
        apply(.push(TriageScreen(app: environment, family: top.familyContext)))
    }

    /// Opens the training exercises over the home screen: how `signpost train` starts.
    public func openExercises() {
        guard environment.storeKind == .training, !environment.trainingScenarios.isEmpty else { return }
        apply(.push(ExercisesScreen(session: trainingSession)))
    }

    /// The trainee's progress through the exercises, kept while the application runs.
    private(set) lazy var trainingSession = TrainingSession(scenarios: environment.trainingScenarios)

    /// Offers to resume the practitioner's latest unfinished contact, or else their latest unsaved form:
    /// what the next start does after a crash.
    public func offerToResumeDraft() {
        guard let drafts = try? environment.store.drafts(for: environment.practitioner), let latest = drafts.first
        else { return offerToReopenFormDraft() }
        let more = drafts.count > 1 ? " (\(drafts.count - 1) more with D on the home screen)" : ""
        apply(
            .confirm(
                Confirmation(
                    "You have an unfinished contact: \(latest.summary), last changed "
                        + "\(LondonTime.timestamp(latest.updatedAt)). Resume it now?\(more)", yes: "Resume",
                    no: "Later"
                ) { [unowned self] in .push(TriageScreen(draft: latest, app: environment)) }))
    }

    /// Offers to reopen the practitioner's most recently typed form that was never saved (a note, a level, a member).
    ///
    /// "Later" keeps the draft: the form brings it back whenever it is opened again.
    private func offerToReopenFormDraft() {
        guard let drafts = try? environment.store.formDrafts(for: environment.practitioner) else { return }
        guard
            let (latest, screens) = drafts.lazy.compactMap({ draft in
                DraftedForm.screens(for: draft, app: self.environment).map { (draft, $0) }
            }).first
        else { return }
        let more = drafts.count > 1 ? " (\(drafts.count - 1) more, brought back when you open those forms)" : ""
        apply(
            .confirm(
                Confirmation(
                    "You have unsaved typing: \(latest.summary), last typed \(LondonTime.timestamp(latest.updatedAt)). "
                        + "Open it now?\(more)", yes: "Open", no: "Later"
                ) { [unowned self] in
                    stack.append(contentsOf: screens)
                    return .handled
                }))
    }

    /// Opens the navigator over the screen on top: from a family's record when the screen is about one.
    private func openNavigator() {
        if top is NavigatorScreen { return }
        if let family = top.familyContext {
            apply(.push(NavigatorScreen(family: family, app: environment)))
        } else {
            apply(.push(NavigatorScreen(app: environment)))
        }
    }

    static let commands = [
        PaletteCommand("home", summary: "Back to the list of families"),
        PaletteCommand("open", summary: "Open a family by its id: open F-0001"),
        PaletteCommand("new-family", summary: "Add a new family"),
        PaletteCommand("find", summary: "Find a person anywhere in the service, on the team server"),
        PaletteCommand("contact", summary: "Take a call at the front door: a new contact"),
        PaletteCommand("drafts", summary: "Your unfinished contacts"),
        PaletteCommand("today", summary: "Today's contacts, with counts by outcome"),
        PaletteCommand("exercises", summary: "The training exercises (training stores only)"),
        PaletteCommand("navigate", summary: "Walk the referral pathways (from the family on screen, if any)"),
        PaletteCommand("reports", summary: "Managers' reports: caseloads, contacts, decisions, CAFs, reviews, steps"),
        PaletteCommand("lead", summary: "Show families whose lead professional's name contains this: lead Priya"),
        PaletteCommand("about", summary: "Which store is open, and who the audit trail records"),
        PaletteCommand("audit", summary: "The whole store's audit trail: who did what, when, filtered"),
        PaletteCommand("sync", summary: "Sync with the team server now, and say what moved"),
        PaletteCommand(
            "conflicts", summary: "Fields two people changed differently: keep mine, take theirs or combine"),
        PaletteCommand("duplicates", summary: "People who may be recorded twice: compare and merge them"),
        PaletteCommand("merges", summary: "The merges made, to undo one"),
        PaletteCommand("directory", summary: "The service directory: who can help, open now, when last checked"),
        PaletteCommand(
            "import-caf", summary: "Import a partner's early help assessment for review: import-caf school/caf.json"),
        PaletteCommand("retention", summary: "Closed records due for review under the retention policy"),
        PaletteCommand("help", summary: "Every key this screen answers"),
        PaletteCommand("quit", summary: "Quit Signpost (asks first if anything is unsaved)"),
    ]

    private func run(command: String, arguments: String) {
        switch command {
        case "home": leave(toDepth: 1)
        case "open":
            let id = FamilyID(arguments.trimmingCharacters(in: .whitespaces))
            guard !id.rawValue.isEmpty else { return post("give a family id: open F-0001", kind: .warning) }
            guard (try? environment.store.family(id)) != nil else {
                return post("no family with id \(id)", kind: .warning)
            }
            apply(.push(FamilyScreen(familyID: id, app: environment)))
        case "new-family": apply(.push(NewFamilyScreen(app: environment)))
        case "find": apply(.push(TeamFindScreen(app: environment)))
        case "navigate": openNavigator()
        case "exercises":
            guard environment.storeKind == .training else {
                return post("exercises run in a training store: signpost train", kind: .warning)
            }
            openExercises()
        case "contact": openNewContact()
        case "drafts": apply(.push(DraftsScreen(app: environment)))
        case "today": apply(.push(TodayScreen(app: environment)))
        case "reports": apply(.push(ReportsScreen(app: environment)))
        case "lead":
            leave(toDepth: 1)
            (stack.first as? HomeScreen)?.filterByLead(arguments.trimmingCharacters(in: .whitespaces), app: environment)
        case "about": apply(.push(AboutScreen()))
        case "audit": apply(.push(AuditScreen(family: nil, app: environment)))
        case "sync":
            guard let sync = environment.sync else {
                return post(
                    "this store has not joined a team server: signpost team join URL", kind: .warning)
            }
            sync.requestSync()
            post("Syncing with the team server…")
        case "conflicts": apply(.push(ConflictsScreen(app: environment)))
        case "duplicates": apply(.push(DuplicatesScreen(family: nil, app: environment)))
        case "merges": apply(.push(MergesScreen(family: nil, app: environment)))
        case "directory": apply(.push(DirectoryScreen(app: environment)))
        case "import-caf":
            apply(
                PartnerAssessmentImportScreen.open(
                    path: arguments.trimmingCharacters(in: .whitespaces), family: top.familyContext, app: environment,
                    environment: ProcessInfo.processInfo.environment))
        case "retention": apply(.push(RetentionScreen(app: environment)))
        case "help": help = HelpOverlay(title: "Keys: \(top.title)")
        case "quit": requestQuit()
        case "": break
        default: post("no command “\(command)”; type : then Tab to see them", kind: .warning)
        }
    }

    /// Carries out what a screen asked for.
    func apply(_ transition: Transition) {
        switch transition {
        case .handled, .ignored: break
        case .push(let screen): stack.append(screen)
        case .replace(let screen):
            stack.removeLast()
            stack.append(screen)
        case .pop: pop()
        case .popWithMessage(let message):
            pop()
            post(message, kind: .success)
        case .popFormWithMessage(let message):
            if stack.count > 2 { stack.removeLast() }
            pop()
            post(message, kind: .success)
        case .confirm(let confirmation):
            var box = Dialog.confirm(
                title: "Please confirm", message: confirmation.question, yes: confirmation.yesLabel,
                no: confirmation.noLabel)
            if confirmation.defaultsToYes { box.focusedButton = 0 }
            dialog = (box, confirmation.onYes, confirmation.onNo)
        case .message(let text, let kind): post(text, kind: kind)
        case .openPalette(let text):
            var opened = CommandPalette(commands: Application.commands)
            opened.input.text = text
            palette = opened
        case .command(let name): run(command: name, arguments: "")
        case .quit: requestQuit()
        }
    }

    private func pop() {
        guard stack.count > 1 else { return requestQuit() }
        stack.removeLast()
        top.willReappear(app: environment)
    }

    private func leave(toDepth depth: Int) {
        let unsaved = stack.dropFirst(depth).filter { $0.hasUnsavedChanges }
        let go: () -> Transition = { [unowned self] in
            stack.removeLast(stack.count - depth)
            top.willReappear(app: environment)
            return .handled
        }
        if !unsaved.isEmpty {
            // Forms that keep drafts lose nothing by being left: their typing comes back when they are opened again.
            let question =
                unsaved.allSatisfy(\.keepsTypingAsDraft)
                ? "Leave this screen? What you typed is kept as a draft and comes back when you open it again."
                : "Leave this screen? Unsaved typing will be lost."
            apply(.confirm(Confirmation(question, yes: "Leave", no: "Stay", onYes: go)))
        } else {
            _ = go()
        }
    }

    /// Quits, asking first when any open screen has unsaved typing.
    ///
    /// Typing in forms that keep drafts is not lost by quitting (it is offered on the next start), and the
    /// question says so; only typing nowhere kept is called lost.
    public func requestQuit() {
        let unsaved = stack.filter { $0.hasUnsavedChanges }
        if !unsaved.isEmpty {
            let question =
                unsaved.allSatisfy(\.keepsTypingAsDraft)
                ? "Quit Signpost? What you typed is kept as a draft and offered when you next start."
                : "Quit Signpost? Unsaved typing will be lost."
            apply(
                .confirm(
                    Confirmation(question, yes: "Quit", no: "Stay") {
                        [unowned self] in
                        isRunning = false
                        return .handled
                    }))
        } else {
            isRunning = false
        }
    }
}
