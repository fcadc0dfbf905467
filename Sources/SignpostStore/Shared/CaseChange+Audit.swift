import Foundation
import SignpostDomain

extension CaseChange {
    /// What the change did, in plain words for the audit trail.
    ///
    /// Updates list the fields that changed; a level change reads
    /// "level for Ava Quillfeather 2 → 3: reason".
    ///
    /// - Parameters:
    ///   - before: The family before the change (nil when it is being added).
    ///   - after: The family after the change.
    package func auditSummary(before: Family?, after: Family) -> String {
        func name(_ person: PersonID) -> String { after.member(person)?.fullName ?? person.rawValue }
        func names(_ people: [PersonID]) -> String {
            people.isEmpty ? "the whole family" : people.map(name).joined(separator: ", ")
        }
        switch self {
        case .addFamily(let family):
            let people = family.members.count == 1 ? "1 person" : "\(family.members.count) people"
            return "added family \(family.name) (\(family.id)) with \(people)"
        case .updateFamilyFields:
            guard let before else { return "updated family details" }
            let changed = FamilyDetails(of: before).changedFields(to: FamilyDetails(of: after))
            return changed.isEmpty
                ? "saved family details unchanged" : "updated family details: " + changed.joined(separator: "; ")
        case .addPerson(_, let person, let relationships):
            let related = relationships.isEmpty ? "" : " with \(relationships.count) relationship(s)"
            return "added \(person.fullName) (\(person.role.label.lowercased()))\(related)"
        case .updatePersonFields(_, let person, _):
            guard let old = before?.member(person), let new = after.member(person) else {
                return "updated \(name(person))"
            }
            var changed = old.changedFields(to: new)
            let oldRelationships = before?.relationshipsInvolving(person) ?? []
            if Set(oldRelationships) != Set(after.relationshipsInvolving(person)) { changed.append("relationships") }
            return changed.isEmpty
                ? "saved \(new.fullName) unchanged" : "updated \(new.fullName): " + changed.joined(separator: ", ")
        case .recordLevel(_, let person, let entry):
            let previous = before?.member(person)?.currentLevel
            let change = previous.map { "\($0.rawValue) → \(entry.level.rawValue)" } ?? "set to \(entry.level.rawValue)"
            let suggestion =
                entry.overrodeSuggestion ? " (suggested \(entry.suggestedLevel!.rawValue), overridden)" : ""
            let reason = entry.reason.isEmpty ? "" : ": \(entry.reason)"
            return "level for \(name(person)) \(change)\(suggestion)\(reason)"
        case .addCaseNote(_, let note):
            let flag = note.isSignificant ? " (significant event)" : ""
            let kind = note.kind == .other ? "case" : note.kind.label.lowercased()
            return "added a \(kind) note by \(note.author) about \(names(note.about))\(flag)"
        case .addContact(_, let contact):
            return
                "recorded a contact from \(contact.caller.summary) (\(contact.source.label)) about \(names(contact.about)): \(contact.outcome.label)"
        case .addReferral(_, let referral):
            return
                "referred \(names(referral.people)) to \(referral.service.displayName) (\(referral.urgency.label.lowercased()), \(referral.consent.label.lowercased()))"
        case .updateReferralStatus(_, let id, let status):
            let old = before?.referrals.first { $0.id == id }
            let service = old.map { " to \($0.service.displayName)" } ?? ""
            let from = old.map { "\($0.status) → " } ?? ""
            return "referral\(service) \(from)\(status)"
        case .recordConsent(_, let consent):
            return
                "recorded consent \(consent.decision) by \(consent.givenBy) on \(consent.givenOn.british): \(consent.scope)"
        case .withdrawConsent(_, let id, let date):
            let givenBy = after.consents.first { $0.id == id }.map { " given by \($0.givenBy)" } ?? ""
            return "consent\(givenBy) withdrawn on \(date.british)"
        case .openEpisode(_, let episode):
            return "opened a \(episode.service) episode on \(episode.openedOn.british)"
        case .closeEpisode(_, let id, let date, let reason):
            let service = after.episodes.first { $0.id == id }.map { " \($0.service.displayName)" } ?? ""
            return "closed the\(service) episode on \(date.british): \(reason.label)"
        case .saveAssessmentFields(_, let id, _):
            guard let assessment = after.assessments.first(where: { $0.id == id }) else {
                return "saved assessment \(id)"
            }
            let subject = name(assessment.subject)
            guard let old = before?.assessments.first(where: { $0.id == id }) else {
                if let source = assessment.importedFrom {
                    return "imported a \(assessment.status) assessment for \(subject) from \(source.summary)"
                }
                if let earlier = assessment.supersedes {
                    return
                        "started version \(assessment.versionNumber) of the assessment for \(subject) (from \(earlier), kept as it was)"
                }
                return "started a \(assessment.status) assessment for \(subject)"
            }
            let changed = old.changedFields(to: assessment)
            return changed.isEmpty
                ? "saved the assessment for \(subject) unchanged"
                : "updated the assessment for \(subject): " + changed.joined(separator: ", ")
        case .changeAddress, .addRelationship, .changeRelationship, .removeRelationship:
            return householdAuditSummary(before: before, after: after)
        case .recordReferralOutcome, .changeLeadProfessional, .recordMeeting:
            return caseworkAuditSummary(before: before, after: after)
        case .resolveConflict(let resolution):
            return resolutionSummary(resolution, after: after)
        case .amendCaseNote:
            return notesAuditSummary(before: before)
        case .mergeFamilies, .mergePeople, .undoMerge:
            return mergingAuditSummary(before: before, after: after)
        case .lifecycle(_, let change):
            return change.auditSummary(before: before, after: after)
        case .erasePerson:
            return erasureAuditSummary(before: before)
        case .decideRetention:
            return retentionAuditSummary()
        case .supportingFamilies(_, let change):
            return change.auditSummary(before: before, after: after)
        case .eraseFamily:
            return familyErasureAuditSummary(before: before)
        }
    }
}

