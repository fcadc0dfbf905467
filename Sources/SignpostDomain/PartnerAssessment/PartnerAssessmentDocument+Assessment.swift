import Foundation

extension PartnerAssessmentDocument {
    /// The document as a Signpost CAF of `subject`: every section as the partner wrote it, the partner's
    /// author as the assessor, and `source` saying where it came from.
    ///
    /// ```swift
    /// let caf = document.assessment(id: "A-9", subject: "P-2", source: source)
    /// caf.importedFrom?.organisation  // "Hillside Primary School"
    /// ```
    public func assessment(id: AssessmentID, subject: PersonID, source: PartnerAssessmentSource?)
        -> EarlyHelpAssessment
    {
        var identifying = IdentifyingDetails(
            givenName: child.givenName, familyName: child.familyName,
            alsoKnownAs: child.alsoKnownAs.joined(separator: ", "), gender: child.gender,
            dateOfBirth: child.dateOfBirth, expectedDeliveryDate: child.expectedDeliveryDate, address: child.address,
            postcode: child.postcode, phone: child.phone, reference: child.reference, religion: child.religion,
            ethnicity: child.ethnicity, immigrationStatus: child.immigrationStatus,
            firstLanguageOfChild: child.firstLanguage, firstLanguageOfParent: interpreter.firstLanguageOfParent,
            disability: child.disability, interpreterOrSignerNeeded: interpreter.needed,
            specialRequirements: child.specialRequirements)
        identifying.interpreterArranged = interpreter.arranged
        var assessment = EarlyHelpAssessment(
            id: id, subject: subject, status: status, startedOn: startedOn, completedOn: completedOn,
            identifying: identifying, parentsAndCarers: parentsAndCarers, peoplePresent: peoplePresent,
            whatLedToAssessment: whatLedToAssessment, currentSituation: currentSituation,
            assessor: Professional(
                name: writtenBy.author, role: writtenBy.role, organisation: writtenBy.organisation,
                phone: writtenBy.phone, email: writtenBy.email),
            leadProfessional: leadProfessional, elements: elements, conclusions: conclusions, actions: actions,
            consentToShare: consentToShare, reviews: reviews)
        assessment.services = servicesInvolved
        assessment.childViews = childViews
        assessment.parentViews = parentViews
        assessment.consentToAssess = consentToAssess
        assessment.importedFrom = source
        return assessment
    }

    /// The child as a new member of a family, for the matcher's duplicate check and a new family.
    public func childPerson(id: PersonID) -> Person {
        Person(
            id: id, role: child.dateOfBirth == nil && child.expectedDeliveryDate != nil ? .unbornChild : .child,
            givenName: child.givenName, familyName: child.familyName, alsoKnownAs: child.alsoKnownAs,
            dateOfBirth: child.dateOfBirth, expectedDeliveryDate: child.expectedDeliveryDate, gender: child.gender,
            ethnicity: child.ethnicity,
            firstLanguage: child.firstLanguage.isEmpty ? "English" : child.firstLanguage)
    }

    /// A new family holding the child, the parents and carers and the other people the document names, at the
    /// child's address: for a child the matcher does not find.
    ///
    /// A parent's or carer's name is split at its last space into first and family name; how each is related
    /// to the child is left to be recorded on the family's Members tab (the CAF keeps the relationship as written).
    ///
    /// - Parameters:
    ///   - newPersonID: makes the id of each member after the child.
    public func newFamily(
        id: FamilyID, childID: PersonID, newPersonID: () -> PersonID, locality: Locality, createdAt: Date
    ) -> Family {
        var members = [childPerson(id: childID)]
        for carer in parentsAndCarers {
            let words = carer.name.split(separator: " ").map(String.init)
            let family = words.count > 1 ? words.last! : child.familyName
            let given = words.count > 1 ? words.dropLast().joined(separator: " ") : carer.name
            members.append(
                Person(
                    id: newPersonID(), role: .parentOrCarer, givenName: given, familyName: family,
                    firstLanguage: interpreter.firstLanguageOfParent.isEmpty
                        ? "English" : interpreter.firstLanguageOfParent,
                    hasParentalResponsibility: carer.hasParentalResponsibility))
        }
        for other in otherPeople {
            members.append(
                Person(
                    id: newPersonID(), role: other.role, givenName: other.givenName,
                    familyName: other.familyName.isEmpty ? child.familyName : other.familyName,
                    dateOfBirth: other.role == .unbornChild ? nil : other.dateOfBirth,
                    expectedDeliveryDate: other.role == .unbornChild ? other.dateOfBirth : nil, gender: other.gender))
        }
        var languages = [child.firstLanguage, interpreter.firstLanguageOfParent].filter { !$0.isEmpty }
        languages = languages.reduce(into: []) { kept, language in if !kept.contains(language) { kept.append(language) }
        }
        return Family(
            id: id, name: child.familyName,
            address: Address(lines: child.address.isEmpty ? [] : [child.address], postcode: child.postcode),
            locality: locality, languages: languages.isEmpty ? ["English"] : languages,
            interpreterNeeded: interpreter.needed, members: members, createdAt: createdAt)
    }
}
