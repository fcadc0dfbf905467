import Foundation
import Testing

@testable import SignpostTerminal

@Suite("Choices, checkboxes, focus and tabs")
struct ControlTests {
    @Test("Choice list: move, choose with Space, submit with Enter")
    func choiceList() {
        var choice = ChoiceList(options: ["Yes", "No", "Not known"])
        let area = Rect(x: 0, y: 0, width: 20, height: 3)
        #expect(choice.chosen == nil)
        _ = choice.handle(.down, in: area)
        #expect(choice.handle(.character(" "), in: area) == .handled)
        #expect(choice.chosenOption == "No")
        _ = choice.handle(.down, in: area)
        #expect(choice.handle(.enter, in: area) == .submitted)
        #expect(choice.chosenOption == "Not known")
        #expect(choice.handle(.mouseClick(Point(x: 2, y: 0)), in: area) == .handled)
        #expect(choice.chosenOption == "Yes")
        let surface = MemorySurface(width: 20, height: 3)
        choice.draw(on: surface, in: area, focused: true)
        #expect(surface.lines() == ["(•) Yes", "( ) No", "( ) Not known"])
        #expect(surface.style(at: Point(x: 0, y: 0)) == Style(.focus))
        #expect(surface.cursor == Point(x: 1, y: 0))
    }

    @Test("Checkbox toggles with Space, Enter and a click on it")
    func checkbox() {
        var box = Checkbox("Consent given")
        let area = Rect(x: 0, y: 2, width: 20, height: 1)
        #expect(box.handle(.character(" ")) == .handled)
        #expect(box.isChecked)
        _ = box.handle(.enter)
        #expect(!box.isChecked)
        #expect(box.handle(.mouseClick(Point(x: 1, y: 2)), in: area) == .handled)
        #expect(box.isChecked)
        #expect(box.handle(.mouseClick(Point(x: 1, y: 3)), in: area) == .ignored)
        #expect(box.handle(.character("x")) == .ignored)
        let surface = MemorySurface(width: 20, height: 3)
        box.draw(on: surface, in: area, focused: false)
        #expect(surface.lines()[2] == "[x] Consent given")
    }

    @Test("Focus ring cycles with Tab and Shift-Tab")
    func focusRing() {
        var focus = FocusRing(count: 3)
        _ = focus.handle(.tab)
        _ = focus.handle(.tab)
        #expect(focus.focused == 2)
        _ = focus.handle(.tab)
        #expect(focus.focused == 0)
        _ = focus.handle(.backTab)
        #expect(focus.isFocused(2))
        #expect(focus.handle(.enter) == .ignored)
    }

    @Test("Tab bar switches with arrows and clicks and marks the current tab")
    func tabBar() {
        var tabs = TabBar(titles: ["Summary", "Notes", "Plan"])
        let area = Rect(x: 0, y: 0, width: 40, height: 1)
        _ = tabs.handle(.right, in: area)
        #expect(tabs.selected == 1)
        _ = tabs.handle(.left, in: area)
        _ = tabs.handle(.left, in: area)
        #expect(tabs.selected == 2)
        let surface = MemorySurface(width: 40, height: 1)
        tabs.draw(on: surface, in: area, focused: false)
        #expect(surface.lines() == ["  Summary     Notes   [ Plan ]"])
        #expect(tabs.handle(.mouseClick(Point(x: 14, y: 0)), in: area) == .handled)
        #expect(tabs.selected == 1)
    }
}

@Suite("Dialogs and toasts")
struct DialogTests {
    @Test("Confirm starts on No; y confirms, Esc declines, Enter presses the focused button")
    func confirm() {
        var dialog = Dialog.confirm(title: "Close case", message: "Close this case?")
        #expect(dialog.handle(.character("z")) == .handled)
        #expect(dialog.result == nil)
        #expect(dialog.handle(.enter) == .submitted)
        #expect(dialog.result == .declined)
        var second = Dialog.confirm(title: "Close case", message: "Close this case?")
        _ = second.handle(.left)
        _ = second.handle(.enter)
        #expect(second.result == .confirmed)
        var third = Dialog.confirm(title: "Close case", message: "Close this case?")
        _ = third.handle(.character("y"))
        #expect(third.result == .confirmed)
        var fourth = Dialog.confirm(title: "Close case", message: "Close this case?")
        _ = fourth.handle(.escape)
        #expect(fourth.result == .declined)
    }

