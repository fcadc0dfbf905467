extension Situation {
    /// Checks the situation makes sense on `today`, reporting every problem by its field.
    ///
    /// Unknown facts (nil concerns, consent or level) are not problems: the
    /// walk asks for them. Impossible ones are: a negative age, a birth in the
    /// future, a child with no age at all.
    public func validate(today: CalendarDate) throws(SituationError) {
        var problems: [SituationProblem] = []
        func problem(_ field: String, _ message: String) {
            problems.append(SituationProblem(field: field, message: message))
        }
        if people.isEmpty { problem("people", "no people: name at least one person the contact is about") }
        var seen: Set<PersonID> = []
        for (index, person) in people.enumerated() {
            let field = "people[\(index)]"
            if person.id.rawValue.trimmingCharacters(in: .whitespaces).isEmpty {
                problem("\(field).id", "is empty")
            } else if !seen.insert(person.id).inserted {
                problem("\(field).id", "\"\(person.id)\" is used by another person")
            }
            if let age = person.age {
                if age < 0 { problem("\(field).age", "\(age) is negative") }
                if age > 120 { problem("\(field).age", "\(age) is not a plausible age") }
            }
            if let born = person.dateOfBirth, today < born {
                problem("\(field).dateOfBirth", "\(born.iso) is in the future")
            }
            if person.unborn {
                if person.role == .adult { problem("\(field).unborn", "an adult cannot be unborn") }
                if person.expectedDate == nil {
                    problem("\(field).expectedDate", "an unborn child needs an expectedDate")
                }
                if person.age != nil || person.dateOfBirth != nil {
                    problem("\(field).unborn", "an unborn child has no age or dateOfBirth")
                }
            } else if person.expectedDate != nil {
                problem("\(field).expectedDate", "only an unborn child has an expectedDate")
            }
            if person.pregnant && person.unborn { problem("\(field).pregnant", "an unborn child cannot be pregnant") }
            if person.consent != nil, !person.competent, person.role == .child,
                person.unborn || (person.age(on: today).map { $0 < 16 } ?? true)
            {
                problem(
                    "\(field).consent",
                    "a child under 16 consents for themselves only when judged competent: add \"competent\": true, "
                        + "or record the parents' consent")
            }
            if person.role == .child && !person.unborn && person.age == nil && person.dateOfBirth == nil {
                problem(field, "a child needs an age, a dateOfBirth, or unborn with an expectedDate")
            }
            if let age = person.age(on: today) {
                if person.role == .child && age > 25 {
                    problem(
                        "\(field).role", "\(age) is too old for children's services (up to 25 with SEND): use adult")
                }
                if person.role == .adult && age < 18 {
                    problem("\(field).role", "\(age) is under 18: record a young parent as a child")
                }
            }
        }
        if !problems.isEmpty { throw SituationError(problems) }
    }
}
