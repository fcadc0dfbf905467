import SignpostDomain
import SignpostTerminal

/// One navigator question on screen: a heading, the question, numbered answers, and why it is asked.
///
/// The highlighted answer is marked with `▸` as well as reversed, and the
/// hardware cursor sits on it, so a screen reader follows the choice.
struct QuestionView {
    let question: PathwayQuestion
    let heading: String
    let selected: Int

    func draw(on surface: any Surface, in area: Rect) {
        var y = area.y
        surface.put(heading, at: Point(x: area.x, y: y), style: Style(.dim), clip: area)
        y += 2
        for line in TextLayout.wrap(question.text, width: area.width) where y < area.maxY {
            surface.put(line, at: Point(x: area.x, y: y), style: Style(.title, [.bold]), clip: area)
            y += 1
        }
        y += 1
        var cursor = Point(x: area.x, y: y)
        for (index, answer) in question.answers.enumerated() where y < area.maxY {
            let isSelected = index == selected
            let text = "\(isSelected ? "▸" : " ") \(index + 1)  \(answer.label)"
            surface.put(
                TextLayout.pad(text, to: area.width), at: Point(x: area.x, y: y),
                style: isSelected ? Style(.selected, [.reverse]) : .normal, clip: area)
            if isSelected { cursor = Point(x: area.x, y: y) }
            y += 1
        }
        y += 1
        if y < area.maxY - 1 {
            surface.put("Why this is asked", at: Point(x: area.x, y: y), style: Style(.header), clip: area)
            y += 1
            for line in TextLayout.wrap(question.help, width: area.width - 2) where y < area.maxY {
                surface.put(line, at: Point(x: area.x + 2, y: y), style: Style(.dim), clip: area)
                y += 1
            }
        }
        surface.cursor = cursor
    }

    /// "Ava Quillfeather (3)", "Baby (unborn)": a person as a question's heading names them.
    static func label(_ person: SituationPerson, today: CalendarDate) -> String {
        if person.unborn { return "\(person.displayName) (unborn)" }
        if let age = person.age(on: today) { return "\(person.displayName) (\(age))" }
        return person.displayName
    }
}
