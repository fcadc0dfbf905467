import Foundation
import SignpostDomain
import SignpostStore
import SignpostTerminal

extension TriageScreen {
    // MARK: Drawing

    func draw(on surface: any Surface, in area: Rect, app: AppEnvironment) {
        drawStepBar(on: surface, in: Rect(x: area.x, y: area.y, width: area.width, height: 1))
        var body = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        if let problem = currentProblem {
            surface.put(
                TextLayout.truncate(problem, to: area.width), at: Point(x: area.x, y: area.maxY - 1),
                style: Style(.error, [.bold]), clip: area)
            body.height -= 2
        }
        let cursor: Point?
        switch draft.step {
        case .caller:
            callerForm.draw(on: surface, in: body, labelWidth: 30)
            cursor = surface.cursor
            drawNote(
                "Enter/Tab move on · ←/→ or Space change a choice · Ctrl-N next step",
                on: surface, in: body)
        case .who: cursor = drawWho(on: surface, in: body, app: app)
        case .said: cursor = drawSaid(on: surface, in: body, app: app)
        case .level: cursor = drawLevels(on: surface, in: body, app: app)
        case .consent:
            consentForm.draw(on: surface, in: body, labelWidth: 30)
            cursor = surface.cursor
            drawNote(
                "Early help needs the family's consent; safeguarding referrals do not wait for it.",
                on: surface, in: body)
        case .route: cursor = drawRoute(on: surface, in: body, app: app)
        }
        surface.cursor = cursor
    }

    /// The steps across the top, the current one in brackets as well as highlighted.
    private func drawStepBar(on surface: any Surface, in area: Rect) {
        var x = area.x
        // Short names when the full ones do not fit: every step must stay visible.
        let full = TriageStep.allCases.map(\.title).joined().count + 6 * 5 <= area.width
        for (index, step) in TriageStep.allCases.enumerated() {
            let current = step == draft.step
            let name = full ? step.title : step.shortTitle
            let text = current ? "[\(index + 1) \(name)]" : " \(index + 1) \(name) "
            x = surface.put(
                text, at: Point(x: x, y: area.y), style: current ? Style(.focus, [.bold, .reverse]) : Style(.dim),
                clip: area)
            if index < TriageStep.allCases.count - 1 { x = surface.put("›", at: Point(x: x, y: area.y), clip: area) }
        }
    }

    private func drawNote(_ text: String, on surface: any Surface, in area: Rect) {
        surface.put(
            TextLayout.truncate(text, to: area.width), at: Point(x: area.x, y: area.maxY - 1), style: Style(.dim),
            clip: area)
    }

