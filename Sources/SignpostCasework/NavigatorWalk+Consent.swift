import SignpostDomain

extension NavigatorWalk {
    /// The family's consent to early help as the practitioner answered it during this walk, if they did.
    ///
    /// The walk keeps answers apart from its situation, so a consent given in
    /// answer to "Has the family agreed to early help?" is found here, not in
    /// `situation.consent`.
    public var answeredConsent: SituationConsent? {
        for step in steps.reversed() where step.source == .practitioner {
            guard case .question(let question)? = pathways[node: step.node], question.fact == .consent else { continue }
            return SituationConsent(rawValue: step.value)
        }
        return nil
    }

    /// The walk's situation with the consent the practitioner answered: what the outcome cards and the
    /// stored referrals must both show.
    ///
    /// ```swift
    /// let cards = OutcomeCards(result: result, situation: walk.situationAsAnswered, directory: directory)
    /// ```
    public var situationAsAnswered: Situation {
        var situation = self.situation
        if let answeredConsent { situation.consent = answeredConsent }
        return situation
    }
}
