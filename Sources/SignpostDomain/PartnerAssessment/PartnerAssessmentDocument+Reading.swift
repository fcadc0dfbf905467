import Foundation

extension PartnerAssessmentDocument {
    /// Reads and checks a `signpost-caf/1` document.
    ///
    /// Every problem is listed with its JSON path, not only the first: a missing required field, a value of
    /// the wrong type, a date that is not `YYYY-MM-DD` or does not exist, a code not in the format's lists,
    /// an unknown field (usually a misspelt one), text or a list past its limit, a document past
    /// ``sizeLimit``. Control characters and characters that reorder text are removed from every text and
    /// noted, so nothing read can reach a terminal raw.
    ///
    /// ```swift
    /// let reading = PartnerAssessmentDocument.read(Data(#"{"format": "signpost-caf/1"}"#.utf8))
    /// reading.problems.first?.description  // "$.writtenBy: required; missing"
    /// ```
    public static func read(_ data: Data) -> PartnerAssessmentReading {
        guard data.count <= sizeLimit else {
            return PartnerAssessmentReading(
                document: nil,
                problems: [
                    PartnerAssessmentProblem(
                        path: "$",
                        message: "the document is \(data.count >> 10) KB; the limit is \(sizeLimit >> 10) KB")
                ], notes: [])
        }
        let root: PartnerJSON
        do {
            root = try JSONDecoder().decode(PartnerJSON.self, from: data)
        } catch {
            let detail: String
            switch error as? DecodingError {
            case .dataCorrupted(let context): detail = context.debugDescription
            default: detail = "it could not be read"
            }
            return PartnerAssessmentReading(
                document: nil,
                problems: [
                    PartnerAssessmentProblem(path: "$", message: "not a JSON document (\(detail.prefix(160)))")
                ], notes: [])
        }
        var reader = PartnerReader()
        let document = reader.document(root)
        return PartnerAssessmentReading(
            document: reader.problems.isEmpty ? document : nil, problems: reader.problems, notes: reader.notes)
    }
}

/// A JSON value as it was written, so that each problem can be named by where it is.
indirect enum PartnerJSON: Decodable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([PartnerJSON])
    case object([String: PartnerJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([PartnerJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: PartnerJSON].self))
        }
    }

    /// "text", "a number": what was found where something else was expected.
    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "true or false"
        case .number: return "a number"
        case .string: return "text"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

/// One JSON object being read, with its path.
struct PartnerObject {
    var values: [String: PartnerJSON]
    var path: String

    func path(_ key: String) -> String { "\(path).\(key)" }

    /// The value at `key`, with null read as absent.
    subscript(key: String) -> PartnerJSON? {
        guard let value = values[key] else { return nil }
        if case .null = value { return nil }
        return value
    }
}

/// Reads a partner's document field by field, collecting every problem and note with its path.
struct PartnerReader {
    var problems: [PartnerAssessmentProblem] = []
    var notes: [PartnerAssessmentProblem] = []

    /// A name, a code, a phone number: one line.
    static let shortTextLimit = 200
    /// Evidence, conclusions, views: paragraphs.
    static let longTextLimit = 20_000
    /// People, actions, services, agencies, reviews.
    static let listLimit = 100

    mutating func problem(_ path: String, _ message: String) {
        problems.append(PartnerAssessmentProblem(path: path, message: message))
    }

    // MARK: The document

