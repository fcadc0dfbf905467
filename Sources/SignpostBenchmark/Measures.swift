import Foundation
import SignpostApp
import SignpostDomain
import SignpostFixtures
import SignpostSQLiteStore
import SignpostStore
import SignpostSubprocess
import SignpostTerminal

/// The measures the benchmark issue names, run against one store.
struct Measures {
    let storeURL: URL
    let families: Int
    let settings: Settings

    /// The measures, by the name `--only` takes.
    enum Kind: String, CaseIterable {
        case startup, search, matcher, recall, render, open, save, navigator, contact, reports, memory, duplicates
        /// Decoding and applying pulled changes (10 a family) without a server.
        case pull
    }

    func all() throws -> [Result] {
        let store = try SQLiteCaseStore(opening: storeURL, expecting: nil)
        let environment = AppEnvironment(
            store: store, storeLocation: storeURL.path, storeKind: .demonstration, practitioner: "benchmark",
            theme: .monochrome)
        let kinds = settings.kinds
        var results: [Result] = []
        if kinds.contains(.startup) { results.append(startToFirstFrame()) }
        if kinds.contains(.search) { results.append(try search(store)) }
        if kinds.contains(.matcher) { results.append(try matcher(store)) }
        if kinds.contains(.recall) {
            let sampleFile = storeURL.deletingLastPathComponent().appendingPathComponent(
                "recall-sample-\(families).tsv")
            results += try Recall(store: store, families: families).results(sampleFile: sampleFile)
        }
        if kinds.contains(.render) { results += try renders(environment) }
        if kinds.contains(.open) { results.append(try openFamily(environment)) }
        if kinds.contains(.save) { results.append(try saveContact(store)) }
        if kinds.contains(.navigator) { results.append(navigatorEvaluation()) }
        if kinds.contains(.contact) { results.append(try contactKeystroke(environment)) }
        if kinds.contains(.duplicates) { results += try duplicates(store) }
        if kinds.contains(.reports) { results += try reports(store) }
        if kinds.contains(.pull) {
            results.append(
                try PullApplyMeasure(
                    families: min(families, settings.pullFamilies), folder: storeURL.deletingLastPathComponent(),
                    settings: settings
                ).result())
        }
        if kinds.contains(.memory) {
            results.append(
                Result(
                    measure: "peak resident memory", families: families, value: peakResidentMegabytes(),
                    target: "≤ 80 MB at 100,000"))
        }
        try store.close()
        return results
    }

    private var size80x24: Size { Size(width: 80, height: 24) }