extension FamilyDetails {
    fileprivate func changedFields(to new: FamilyDetails) -> [String] {
        var changed: [String] = []
        if name != new.name { changed.append("name \(name) → \(new.name)") }
        if address != new.address { changed.append("address \(address.singleLine) → \(new.address.singleLine)") }
        if locality != new.locality { changed.append("locality \(locality.label) → \(new.locality.label)") }
        if languages != new.languages { changed.append("languages") }
        if interpreterNeeded != new.interpreterNeeded { changed.append("interpreter needed") }
        if accessNotes != new.accessNotes { changed.append("access notes") }
        if leadProfessional != new.leadProfessional {
            changed.append(
                "lead professional \(leadProfessional?.name ?? "none") → \(new.leadProfessional?.name ?? "none")")
        }
        if teamAroundFamily != new.teamAroundFamily { changed.append("team around the family") }
        return changed
    }
}

extension Person {
    fileprivate func changedFields(to new: Person) -> [String] {
        let fields: [(String, Bool)] = [
            ("role", role != new.role), ("given name", givenName != new.givenName),
            ("family name", familyName != new.familyName), ("also known as", alsoKnownAs != new.alsoKnownAs),
            ("date of birth", dateOfBirth != new.dateOfBirth),
            ("expected delivery date", expectedDeliveryDate != new.expectedDeliveryDate),
            ("gender", gender != new.gender), ("ethnicity", ethnicity != new.ethnicity),
            ("first language", firstLanguage != new.firstLanguage), ("needs", needs != new.needs),
            ("parental responsibility", hasParentalResponsibility != new.hasParentalResponsibility),
            ("phone", phone != new.phone),
        ]
        return fields.filter(\.1).map(\.0)
    }
}

extension EarlyHelpAssessment {
    fileprivate func changedFields(to new: EarlyHelpAssessment) -> [String] {
        var changed: [String] = []
        if status != new.status { changed.append("status \(status) → \(new.status)") }
        let fields: [(String, Bool)] = [
            ("subject", subject != new.subject), ("started on", startedOn != new.startedOn),
            ("completed on", completedOn != new.completedOn), ("identifying details", identifying != new.identifying),
            ("parents and carers", parentsAndCarers != new.parentsAndCarers),
            ("people present", peoplePresent != new.peoplePresent),
            ("what led to the assessment", whatLedToAssessment != new.whatLedToAssessment),
            ("current situation", currentSituation != new.currentSituation), ("assessor", assessor != new.assessor),
            ("lead professional", leadProfessional != new.leadProfessional),
            ("services involved", servicesInvolved != new.servicesInvolved),
            ("consent to assess", consentToAssess != new.consentToAssess),
            ("services list", servicesList != new.servicesList),
            ("the child's views", childViews != new.childViews), ("the parent's views", parentViews != new.parentViews),
            ("elements", elements != new.elements),
            ("conclusions", conclusions != new.conclusions), ("actions", actions != new.actions),
            ("consent to share", consentToShare != new.consentToShare), ("reviews", reviews != new.reviews),
            ("closure", closure != new.closure),
        ]
        return changed + fields.filter(\.1).map(\.0)
    }
}