    @Test("Dialog draws a centred box with the message and buttons")
    func drawing() {
        let dialog = Dialog.confirm(title: "Close case", message: "Close the case for 李娜?")
        let surface = MemorySurface(width: 40, height: 9)
        dialog.draw(on: surface, in: surface.bounds)
        let text = surface.lines()
        #expect(text[2].contains("┌─ Close case ─"))
        #expect(text[3].contains("Close the case for 李娜?"))
        #expect(text[5].contains("[ Yes ]  [ No ]"))
        let noX = text[5].firstIndex(of: "N").map { text[5][..<$0].displayWidth } ?? -1
        #expect(surface.cursor == Point(x: noX, y: 5))
    }

    @Test("Message dialog closes with Enter")
    func message() {
        var dialog = Dialog(title: "Saved", message: "The plan was saved.")
        #expect(dialog.handle(.enter) == .submitted)
        #expect(dialog.result == .dismissed)
    }

    @Test("Toasts show until they expire, with a word saying their kind")
    func toasts() {
        let start = Date(timeIntervalSince1970: 1_000)
        var queue = ToastQueue(duration: 3)
        queue.post("Plan saved", kind: .success, now: start)
        queue.post("Could not reach the printer", kind: .error, now: start.addingTimeInterval(1), duration: 10)
        #expect(queue.nextExpiry(after: start.addingTimeInterval(1)) == 2)
        let surface = MemorySurface(width: 40, height: 3)
        queue.draw(on: surface, in: surface.bounds, now: start.addingTimeInterval(2))
        #expect(surface.lines()[1].hasSuffix("Done: Plan saved"))
        #expect(surface.lines()[2].hasSuffix("Error: Could not reach the printer"))
        queue.removeExpired(now: start.addingTimeInterval(3))
        #expect(queue.toasts.map(\.message) == ["Could not reach the printer"])
        queue.removeExpired(now: start.addingTimeInterval(20))
        #expect(queue.toasts.isEmpty)
    }

    @Test("Too-small screen names the needed and actual size")
    func tooSmall() {
        let surface = MemorySurface(width: 60, height: 15)
        #expect(!surface.size.fits(TooSmallScreen.minimum))
        TooSmallScreen.draw(on: surface)
        #expect(surface.text().contains("Terminal too small: need 80×24, have 60×15"))
        #expect(Size(width: 80, height: 24).fits(TooSmallScreen.minimum))
    }
}

@Suite("Screen layout")
struct ScreenLayoutTests {
    @Test("The screen splits into title, body, status and hints")
    func layout() {
        let layout = ScreenLayout(size: Size(width: 80, height: 24))
        #expect(layout.title == Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(layout.body == Rect(x: 0, y: 1, width: 80, height: 21))
        #expect(layout.status == Rect(x: 0, y: 22, width: 80, height: 1))
        #expect(layout.hints == Rect(x: 0, y: 23, width: 80, height: 1))
    }

    @Test("Title bar puts the title left and the trailing text right, truncating the title")
    func titleBar() {
        let surface = MemorySurface(width: 30, height: 1)
        TitleBar.draw("Families with a very long title", trailing: "J. Smith", on: surface, in: surface.bounds)
        #expect(surface.lines() == [" Families with a v…  J. Smith"])
        #expect(surface.style(at: Point(x: 1, y: 0)) == Style(.banner, [.bold]))
        #expect(surface.style(at: Point(x: 29, y: 0)) == Style(.banner))
    }
}