    /// A whole `signpost snapshot` process: start, open the store, draw the home screen, exit.
    private func startToFirstFrame() -> Result {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("signpost")
        let target = "≤ 50 ms median"
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            return Result(
                measure: "start to first frame", families: families, target: target,
                note: "no signpost binary beside the benchmark (build both: swift build -c release)")
        }
        let timing = Timing.measure(runs: settings.processRuns, warmup: 2) {
            _ = try? ChildProcess.run(
                binary.path, ["snapshot", "--store", storeURL.path, "--screen", "home"], output: .discard,
                errors: .discard, timeout: .seconds(60))
        }
        return Result(measure: "start to first frame (process)", families: families, timing: timing, target: target)
    }

    /// Search as a practitioner types: each prefix of a surname, a misspelling, a date of birth, a postcode.
    private func search(_ store: SQLiteCaseStore) throws -> Result {
        let sample = try store.family(SyntheticFamilyGenerator.familyID(number: families / 2))!
        let person = sample.members.first { $0.dateOfBirth != nil }
        var queries: [String] = []
        for length in 2...max(2, sample.name.count) { queries.append(String(sample.name.prefix(length)).lowercased()) }
        var misspelt = Array(sample.name.lowercased())
        if misspelt.count > 3 { misspelt.swapAt(1, 2) }
        queries.append(String(misspelt))
        if let born = person?.dateOfBirth { queries += [born.british, born.iso] }
        queries += [sample.address.postcode, sample.address.postcode.replacingOccurrences(of: " ", with: "")]
        var index = 0
        let timing = try Timing.measure(runs: settings.runs, warmup: settings.warmup) {
            _ = try store.search(queries[index % queries.count], limit: 20)
            index += 1
        }
        return Result(measure: "search per keystroke", families: families, timing: timing, target: "≤ 10 ms p95")
    }

    /// The front-door matcher as a practitioner types "who is it about": each prefix of a
    /// person's full name, the names swapped and misspelt, with a partial date of birth, and a postcode.
    private func matcher(_ store: SQLiteCaseStore) throws -> Result {
        let sample = try store.family(SyntheticFamilyGenerator.familyID(number: families / 3))!
        let person = sample.members.first { $0.dateOfBirth != nil } ?? sample.members[0]
        let fullName = "\(person.givenName) \(person.familyName)".lowercased()
        var queries: [String] = []
        for length in 1...fullName.count { queries.append(String(fullName.prefix(length))) }
        var misspelt = Array(person.familyName.lowercased())
        if misspelt.count > 4 { misspelt.remove(at: 2) }
        queries.append("\(person.familyName) \(person.givenName)")
        queries.append("\(person.givenName) \(String(misspelt))")
        if let born = person.dateOfBirth {
            queries += [
                "\(person.givenName) \(born.day)/\(born.month)", "\(String(misspelt)) \(born.year)", born.british,
            ]
        }
        queries += [sample.address.postcode, "\(person.familyName) \(sample.address.postcode.prefix(3))"]
        var index = 0
        let timing = try Timing.measure(runs: settings.runs, warmup: settings.warmup) {
            _ = try store.matchPeople(MatchQuery(queries[index % queries.count]), limit: 20)
            index += 1
        }
        return Result(measure: "matcher per keystroke", families: families, timing: timing, target: "≤ 10 ms p95")
    }

    /// The store-wide possible duplicates list (#16): a page of 20 pairs as the screen reads it, page after
    /// page through the store, and one walk through every page.
    private func duplicates(_ store: SQLiteCaseStore) throws -> [Result] {
        var cursor: String?
        let timing = try Timing.measure(runs: settings.runs, warmup: settings.warmup) {
            cursor = try store.possibleDuplicatePairs(after: cursor, limit: 20).next
        }
        let start = Date()
        var pages = 0
        var pairs = 0
        cursor = nil
        repeat {
            let page = try store.possibleDuplicatePairs(after: cursor, limit: 20)
            pages += 1
            pairs += page.pairs.count
            cursor = page.next
        } while cursor != nil
        let whole = Date().timeIntervalSince(start) * 1000
        return [
            Result(measure: "duplicates: a page of 20 pairs", families: families, timing: timing, target: "reported"),
            Result(
                measure: "duplicates: every page", families: families, value: whole, unit: "ms", target: "reported",
                note: "\(pairs) pairs in \(pages) pages"),
        ]
    }

    /// One key and the whole frame after it, on the in-memory surface.
    private func renders(_ environment: AppEnvironment) throws -> [Result] {
        var results: [Result] = []
        let surface = MemorySurface(size: size80x24)
        let screens: [(String, ScreenSnapshot.Name, Key)] = [
            ("render: home after ↓", .home, .down),
            ("render: family after Tab", .family, .tab),
            ("render: chronology after ↓", .chronology, .down),
        ]
        for (name, screen, key) in screens {
            let application = try ScreenSnapshot.application(
                for: screen, family: StoreFactory.busyFamily, environment: environment)
            let timing = Timing.measure(runs: settings.runs, warmup: settings.warmup) {
                application.handle(key, size: size80x24)
                application.render(on: surface)
            }
            results.append(Result(measure: name, families: families, timing: timing, target: "≤ 4 ms p95"))
        }
        return results
    }

    /// Opening the family with 200 chronology entries: read it, audit the view, draw the screen.
    private func openFamily(_ environment: AppEnvironment) throws -> Result {
        let surface = MemorySurface(size: size80x24)
        let timing = try Timing.measure(runs: settings.runs, warmup: settings.warmup) {
            let application = try ScreenSnapshot.application(
                for: .chronology, family: StoreFactory.busyFamily, environment: environment)
            application.render(on: surface)
        }
        return Result(measure: "open a family (200 entries)", families: families, timing: timing, target: "≤ 10 ms p95")
    }

    /// A contact with a referral, a level change and a case note, saved together and audited.
    private func saveContact(_ store: SQLiteCaseStore) throws -> Result {
        var counter = 0
        let now = Date()
        let timing = try Timing.measure(runs: settings.runs, warmup: settings.warmup) {
            counter += 1
            let family = SyntheticFamilyGenerator.familyID(number: (counter * 7919) % families)
            let person = PersonID("\(family.rawValue)-1")
            let contact = ContactID("ZZ-BENCH-C-\(UUID().uuidString)")
            try store.apply(
                [
                    .addContact(
                        family: family,
                        Contact(
                            id: contact, receivedAt: now, caller: Caller(name: "Benchmark caller"), source: .school,
                            about: [person], concernInCallersWords: "Benchmark contact", concerns: [.parenting],
                            outcome: .referred, recordedBy: "benchmark")),
                    .addReferral(
                        family: family,
                        Referral(
                            id: ReferralID("ZZ-BENCH-R-\(UUID().uuidString)"), service: "bright-futures",
                            people: [person],
                            madeAt: now, madeBy: "benchmark", consent: .given, urgency: .routine, contact: contact)),
                    .recordLevel(
                        family: family, person: person,
                        LevelEntry(level: .earlyHelp, setBy: "benchmark", setAt: now, reason: "Benchmark level")),
                    .addCaseNote(
                        family: family,
                        CaseNote(
                            id: CaseNoteID("ZZ-BENCH-N-\(UUID().uuidString)"), writtenAt: now, author: "benchmark",
                            text: "Benchmark note")),
                ], by: "benchmark")
        }
        return Result(measure: "save a contact (durable)", families: families, timing: timing, target: "≤ 15 ms p95")
    }

    /// The navigator over a three-person situation, a seven-person family and a family of twelve (think family:
    /// every child reached by the adults' concerns), in and out of office hours.
    private func navigatorEvaluation() -> Result {
        let navigator = Navigator(pathways: .islington)
        let today = LondonTime.today(at: Date(timeIntervalSince1970: 1_795_428_000))
        func child(_ id: String, age: Int, _ concerns: [Concern], send: Bool = false) -> SituationPerson {
            SituationPerson(
                id: PersonID(id), role: .child, dateOfBirth: today.adding(days: -365 * age - 30), send: send,
                concerns: concerns)
        }
        let situations = [
            Situation(
                door: .csct, consent: .given,
                people: [
                    SituationPerson(id: "mum", role: .adult, age: 34, level: .earlyHelp, concerns: [.financial]),
                    child("ava", age: 3, [.earlyDevelopment]),
                    SituationPerson(id: "bump", role: .child, unborn: true, expectedDate: today.adding(days: 70)),
                ]),
            Situation(
                door: .school, consent: .refused,
                people: [
                    SituationPerson(id: "dad", role: .adult, age: 41, concerns: [.mentalHealth, .substanceUse]),
                    SituationPerson(id: "mum", role: .adult, age: 39, concerns: [.domesticAbuse, .adultCareNeeds]),
                    child("a", age: 15, [.exploitation, .missing]), child("b", age: 12, [.selfHarm, .exclusion]),
                    child("c", age: 8, [.neglect]), child("d", age: 21, [.send, .isolation], send: true),
                    child("e", age: 1, [.parenting]),
                ]),
            Situation(
                door: .police, consent: .notAsked,
                people: [
                    SituationPerson(id: "mum", role: .adult, age: 37, concerns: [.domesticAbuse, .mentalHealth]),
                    SituationPerson(
                        id: "partner", role: .adult, age: 44, concerns: [.substanceUse, .offending],
                        indicators: [.homeUsedForDrugDealing]),
                    SituationPerson(id: "gran", role: .adult, age: 70, concerns: [.adultCareNeeds, .isolation]),
                    child("f", age: 17, [.exploitation]), child("g", age: 16, [.offending, .substanceUse]),
                    child("h", age: 14, [.selfHarm]), child("i", age: 11, [.youngCarer]),
                    child("j", age: 9, [.schoolAttendance]), child("k", age: 6, []), child("l", age: 4, [.send]),
                    child("m", age: 2, [.earlyDevelopment]),
                    SituationPerson(id: "bump", role: .child, unborn: true, expectedDate: today.adding(days: 40)),
                ]),
        ]
        let office = Date(timeIntervalSince1970: 1_795_428_000)
        let instants = [office, office.addingTimeInterval(9.5 * 3600)]
        var index = 0
        let timing = Timing.measure(runs: settings.runs * 4, warmup: settings.warmup) {
            index += 1
            _ = navigator.evaluate(situations[index % 3], at: instants[(index / 3) % 2])
        }
        return Result(measure: "navigator evaluation", families: families, timing: timing, target: "≤ 1 ms p95")
    }

    /// One keystroke in the front-door contact's "who" step: the matcher, the draft saved durably, the screen drawn.
    private func contactKeystroke(_ environment: AppEnvironment) throws -> Result {
        let application = try ScreenSnapshot.application(for: .contact, family: nil, environment: environment)
        let size = size80x24
        let surface = MemorySurface(size: size)
        application.handle(.control("n"), size: size)
        let sample = try environment.store.family(SyntheticFamilyGenerator.familyID(number: families / 3))
        let typed = Array((sample?.members.first?.givenName ?? "Sam").lowercased().prefix(6))
        var position = 0
        let timing = Timing.measure(runs: settings.runs, warmup: settings.warmup) {
            // Type the name forward, then take it back, so every sample is a real keystroke with matches.
            let forward = (position / typed.count) % 2 == 0
            application.handle(forward ? .character(typed[position % typed.count]) : .backspace, size: size)
            application.render(on: surface)
            position += 1
        }
        application.handle(.escape, size: size)
        application.handle(.character("y"), size: size)
        if let drafts = try? environment.store.drafts(for: environment.practitioner) {
            for draft in drafts { try? environment.store.discardDraft(draft.id, by: environment.practitioner) }
        }
        return Result(
            measure: "contact keystroke (who step)", families: families, timing: timing,
            target: "≤ 16 ms p95")
    }
}