    mutating func document(_ root: PartnerJSON) -> PartnerAssessmentDocument? {
        guard
            let top = object(
                root, at: "$",
                keys: [
                    "format", "writtenBy", "child", "parentsAndCarers", "otherPeople", "assessment",
                    "leadProfessional", "views", "consent", "servicesInvolved", "interpreter",
                ])
        else { return nil }
        let format = text(top, "format", required: true)
        if !format.isEmpty && format != PartnerAssessmentDocument.currentFormat {
            // Nothing else is read: another version's fields may mean other things.
            problem(
                top.path("format"),
                "“\(format)” is not a format this Signpost reads; it reads \(PartnerAssessmentDocument.currentFormat)")
            return nil
        }
        let author = writtenBy(top)
        let child = child(top)
        let carers = objects(top, "parentsAndCarers", keys: ParentKeys.all).map { carer in
            ParentCarerDetails(
                name: text(carer, "name", required: true), relationship: text(carer, "relationship", required: true),
                address: text(carer, "address"), phone: text(carer, "phone"),
                hasParentalResponsibility: bool(carer, "hasParentalResponsibility") ?? false)
        }
        let others = objects(
            top, "otherPeople", keys: ["givenName", "familyName", "role", "dateOfBirth", "gender"]
        ).map { person in
            PartnerPerson(
                givenName: text(person, "givenName", required: true), familyName: text(person, "familyName"),
                role: code(person, "role", PersonRole.self, required: true) ?? .otherAdult,
                dateOfBirth: date(person, "dateOfBirth"), gender: code(person, "gender", Gender.self) ?? .notKnown)
        }
        let lead = object(top, "leadProfessional", keys: ["name", "role", "organisation", "phone", "email"]).map {
            Professional(
                name: text($0, "name", required: true), role: text($0, "role", required: true),
                organisation: text($0, "organisation", required: true), phone: text($0, "phone"),
                email: text($0, "email"))
        }
        let views = object(top, "views", keys: ["child", "parent"])
        let consent = object(top, "consent", keys: ["toAssess", "toShare"])
        let toAssess = consent.flatMap { self.consent($0, "toAssess") }
        let toShare = consent.flatMap { self.consent($0, "toShare") }
        let services = texts(top, "servicesInvolved")
        let interpreter = object(top, "interpreter", keys: ["needed", "arranged", "firstLanguageOfParent"])
        let section = object(
            top, "assessment", required: true,
            keys: [
                "status", "startedOn", "completedOn", "peoplePresent", "whatLedToAssessment", "currentSituation",
                "elements", "conclusions", "actions", "reviews",
            ])
        // Every part is read, whatever else is wrong, so that every problem is listed at once.
        let childViews = views.flatMap { optionalText($0, "child", long: true) }
        let parentViews = views.flatMap { optionalText($0, "parent", long: true) }
        let interpreterNeeded = interpreter.flatMap { bool($0, "needed", required: true) } ?? false
        let interpreterArranged = interpreter.flatMap { bool($0, "arranged") }
        let parentLanguage = interpreter.map { text($0, "firstLanguageOfParent") } ?? ""
        guard let section else { return nil }
        let status = code(section, "status", AssessmentStatus.self) ?? .draft
        if status == .reviewed || status == .closed {
            problem(section.path("status"), "a partner's assessment is imported as draft or complete, not \(status)")
        }
        let startedOn = date(section, "startedOn", required: true)
        let completedOn = date(section, "completedOn")
        if status == .complete && completedOn == nil && section["completedOn"] == nil {
            problem(section.path("completedOn"), "required when the status is complete; missing")
        }
        if let startedOn, let completedOn, completedOn < startedOn {
            problem(section.path("completedOn"), "\(completedOn.iso) is before startedOn (\(startedOn.iso))")
        }
        if let startedOn, let author, author.writtenOn < startedOn {
            problem(
                "$.writtenBy.writtenOn", "\(author.writtenOn.iso) is before the assessment started (\(startedOn.iso))")
        }
        if let born = child?.dateOfBirth, let author, born > author.writtenOn {
            problem("$.child.dateOfBirth", "\(born.iso) is after the assessment was written (\(author.writtenOn.iso))")
        }
        let elements = elements(section)
        let actions = objects(section, "actions", keys: ["who", "what", "byWhen", "done"]).map { action in
            AssessmentAction(
                who: text(action, "who", required: true), what: text(action, "what", required: true, long: true),
                byWhen: date(action, "byWhen"), isDone: bool(action, "done") ?? false)
        }
        let reviews = objects(section, "reviews", keys: ["dueOn", "heldOn", "notes"]).compactMap { review in
            let due = date(review, "dueOn", required: true)
            let held = date(review, "heldOn")
            let notes = text(review, "notes", long: true)
            return due.map { AssessmentReview(dueOn: $0, heldOn: held, notes: notes) }
        }
        if reviews.contains(where: { $0.heldOn != nil }) {
            problem(
                section.path("reviews"),
                "a review already held belongs to a CAF in Signpost; give only the next review date")
        }
        let peoplePresent = text(section, "peoplePresent", long: true)
        let whatLed = text(section, "whatLedToAssessment", long: true)
        let situation = text(section, "currentSituation", long: true)
        let conclusions = text(section, "conclusions", long: true)
        guard let author, let child, let startedOn else { return nil }
        var document = PartnerAssessmentDocument(
            writtenBy: author, child: child, parentsAndCarers: carers, otherPeople: others,
            status: status == .complete ? .complete : .draft, startedOn: startedOn,
            completedOn: status == .complete ? completedOn : nil, peoplePresent: peoplePresent,
            whatLedToAssessment: whatLed, currentSituation: situation, leadProfessional: lead,
            elements: elements, conclusions: conclusions, actions: actions, childViews: childViews,
            parentViews: parentViews, consentToAssess: toAssess, consentToShare: toShare ?? ConsentToShare(),
            servicesInvolved: services,
            interpreter: PartnerInterpreter(
                needed: interpreterNeeded, arranged: interpreterArranged, firstLanguageOfParent: parentLanguage),
            reviews: reviews)
        if document.status == .complete {
            let missing = document.assessment(id: "check", subject: "check", source: nil).missingRequiredFields()
            if !missing.isEmpty {
                document.status = .draft
                document.completedOn = nil
                notes.append(
                    PartnerAssessmentProblem(
                        path: "$.assessment.status",
                        message:
                            "marked complete, but \(missing.count) field\(missing.count == 1 ? " the CAF requires is" : "s the CAF requires are") "
                            + "missing (\(missing.map(\.label).joined(separator: "; "))): it will be saved as a draft"))
            }
        }
        return document
    }

