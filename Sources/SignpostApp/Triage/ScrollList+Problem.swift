import SignpostTerminal

extension ScrollList {
    /// Draws the list, or in its place the reason it could not be read.
    func draw(orProblem problem: String?, on surface: any Surface, in area: Rect) {
        guard let problem else { return draw(on: surface, in: area, focused: true) }
        surface.put(problem, at: area.origin, style: Style(.error), clip: area)
    }
}
