/// Why a pathways file was refused: every problem found, each with where it is.
///
/// ```text
/// my.json: nodes[7] "age-band": answers[2].next "nowhere" is not a node
/// my.json: nodes[9] "camhs": is not reachable from the start "immediate-danger"
/// ```
public struct PathwaysError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file or name the pathways came from, shown before each problem.
    public var source: String
    /// Every problem found, in file order.
    public var problems: [PathwaysProblem]

    public init(source: String, problems: [PathwaysProblem]) {
        self.source = source
        self.problems = problems
    }

    /// One line per problem, each starting with the source.
    public var description: String { problems.map { "\(source): \($0)" }.joined(separator: "\n") }
}

/// One problem in a pathways file: where (`nodes[7] "age-band"`) and what is wrong.
public struct PathwaysProblem: Hashable, Sendable, CustomStringConvertible {
    /// Where in the file: `nodes[7] "age-band"`, `services[2] "csct"`, `start`, or empty for the whole file.
    public var location: String
    public var message: String

    public init(location: String, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}
