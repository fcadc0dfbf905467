/// Why a situation could not be read or used, with every problem named by its field.
///
/// ```text
/// people[0].concerns[1]: "sadness" is not a concern (see --list-concerns)
/// people[2]: a child needs an age, a dateOfBirth, or unborn with an expectedDate
/// ```
public struct SituationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, in the order they were found.
    public var problems: [SituationProblem]

    public init(_ problems: [SituationProblem]) { self.problems = problems }

    /// One line per problem.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// One problem with a situation: the field (`people[1].age`, or empty for the whole document) and what is wrong.
public struct SituationProblem: Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}