    private enum ParentKeys {
        static let all = ["name", "relationship", "address", "phone", "hasParentalResponsibility"]
    }

    private mutating func writtenBy(_ top: PartnerObject) -> PartnerAuthor? {
        guard
            let by = object(
                top, "writtenBy", required: true,
                keys: ["organisation", "author", "role", "phone", "email", "writtenOn"])
        else { return nil }
        let organisation = text(by, "organisation", required: true)
        let author = text(by, "author", required: true)
        let role = text(by, "role", required: true)
        let phone = text(by, "phone")
        let email = text(by, "email")
        guard let writtenOn = date(by, "writtenOn", required: true) else { return nil }
        return PartnerAuthor(
            organisation: organisation, author: author, role: role, phone: phone, email: email, writtenOn: writtenOn)
    }

    private mutating func child(_ top: PartnerObject) -> PartnerChild? {
        guard
            let child = object(
                top, "child", required: true,
                keys: [
                    "givenName", "familyName", "alsoKnownAs", "gender", "dateOfBirth", "expectedDeliveryDate",
                    "ethnicity", "address", "postcode", "phone", "reference", "religion", "immigrationStatus",
                    "firstLanguage", "disability", "specialRequirements", "locality",
                ])
        else { return nil }
        let read = PartnerChild(
            givenName: text(child, "givenName", required: true), familyName: text(child, "familyName", required: true),
            alsoKnownAs: texts(child, "alsoKnownAs"), gender: code(child, "gender", Gender.self) ?? .notKnown,
            dateOfBirth: date(child, "dateOfBirth"), expectedDeliveryDate: date(child, "expectedDeliveryDate"),
            ethnicity: code(child, "ethnicity", Ethnicity.self), address: text(child, "address"),
            postcode: text(child, "postcode").uppercased(), phone: text(child, "phone"),
            reference: text(child, "reference"), religion: text(child, "religion"),
            immigrationStatus: text(child, "immigrationStatus"), firstLanguage: text(child, "firstLanguage"),
            disability: text(child, "disability", long: true),
            specialRequirements: text(child, "specialRequirements", long: true),
            locality: code(child, "locality", Locality.self))
        if child["dateOfBirth"] == nil && child["expectedDeliveryDate"] == nil {
            // The matcher needs a date to be sure of a child; an unborn baby has the expected date instead.
            problem(child.path("dateOfBirth"), "required (or expectedDeliveryDate for an unborn baby); missing")
        }
        if !read.postcode.isEmpty && !Self.looksLikePostcode(read.postcode) {
            problem(child.path("postcode"), "“\(read.postcode)” is not a UK postcode (such as N7 8ZZ)")
        }
        return read
    }