    private func drawWho(on surface: any Surface, in area: Rect, app: AppEnvironment) -> Point? {
        if let form = newPersonForm {
            surface.put(
                "Someone not on record" + (draft.family == nil ? " (a new family is made for them)" : ""),
                at: area.origin, style: Style(.header), clip: area)
            form.draw(
                on: surface, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 4),
                labelWidth: 30)
            let cursor = surface.cursor
            if let duplicateWarning {
                for (row, line) in TextLayout.wrap(duplicateWarning, width: area.width).prefix(2).enumerated() {
                    surface.put(
                        line, at: Point(x: area.x, y: area.maxY - 3 + row), style: Style(.warning, [.bold]),
                        clip: area)
                }
            }
            drawNote("Ctrl-O adds them; Esc goes back to the search.", on: surface, in: area)
            return cursor
        }
        surface.put("Find:", at: area.origin, style: Style(.header), clip: area)
        let field = Rect(x: area.x + 6, y: area.y, width: min(60, area.width - 6), height: 1)
        query.draw(on: surface, in: field, focused: !whoFocusOnPeople)
        var cursor = whoFocusOnPeople ? nil : surface.cursor
        let peopleRows = min(draft.people.count, 5) + (draft.people.isEmpty ? 0 : 2)
        let listArea = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 3 - peopleRows)
        if matches.isEmpty {
            let text =
                query.text.isEmpty
                ? "Type any part of a name, a date of birth (14/3, 2019) or a postcode; matches appear as you type."
                : "No one on record matches “\(query.text)”. Ctrl-R adds someone new."
            surface.put(TextLayout.truncate(text, to: area.width), at: listArea.origin, style: Style(.dim), clip: area)
        }
        // One line per person; the highlighted one gets a second line with its family's services and why it matched.
        for (row, match) in matches.prefix(max(0, listArea.height - 2)).enumerated() {
            let selected = row == matchCursor && !whoFocusOnPeople
            let born = match.dateOfBirth?.british ?? "–"
            let level = match.highestLevel.map { "L\($0.rawValue)" } ?? "–"
            let text =
                "\(selected ? "▸" : " ") \(TextLayout.pad(match.personName, to: 26)) \(TextLayout.pad(born, to: 11))"
                + "\(TextLayout.pad(match.postcode, to: 9))\(TextLayout.pad(level, to: 4))\(openText(match))"
            surface.put(
                TextLayout.pad(TextLayout.truncate(text, to: area.width), to: area.width),
                at: Point(x: area.x, y: listArea.y + row), style: selected ? Style(.selected, [.reverse]) : .normal,
                clip: area)
        }
        if matches.indices.contains(matchCursor) && !whoFocusOnPeople {
            let match = matches[matchCursor]
            let lead = match.leadProfessional.map { " · lead professional: \($0)" } ?? ""
            let reasons = match.reasonText.isEmpty ? "in the family you started from" : match.reasonText
            let detail = "\(match.familyName) family\(lead) · matched: \(reasons)"
            surface.put(
                TextLayout.truncate(detail, to: area.width),
                at: Point(x: area.x, y: listArea.y + min(matches.count, max(0, listArea.height - 2))),
                style: Style(.dim), clip: area)
        }
        if !draft.people.isEmpty {
            let top = area.maxY - peopleRows
            let family = draft.familyName.isEmpty ? "" : " (\(draft.familyName) family)"
            surface.put(
                "On this contact\(family)", at: Point(x: area.x, y: top), style: Style(.header), clip: area)
            for (row, person) in draft.people.prefix(5).enumerated() {
                let selected = whoFocusOnPeople && row == peopleCursor
                let new = person.isNew ? "  (new: added when recorded)" : ""
                let text = "\(selected ? "▸" : " ") \(person.fullName) · \(describe(person, today: app.today))\(new)"
                let y = top + 1 + row
                surface.put(
                    TextLayout.pad(text, to: area.width), at: Point(x: area.x, y: y),
                    style: selected ? Style(.selected, [.reverse]) : .normal, clip: area)
                if selected { cursor = Point(x: area.x, y: y) }
            }
        }
        return cursor
    }

    /// "open to Bright Start, CAMHS", "open", or "closed".
    private func openText(_ match: PersonMatch) -> String {
        guard match.isOpen else { return "closed" }
        guard !match.openServices.isEmpty else { return "open" }
        return "open to " + match.openServices.map { ServiceNames.name($0) }.joined(separator: ", ")
    }

    private func describe(_ person: DraftPerson, today: CalendarDate) -> String {
        if person.role == .unbornChild {
            return "unborn" + (person.expectedDeliveryDate.map { ", due \($0.british)" } ?? "")
        }
        let age = person.dateOfBirth.map { "\($0.age(on: today)) years" } ?? "age not known"
        return "\(person.role.label.lowercased()), \(age)"
    }

    private func drawSaid(on surface: any Surface, in area: Rect, app: AppEnvironment) -> Point? {
        surface.put("What the caller said, in their words", at: area.origin, style: Style(.header), clip: area)
        let boxHeight = max(4, min(8, area.height / 3))
        let box = Rect(x: area.x, y: area.y + 1, width: area.width, height: boxHeight)
        surface.drawBox(box)
        words.draw(on: surface, in: box.inset(by: 1), focused: !saidFocusOnConcerns)
        var cursor = saidFocusOnConcerns ? nil : surface.cursor
        guard draft.people.indices.contains(concernPerson) else { return cursor }
        let person = draft.people[concernPerson]
        var y = box.maxY + 1
        let switcher = draft.people.count > 1 ? "‹ \(person.fullName) ›  (←/→ another person)" : person.fullName
        surface.put("Concerns for \(switcher)", at: Point(x: area.x, y: y), style: Style(.header), clip: area)
        y += 1
        let filter = concernFilter.isEmpty ? "type to narrow the list" : concernFilter
        surface.put(
            "Find: \(filter)", at: Point(x: area.x, y: y),
            style: concernFilter.isEmpty ? Style(.dim) : Style(.input), clip: area)
        if saidFocusOnConcerns { cursor = Point(x: area.x + 6 + DisplayWidth.of(concernFilter), y: y) }
        y += 1
        let shown = filteredConcerns
        let room = max(1, area.maxY - y)
        let first = max(0, min(concernCursor - room + 1, shown.count - room))
        for (offset, concern) in shown.dropFirst(first).prefix(room).enumerated() {
            let index = first + offset
            let ticked = person.concerns.contains(concern)
            let selected = saidFocusOnConcerns && index == concernCursor
            let text = "\(selected ? "▸" : " ") [\(ticked ? "x" : " ")] \(concern.label)"
            surface.put(
                TextLayout.pad(text, to: area.width), at: Point(x: area.x, y: y + offset),
                style: selected ? Style(.selected, [.reverse]) : (ticked ? Style(.normal, [.bold]) : .normal),
                clip: area)
            if selected { cursor = Point(x: area.x + 3, y: y + offset) }
        }
        return cursor
    }

    /// The concern vocabulary narrowed by what was typed (any word of the label, or the id, starting with it).
    var filteredConcerns: [Concern] {
        let typed = concernFilter.lowercased().trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return Concern.allCases }
        return Concern.allCases.filter { concern in
            concern.rawValue.hasPrefix(typed) || concern.label.lowercased().hasPrefix(typed)
                || concern.label.lowercased().split(separator: " ").contains { $0.hasPrefix(typed) }
        }
    }

    private func drawLevels(on surface: any Surface, in area: Rect, app: AppEnvironment) -> Point? {
        surface.put(
            "Level of need: suggestion from the concerns and indicators, and your decision", at: area.origin,
            style: Style(.header), clip: area)
        var y = area.y + 2
        var cursor: Point?
        for (index, decision) in draft.levels.enumerated() where y < area.maxY - 6 {
            let person = draft.people.first { $0.id == decision.person }
            let selected = index == levelPerson
            let suggested = decision.suggested.map { "suggested L\($0.rawValue)" } ?? "no suggestion"
            let line =
                "\(selected ? "▸" : " ") \(TextLayout.pad(person?.fullName ?? decision.person.rawValue, to: 22)) "
                + "\(TextLayout.pad(suggested, to: 14)) ‹ \(decision.level) ›"
                + (decision.overridesSuggestion ? " ≠ reason needed" : "")
            let focused = selected && levelFocus == .people
            surface.put(
                TextLayout.pad(line, to: area.width), at: Point(x: area.x, y: y),
                style: focused ? Style(.selected, [.reverse]) : (selected ? Style(.normal, [.bold]) : .normal),
                clip: area)
            if focused { cursor = Point(x: area.x, y: y) }
            y += 1
        }
        guard draft.levels.indices.contains(levelPerson),
            let person = draft.people.first(where: { $0.id == draft.levels[levelPerson].person })
        else { return cursor ?? area.origin }
        for reason in person.suggestion.reasons.prefix(2) where y < area.maxY - 6 {
            surface.put(
                TextLayout.truncate("    because: \(reason)", to: area.width), at: Point(x: area.x, y: y),
                style: Style(.dim), clip: area)
            y += 1
        }
        y += 1
        surface.put(
            "Threshold indicators for \(person.fullName)", at: Point(x: area.x, y: y),
            style: Style(levelFocus == .indicators ? .focus : .header), clip: area)
        y += 1
        let room = max(1, area.maxY - 3 - y)
        let all = LevelIndicator.allCases
        let first = max(0, min(indicatorCursor - room + 1, all.count - room))
        for (offset, indicator) in all.dropFirst(first).prefix(room).enumerated() {
            let index = first + offset
            let ticked = person.indicators.contains(indicator)
            let selected = levelFocus == .indicators && index == indicatorCursor
            let text =
                "\(selected ? "▸" : " ") [\(ticked ? "x" : " ")] L\(indicator.level.rawValue)  \(indicator.label)"
            surface.put(
                TextLayout.pad(text, to: area.width), at: Point(x: area.x, y: y + offset),
                style: selected ? Style(.selected, [.reverse]) : (ticked ? Style(.normal, [.bold]) : .normal),
                clip: area)
            if selected { cursor = Point(x: area.x + 3, y: y + offset) }
        }
        let reasonY = area.maxY - 2
        surface.put(
            "Reason for the decision:", at: Point(x: area.x, y: reasonY),
            style: Style(levelFocus == .reason ? .focus : .header), clip: area)
        levelReason.draw(
            on: surface, in: Rect(x: area.x + 25, y: reasonY, width: min(70, area.width - 25), height: 1),
            focused: levelFocus == .reason)
        if levelFocus == .reason { cursor = surface.cursor }
        drawNote("↑/↓ person · ←/→ level · Tab: indicators, then the reason · Ctrl-N to consent", on: surface, in: area)
        return cursor
    }

    private func drawRoute(on surface: any Surface, in area: Rect, app: AppEnvironment) -> Point? {
        if let closingReason {
            surface.put(
                "Close as advice given / no further action", at: area.origin, style: Style(.header, [.bold]),
                clip: area)
            surface.put(
                "Reason (required):", at: Point(x: area.x, y: area.y + 2), style: Style(.focus), clip: area)
            closingReason.draw(
                on: surface, in: Rect(x: area.x + 19, y: area.y + 2, width: min(70, area.width - 19), height: 1),
                focused: true)
            let cursor = surface.cursor
            drawNote("Enter records the contact with this reason; Esc goes back to the route.", on: surface, in: area)
            return cursor
        }
        guard let walk else { return area.origin }
        if let pending = walk.pendingQuestion {
            let about =
                pending.person.map { "About \(QuestionView.label($0, today: app.today))" } ?? "About the whole family"
            QuestionView(
                question: pending.question, heading: "The navigator needs one more answer · \(about)",
                selected: min(routeAnswer, pending.question.answers.count - 1)
            ).draw(on: surface, in: area)
            return surface.cursor
        }
        guard let result = walk.result else { return area.origin }
        var cards = OutcomeCards(result: result, situation: walk.situation, directory: app.pathways.directory)
        cards.footer = "Ctrl-O records the contact, referrals, levels and a case note together."
        routeTopClamp(cards.draw(on: surface, in: area, from: routeTopValue))
        return area.origin
    }

    // MARK: Typing and step keys

    /// A key for the field in focus on this step; false when the field has no use for it.
    func type(_ key: Key, app: AppEnvironment) -> Bool {
        switch draft.step {
        case .caller: return callerForm.handle(key).wasUsed
        case .consent: return consentForm.handle(key).wasUsed
        case .who:
            if var form = newPersonForm {
                let used = form.handle(key).wasUsed
                newPersonForm = form
                return used
            }
            guard !whoFocusOnPeople else { return false }
            let before = query.text
            guard query.handle(key) != .ignored else { return false }
            if query.text != before { refreshMatches(app: app) }
            return true
        case .said:
            guard saidFocusOnConcerns else {
                return words.handle(key, in: Rect(x: 0, y: 0, width: 76, height: 6)) != .ignored
            }
            switch key {
            case .character(let character): concernFilter.append(character)
            case .backspace: _ = concernFilter.popLast()
            default: return false
            }
            concernCursor = 0
            return true
        case .level: return levelFocus == .reason && levelReason.handle(key) != .ignored
        case .route:
            guard var field = closingReason else { return false }
            let used = field.handle(key) != .ignored
            closingReason = field
            return used
        }
    }

    func performInStep(_ action: Action, app: AppEnvironment) {
        switch (draft.step, action) {
        case (.caller, .nextField): callerForm.focus.focusNext(skipping: [])
        case (.caller, .previousField): callerForm.focus.focusPrevious(skipping: [])
        case (.consent, .nextField): consentForm.focus.focusNext(skipping: [])
        case (.consent, .previousField): consentForm.focus.focusPrevious(skipping: [])
        case (.who, _): performInWho(action, app: app)
        case (.said, .nextField):
            saidFocusOnConcerns.toggle()
            concernFilter = ""
        case (.said, .up): concernCursor = max(0, concernCursor - 1)
        case (.said, .down): concernCursor = min(filteredConcerns.count - 1, concernCursor + 1)
        case (.said, .right), (.said, .left):
            concernPerson = (concernPerson + 1) % max(1, draft.people.count)
        case (.said, .toggle): toggleConcern()
        case (.level, .up):
            if levelFocus == .indicators {
                indicatorCursor = max(0, indicatorCursor - 1)
            } else {
                selectLevelPerson(levelPerson - 1)
            }
        case (.level, .down):
            if levelFocus == .indicators {
                indicatorCursor = min(LevelIndicator.allCases.count - 1, indicatorCursor + 1)
            } else {
                selectLevelPerson(levelPerson + 1)
            }
        case (.level, .left): changeLevel(by: -1)
        case (.level, .right): changeLevel(by: 1)
        case (.level, .toggle): toggleIndicator()
        case (.level, .nextField):
            levelFocus = [.people: .indicators, .indicators: .reason, .reason: .people][levelFocus] ?? .people
        case (.route, .up): if walk?.isFinished == true { routeTopValue -= 1 } else { routeAnswer -= 1 }
        case (.route, .down): if walk?.isFinished == true { routeTopValue += 1 } else { routeAnswer += 1 }
        case (.route, .toggle): answerRoute(routeAnswer)
        case (.route, .answer(let number)): answerRoute(number - 1)
        case (.route, .back):
            guard !draft.navigatorAnswers.isEmpty else { return }
            draft.navigatorAnswers.removeLast()
            rebuildWalk(app: app)
        default: break
        }
    }

    private func answerRoute(_ index: Int) {
        guard var current = walk, let pending = current.pendingQuestion,
            pending.question.answers.indices.contains(index)
        else { return }
        let value = pending.question.answers[index].value
        guard (try? current.answer(value)) != nil else { return }
        draft.navigatorAnswers.append("\(TriageScreen.answerKey(pending))=\(value)")
        setWalk(current)
    }

    private func toggleIndicator() {
        guard draft.levels.indices.contains(levelPerson),
            let index = draft.people.firstIndex(where: { $0.id == draft.levels[levelPerson].person })
        else { return }
        let indicator = LevelIndicator.allCases[indicatorCursor]
        if let ticked = draft.people[index].indicators.firstIndex(of: indicator) {
            draft.people[index].indicators.remove(at: ticked)
        } else {
            draft.people[index].indicators.append(indicator)
        }
        settleLevels()
    }

    private func toggleConcern() {
        let shown = filteredConcerns
        guard draft.people.indices.contains(concernPerson), shown.indices.contains(concernCursor) else { return }
        let concern = shown[concernCursor]
        if let index = draft.people[concernPerson].concerns.firstIndex(of: concern) {
            draft.people[concernPerson].concerns.remove(at: index)
        } else {
            draft.people[concernPerson].concerns.append(concern)
        }
        concernFilter = ""
    }

    // MARK: Who

    private func performInWho(_ action: Action, app: AppEnvironment) {
        if var form = newPersonForm {
            switch action {
            case .nextField: form.focus.focusNext(skipping: [])
            case .previousField: form.focus.focusPrevious(skipping: [])
            case .addPerson:
                newPersonForm = form
                addNewPerson(app: app)
                return
            default: break
            }
            newPersonForm = form
            return
        }
        switch action {
        case .up:
            if whoFocusOnPeople {
                peopleCursor = max(0, peopleCursor - 1)
            } else {
                matchCursor = max(0, matchCursor - 1)
            }
        case .down:
            if whoFocusOnPeople {
                peopleCursor = min(draft.people.count - 1, peopleCursor + 1)
            } else {
                matchCursor = min(max(0, matches.count - 1), matchCursor + 1)
            }
        case .nextField:
            whoFocusOnPeople = !whoFocusOnPeople && !draft.people.isEmpty
            peopleCursor = 0
        case .removePerson:
            guard draft.people.indices.contains(peopleCursor) else { return }
            let removed = draft.people.remove(at: peopleCursor)
            draft.levels.removeAll { $0.person == removed.id }
            peopleCursor = max(0, min(peopleCursor, draft.people.count - 1))
            if draft.people.isEmpty {
                draft.family = nil
                draft.familyName = ""
                draft.newFamily = nil
                whoFocusOnPeople = false
            }
        case .addPerson, .addWholeFamily:
            guard matches.indices.contains(matchCursor) else {
                setProblem("Nothing to add: type part of a name, or Ctrl-R for someone new.")
                return
            }
            addFromStore(matches[matchCursor], wholeFamily: action == .addWholeFamily, app: app)
        case .newPerson:
            newPersonForm = FormFields([
                FormFields.text("given", "Given name", required: true, maxLength: 80),
                FormFields.text("family", "Family name", required: true, value: draft.familyName, maxLength: 80),
                FormFields.choice("role", "Who they are", options: PersonRole.allCases.map(\.label), chosen: 0),
                FormFields.text(
                    "date", "Date of birth, or due date", maxLength: 10,
                    placeholder: "DD/MM/YYYY (due date for an unborn baby)"),
            ])
            duplicateWarning = nil
        default: break
        }
    }

    private func addFromStore(_ match: PersonMatch, wholeFamily: Bool, app: AppEnvironment) {
        if let chosen = draft.family, chosen != match.familyID {
            setProblem(
                "This contact is about the \(draft.familyName) family; record a separate contact for the "
                    + "\(match.familyName) family.")
            return
        }
        if draft.newFamily != nil {
            setProblem("This contact is making a new family; take the new people off first to pick a known one.")
            return
        }
        guard let family = try? app.store.family(match.familyID) else {
            setProblem("The \(match.familyName) family could not be read.")
            return
        }
        draft.family = family.id
        draft.familyName = family.name
        let chosen = wholeFamily ? family.members : family.members.filter { $0.id == match.personID }
        for member in chosen where !draft.people.contains(where: { $0.id == member.id }) {
            draft.people.append(
                DraftPerson(
                    id: member.id, isNew: false, givenName: member.givenName, familyName: member.familyName,
                    role: member.role, dateOfBirth: member.dateOfBirth,
                    expectedDeliveryDate: member.expectedDeliveryDate))
        }
        try? app.store.recordViewed(family.id, by: app.practitioner)
    }

    private func addNewPerson(app: AppEnvironment) {
        guard var form = newPersonForm else { return }
        let given = form.text("given")
        let familyName = form.text("family")
        guard !given.isEmpty else { return refuseNewPerson(&form, "Give their given name.", at: "given") }
        guard !familyName.isEmpty else { return refuseNewPerson(&form, "Give their family name.", at: "family") }
        let role = PersonRole.allCases[form.chosen("role")]
        var born: CalendarDate?
        let dateText = form.text("date")
        if !dateText.isEmpty {
            do {
                born = try CalendarDate(parsing: dateText)
            } catch {
                return refuseNewPerson(&form, "\(error)", at: "date")
            }
        }
        if let born, role != .unbornChild, born > app.today {
            return refuseNewPerson(&form, "A date of birth cannot be in the future.", at: "date")
        }
        if let born, role == .unbornChild, born < app.today {
            return refuseNewPerson(&form, "A due date for an unborn baby must be today or later.", at: "date")
        }
        let person = Person(
            id: app.newID("P"), role: role, givenName: given, familyName: familyName,
            dateOfBirth: role == .unbornChild ? nil : born, expectedDeliveryDate: role == .unbornChild ? born : nil)
        // Warn once when they look like someone on record; a second Ctrl-O adds them anyway.
        if duplicateWarning == nil, role != .unbornChild,
            let lookalike = try? app.store.possibleDuplicates(of: person, postcode: nil, limit: 1).first
        {
            duplicateWarning =
                "Looks like \(lookalike.personName) of the \(lookalike.familyName) family "
                + "(\(lookalike.reasonText)). Esc and pick them from the matches, or Ctrl-O again to add anyway."
            newPersonForm = form
            return
        }
        if draft.family == nil && draft.newFamily == nil {
            draft.newFamily = NewFamilyDetails(name: familyName)
            draft.familyName = familyName
        }
        draft.people.append(
            DraftPerson(
                id: person.id, isNew: true, givenName: given, familyName: familyName, role: role,
                dateOfBirth: person.dateOfBirth, expectedDeliveryDate: person.expectedDeliveryDate))
        newPersonForm = nil
        duplicateWarning = nil
    }

    private func refuseNewPerson(_ form: inout FormFields, _ message: String, at field: String) {
        form.refuse(message, at: field)
        newPersonForm = form
    }

    private func refreshMatches(app: AppEnvironment) {
        matchCursor = 0
        let text = query.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            matches = []
            return
        }
        matches = (try? app.store.matchPeople(MatchQuery(text, today: app.today), limit: 8)) ?? []
    }

    // MARK: Levels

    /// One decision per person, defaulting to the suggestion from their concerns (or their level on record).
    func settleLevels() {
        var settled: [DraftLevel] = []
        for person in draft.people {
            let suggestion = person.suggestion.level
            if var existing = draft.levels.first(where: { $0.person == person.id }) {
                if !existing.overridesSuggestion || existing.suggested != suggestion {
                    existing.level = existing.overridesSuggestion ? existing.level : suggestion
                }
                existing.suggested = suggestion
                settled.append(existing)
            } else {
                settled.append(DraftLevel(person: person.id, level: suggestion, suggested: suggestion))
            }
        }
        draft.levels = settled
        selectLevelPerson(min(levelPerson, max(0, settled.count - 1)))
    }

    func selectLevelPerson(_ index: Int) {
        guard !draft.levels.isEmpty else { return }
        levelPerson = max(0, min(draft.levels.count - 1, index))
        levelReason = TextField(
            text: draft.levels[levelPerson].reason, maxLength: 300, placeholder: levelReason.placeholder)
    }

    private func changeLevel(by offset: Int) {
        guard draft.levels.indices.contains(levelPerson) else { return }
        let current = draft.levels[levelPerson].level.rawValue
        guard let level = NeedLevel(rawValue: max(1, min(4, current + offset))) else { return }
        draft.levels[levelPerson].level = level
    }
}
