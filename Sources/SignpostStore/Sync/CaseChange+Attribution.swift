import Foundation
import SignpostDomain

extension CaseChange {
    /// The change with every "who recorded this" name in its records set to `login`.
    ///
    /// A change pulled from the team server was written by another laptop, whose records name the practitioner
    /// that laptop claimed (its OS login, a typo, or anyone a hostile client chose). The server knows who really
    /// pushed it: its authenticated login, ``ServerChange/author``. Stores apply pulled changes through this, so
    /// a colleague's chronology names the same person as the audit trail.
    ///
    /// Only fields that say who entered the record into the system change (a note's author, a contact's or level
    /// entry's recorder, an episode's opener, a referral's maker…), the ones the casework layer fills from its
    /// practitioner. Names that are part of the record stay as written: the lead professional, team members,
    /// meeting attendees, who gave consent, an assessment's assessor, a referral's service, people named in text,
    /// and imported partner data's original author. Changes that carry whole records (a new family or person,
    /// a merge and its undo) keep the history they bring. The switch has no `default`, so a new kind of change
    /// must decide here what it attributes.
    ///
    /// ```swift
    /// let pulled = CaseChange.addCaseNote(family: "F-0001", note)  // note.author == "the-director"
    /// pulled.attributed(to: "alex")  // .addCaseNote(family: "F-0001", note) with note.author == "alex"
    /// ```
    public func attributed(to login: String) -> CaseChange {
        switch self {
        case .addFamily, .updateFamilyFields, .addPerson, .updatePersonFields, .updateReferralStatus,
            .withdrawConsent, .closeEpisode, .saveAssessmentFields,
            .resolveConflict, .mergeFamilies, .mergePeople, .undoMerge, .erasePerson, .eraseFamily:
            return self
        case .recordLevel(let family, let person, var entry):
            entry.setBy = login
            return .recordLevel(family: family, person: person, entry)
        case .addCaseNote(let family, var note):
            note.author = login
            return .addCaseNote(family: family, note)
        case .addContact(let family, var contact):
            contact.recordedBy = login
            return .addContact(family: family, contact)
        case .addReferral(let family, var referral):
            referral.madeBy = login
            if referral.outcomeBy != nil { referral.outcomeBy = login }
            return .addReferral(family: family, referral)
        case .recordConsent(let family, var consent):
            consent.recordedBy = login
            return .recordConsent(family: family, consent)
        case .openEpisode(let family, var episode):
            if episode.openedBy != nil { episode.openedBy = login }
            if episode.closedBy != nil { episode.closedBy = login }
            return .openEpisode(family: family, episode)
        case .changeAddress(let family, var move):
            move.recordedBy = login
            return .changeAddress(family: family, move)
        case .addRelationship(let family, let relationship, let at, _):
            return .addRelationship(family: family, relationship, at: at, by: login)
        case .changeRelationship(let family, let relationship, let at, _):
            return .changeRelationship(family: family, relationship, at: at, by: login)
        case .removeRelationship(let family, let first, let second, let at, _):
            return .removeRelationship(family: family, between: first, and: second, at: at, by: login)
        case .recordReferralOutcome(let family, let referral, var outcome):
            outcome.recordedBy = login
            return .recordReferralOutcome(family: family, referral: referral, outcome)
        case .changeLeadProfessional(let family, var change):
            change.recordedBy = login
            return .changeLeadProfessional(family: family, change)
        case .recordMeeting(let family, var meeting):
            meeting.recordedBy = login
            return .recordMeeting(family: family, meeting)
        case .amendCaseNote(let family, let note, var amendment):
            amendment.by = login
            return .amendCaseNote(family: family, note: note, amendment)
        case .lifecycle(let family, let change):
            return .lifecycle(family: family, change.attributed(to: login))
        case .decideRetention(let family, var decision):
            decision.by = login
            return .decideRetention(family: family, decision)
        case .supportingFamilies(let family, let change):
            return .supportingFamilies(family: family, change.attributed(to: login))
        }
    }
}

extension LifecycleChange {
    /// The change with its recorder set to `login`; see ``CaseChange/attributed(to:)``.
    ///
    /// The team member added or removed keeps their name; only who recorded the change is replaced.
    ///
    /// ```swift
    /// LifecycleChange.resumeEpisode("E-1", on: day, reason: "back home", by: "root").attributed(to: "alex")
    /// ```
    public func attributed(to login: String) -> LifecycleChange {
        switch self {
        case .recordSocialCare(var record):
            record.recordedBy = login
            if record.endedBy != nil { record.endedBy = login }
            return .recordSocialCare(record)
        case .endSocialCare(let id, let day, let reason, _):
            return .endSocialCare(id, on: day, reason: reason, by: login)
        case .suspendEpisode(let id, var suspension):
            suspension.suspendedBy = login
            if suspension.resumedBy != nil { suspension.resumedBy = login }
            return .suspendEpisode(id, suspension)
        case .resumeEpisode(let id, let day, let reason, _):
            return .resumeEpisode(id, on: day, reason: reason, by: login)
        case .changeTeam(var change):
            change.recordedBy = login
            return .changeTeam(change)
        case .setAsideReferralOutcome(let referral, var outcome):
            outcome.recordedBy = login
            return .setAsideReferralOutcome(referral, outcome)
        }
    }
}

extension SupportingFamiliesChange {
    /// The change with its recorder set to `login`; see ``CaseChange/attributed(to:)``.
    ///
    /// A need identified with its outcome and check already recorded names `login` for all three.
    ///
    /// ```swift
    /// SupportingFamiliesChange.recordOutcome(.goodEducation, achievement).attributed(to: "alex")
    /// ```
    public func attributed(to login: String) -> SupportingFamiliesChange {
        switch self {
        case .identifyNeed(var need):
            need.identifiedBy = login
            need.achievement?.recordedBy = login
            need.check?.recordedBy = login
            return .identifyNeed(need)
        case .recordOutcome(let area, var achievement):
            achievement.recordedBy = login
            return .recordOutcome(area, achievement)
        case .recordCheck(let area, var check):
            check.recordedBy = login
            return .recordCheck(area, check)
        }
    }
}