    /// A whole UK postcode, with or without its space.
    static func looksLikePostcode(_ text: String) -> Bool {
        let compact = text.replacingOccurrences(of: " ", with: "")
        guard (5...7).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return false }
        let inward = Array(compact.suffix(3))
        let outward = Array(compact.dropLast(3))
        return inward[0].isNumber && inward[1].isLetter && inward[2].isLetter && outward[0].isLetter
            && outward.contains(where: \.isNumber)
    }

    private mutating func elements(_ section: PartnerObject) -> [AssessmentElement: ElementAssessment] {
        guard let value = section["elements"] else { return [:] }
        guard case .object(let entries) = value else {
            problem(section.path("elements"), "should be an object keyed by element code, found \(value.kind)")
            return [:]
        }
        var elements: [AssessmentElement: ElementAssessment] = [:]
        for key in entries.keys.sorted() {
            let path = section.path("elements") + "." + key
            guard let element = AssessmentElement(rawValue: key) else {
                problem(
                    path,
                    "not an element of the CAF; the elements are "
                        + AssessmentElement.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            guard let entry = object(entries[key] ?? .null, at: path, keys: ["rating", "evidence"]) else { continue }
            let rating = code(entry, "rating", ElementRating.self, required: true) ?? .notAssessed
            elements[element] = ElementAssessment(rating: rating, evidence: text(entry, "evidence", long: true))
        }
        return elements
    }

    private mutating func consent(_ consent: PartnerObject, _ key: String) -> ConsentToShare? {
        guard let entry = object(consent, key, keys: ["decision", "givenBy", "givenOn", "agencies"]) else {
            return nil
        }
        let decision = code(entry, "decision", ConsentStatus.self, required: true) ?? .notAsked
        let givenBy = text(entry, "givenBy")
        let givenOn = date(entry, "givenOn")
        if decision == .given || decision == .refused {
            if givenBy.isEmpty { problem(entry.path("givenBy"), "required when consent is \(decision); missing") }
            if givenOn == nil && entry["givenOn"] == nil {
                problem(entry.path("givenOn"), "required when consent is \(decision); missing")
            }
        }
        let agencies = texts(entry, "agencies")
        return ConsentToShare(
            decision: decision, givenBy: givenBy, givenOn: givenOn, agencies: agencies.isEmpty ? nil : agencies)
    }

    // MARK: Values

    /// The object `value` at `path`, reporting keys it does not know.
    mutating func object(_ value: PartnerJSON, at path: String, keys: [String]) -> PartnerObject? {
        guard case .object(let values) = value else {
            problem(path, "should be an object, found \(value.kind)")
            return nil
        }
        for key in values.keys.sorted() where !keys.contains(key) {
            problem(
                "\(path).\(Self.shown(key))",
                "not a field of \(PartnerAssessmentDocument.currentFormat) here (misspelt?)")
        }
        return PartnerObject(values: values, path: path)
    }

    mutating func object(_ parent: PartnerObject, _ key: String, required: Bool = false, keys: [String])
        -> PartnerObject?
    {
        guard let value = parent[key] else {
            if required { problem(parent.path(key), "required; missing") }
            return nil
        }
        return object(value, at: parent.path(key), keys: keys)
    }

    mutating func objects(_ parent: PartnerObject, _ key: String, keys: [String]) -> [PartnerObject] {
        guard let items = list(parent, key) else { return [] }
        return items.enumerated().compactMap { index, item in
            object(item, at: "\(parent.path(key))[\(index)]", keys: keys)
        }
    }

    private mutating func list(_ parent: PartnerObject, _ key: String) -> [PartnerJSON]? {
        guard let value = parent[key] else { return nil }
        guard case .array(let items) = value else {
            problem(parent.path(key), "should be a list, found \(value.kind)")
            return nil
        }
        guard items.count <= Self.listLimit else {
            problem(parent.path(key), "has \(items.count) entries; the limit is \(Self.listLimit)")
            return nil
        }
        return items
    }

    /// One line of text (or, `long`, paragraphs), cleaned; "" when absent.
    mutating func text(_ parent: PartnerObject, _ key: String, required: Bool = false, long: Bool = false) -> String {
        let earlier = problems.count
        let read = optionalText(parent, key, long: long) ?? ""
        // A value of the wrong type or too long is already a problem; only an absent or empty one is reported here.
        if required && read.isEmpty && problems.count == earlier {
            problem(parent.path(key), parent[key] == nil ? "required; missing" : "required; empty")
        }
        return read
    }

    mutating func optionalText(_ parent: PartnerObject, _ key: String, long: Bool) -> String? {
        guard let value = parent[key] else { return nil }
        return string(value, at: parent.path(key), long: long)
    }

    private mutating func string(_ value: PartnerJSON, at path: String, long: Bool) -> String? {
        guard case .string(let raw) = value else {
            problem(path, "should be text, found \(value.kind)")
            return nil
        }
        let (cleaned, removed) = Self.clean(raw, long: long)
        if removed > 0 {
            notes.append(
                PartnerAssessmentProblem(
                    path: path,
                    message: "\(removed) control or hidden character\(removed == 1 ? "" : "s") removed from the text"))
        }
        let limit = long ? Self.longTextLimit : Self.shortTextLimit
        guard cleaned.count <= limit else {
            problem(path, "is \(cleaned.count) characters; the limit is \(limit)")
            return nil
        }
        return cleaned
    }

    /// A list of one-line texts, empty ones left out.
    mutating func texts(_ parent: PartnerObject, _ key: String) -> [String] {
        guard let items = list(parent, key) else { return [] }
        return items.enumerated().compactMap { index, item in
            string(item, at: "\(parent.path(key))[\(index)]", long: false).flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    mutating func bool(_ parent: PartnerObject, _ key: String, required: Bool = false) -> Bool? {
        guard let value = parent[key] else {
            if required { problem(parent.path(key), "required; missing") }
            return nil
        }
        guard case .bool(let flag) = value else {
            problem(parent.path(key), "should be true or false, found \(value.kind)")
            return nil
        }
        return flag
    }

    /// A date written `YYYY-MM-DD`, as JSON Schema's `date` format.
    mutating func date(_ parent: PartnerObject, _ key: String, required: Bool = false) -> CalendarDate? {
        guard let value = parent[key] else {
            if required { problem(parent.path(key), "required; missing") }
            return nil
        }
        guard case .string(let raw) = value else {
            problem(parent.path(key), "should be a date as text (YYYY-MM-DD), found \(value.kind)")
            return nil
        }
        let shape =
            raw.count == 10
            && raw.enumerated().allSatisfy { index, character in
                index == 4 || index == 7 ? character == "-" : character.isASCII && character.isNumber
            }
        guard shape, let date = try? CalendarDate(iso: raw) else {
            problem(
                parent.path(key),
                shape
                    ? "“\(raw)” is not a date in the calendar" : "“\(Self.shown(raw))” is not a date written YYYY-MM-DD"
            )
            return nil
        }
        return date
    }

    /// A value from one of the format's code lists.
    mutating func code<Code: RawRepresentable & CaseIterable>(
        _ parent: PartnerObject, _ key: String, _ type: Code.Type, required: Bool = false
    ) -> Code? where Code.RawValue == String {
        guard let value = parent[key] else {
            if required { problem(parent.path(key), "required; missing") }
            return nil
        }
        guard case .string(let raw) = value else {
            problem(parent.path(key), "should be a code as text, found \(value.kind)")
            return nil
        }
        guard let code = Code(rawValue: raw) else {
            problem(
                parent.path(key),
                "“\(Self.shown(raw))” is not one of: \(Code.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return code
    }

    // MARK: Cleaning text

    /// `text` without control characters and characters that reorder or hide text, and how many were removed.
    ///
    /// Paragraphs keep their line breaks (CR LF and CR become LF) and tabs; a one-line text has them as spaces.
    static func clean(_ text: String, long: Bool) -> (String, removed: Int) {
        var scalars = String.UnicodeScalarView()
        var removed = 0
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for scalar in normalised.unicodeScalars {
            if scalar == "\n" || scalar == "\t" {
                scalars.append(long ? scalar : " ")
            } else if scalar.properties.generalCategory == .control || hides(scalar) {
                removed += 1
            } else {
                scalars.append(scalar)
            }
        }
        return (String(scalars).trimmingCharacters(in: .whitespacesAndNewlines), removed)
    }

    /// The bidirectional marks, embeddings, overrides and isolates, and the invisible characters, that could
    /// pass one name off as another (as the terminal's `visible` shows them).
    private static func hides(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0x180E, 0x2060...0x2064, 0xFEFF:
            return true
        default: return false
        }
    }

    /// A key or value as it may be quoted in a problem: cleaned and cut short.
    static func shown(_ text: String) -> String {
        let cleaned = clean(text, long: false).0
        return cleaned.count > 40 ? String(cleaned.prefix(40)) + "…" : cleaned
    }
}
