import Foundation
import SignpostDomain
import SignpostTerminal

/// Reading a long text in full: a chronology entry, an assessment, wrapped to the width.
final class TextReadScreen: Screen {
    enum Action: Hashable, Sendable { case up, down, pageUp, pageDown, top, bottom, back }

    let title: String
    private let text: String
    private var top = 0

    init(title: String, text: String) {
        self.title = title
        self.text = text
    }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.down, .character("j")], .down, hint: "Down", help: "Scroll down a line", group: "Reading",
            showsInHintBar: false)
        keys.bind(
            [.up, .character("k")], .up, hint: "Up", help: "Scroll up a line", group: "Reading", showsInHintBar: false)
        keys.bind(
            [.pageDown, .character(" ")], .pageDown, hint: "Page down", help: "Scroll down a screenful",
            group: "Reading")
        keys.bind(
            [.pageUp], .pageUp, hint: "Page up", help: "Scroll up a screenful", group: "Reading", showsInHintBar: false)
        keys.bind(
            [.character("g"), .home], .top, hint: "Top", help: "Go to the start", group: "Reading",
            showsInHintBar: false)
        keys.bind(
            [.character("G"), .end], .bottom, hint: "End", help: "Go to the end", group: "Reading",
            showsInHintBar: false)
        keys.bind([.escape, .character("q")], .back, hint: "Back", help: "Close and go back", group: "General")
        return keys
    }

    private func wrapped(width: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            line.isEmpty ? [""] : TextLayout.wrap(String(line), width: max(10, width))
        }
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        let lines = wrapped(width: area.width - 1)
        top = min(top, max(0, lines.count - area.height))
        for (row, line) in lines.dropFirst(top).prefix(area.height).enumerated() {
            surface.put(line, at: Point(x: area.x, y: area.y + row), clip: area)
        }
        if lines.count > area.height {
            let position = "\(top + 1)–\(min(top + area.height, lines.count)) of \(lines.count) lines"
            surface.put(
                position, at: Point(x: area.maxX - DisplayWidth.of(position), y: area.maxY - 1), style: Style(.dim))
        }
        surface.cursor = Point(x: area.x, y: area.y)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        guard let action = keys.action(for: key) else { return .ignored }
        let page = max(1, area.height - 1)
        switch action {
        case .down: top += 1
        case .up: top = max(0, top - 1)
        case .pageDown: top += page
        case .pageUp: top = max(0, top - page)
        case .top: top = 0
        case .bottom: top = Int.max / 2
        case .back: return .pop
        }
        return .handled
    }
}

/// Reading an assessment as the exported form shows it, with export to a file.
final class AssessmentReadScreen: Screen {
    enum Action: Hashable, Sendable {
        case export(AssessmentExportFormat)
        case reading(TextReadScreen.Action)
    }

    private let family: Family
    private let assessment: EarlyHelpAssessment
    private let reader: TextReadScreen

    init(family: Family, assessment: EarlyHelpAssessment) {
        self.family = family
        self.assessment = assessment
        reader = TextReadScreen(title: "", text: assessment.exported(as: .plainText, family: family))
    }

    var title: String {
        let name = family.member(assessment.subject)?.fullName ?? assessment.subject.rawValue
        return "Assessment (CAF) · \(name) · \(assessment.status.label)"
    }

    var keys: KeyRegistry<Action> {
        var keys = KeyRegistry<Action>()
        keys.bind(
            [.character("t")], .export(.plainText), hint: "Export text",
            help: "Write the assessment as a plain-text file, ready to attach to a secure e-mail", group: "Export")
        keys.bind(
            // X exports, as on the family; `m` means "mine" everywhere.
            [.character("X")], .export(.markdown), hint: "Export Markdown",
            help: "Write the assessment as a Markdown file", group: "Export")
        // Reading keys come from the reader itself, so help and hints match what it does.
        for binding in reader.keys.bindings {
            keys.add(
                KeyBinding(
                    binding.keys, action: .reading(binding.action), hint: binding.hint, help: binding.help,
                    group: binding.group, showsInHintBar: binding.showsInHintBar))
        }
        return keys
    }

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        reader.draw(on: surface, in: area, app: app)
    }

    func handle(_ key: Key, in area: Rect, app: AppEnvironment) -> Transition {
        switch keys.action(for: key) {
        case .export(let format): return export(format, app: app)
        case .reading: return reader.handle(key, in: area, app: app)
        case nil: return .ignored
        }
    }

    private func export(_ format: AssessmentExportFormat, app: AppEnvironment) -> Transition {
        let folder = AssessmentExportLocation.folder(environment: ProcessInfo.processInfo.environment)
        let name = "caf-\(assessment.id.rawValue)-\(app.today.iso).\(format.fileExtension)"
        let file = folder.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let data = Data(assessment.exported(as: format, family: family).utf8)
            guard
                FileManager.default.createFile(
                    atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600])
            else {
                return .message("could not write \(file.path)", .error)
            }
            try app.store.recordExported(
                family.id,
                summary:
                    "exported the assessment \(assessment.id.rawValue) as \(format == .markdown ? "Markdown" : "plain text") to \(file.path)",
                by: app.practitioner)
        } catch {
            return .message("could not export: \(error)", .error)
        }
        return .message("exported to \(file.path) (readable only by you)", .success)
    }
}

/// Where exported assessments go: `$SIGNPOST_EXPORT_DIR`, else `~/signpost-exports`.
enum AssessmentExportLocation {
    static func folder(environment: [String: String]) -> URL {
        if let folder = environment["SIGNPOST_EXPORT_DIR"], !folder.isEmpty { return URL(fileURLWithPath: folder) }
        let home =
            environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent("signpost-exports")
    }
}
