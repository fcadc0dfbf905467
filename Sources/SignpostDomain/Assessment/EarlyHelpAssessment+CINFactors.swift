extension EarlyHelpAssessment {
    /// The factors recorded, in census order (none while nothing is recorded).
    ///
    /// The census asks for the factors identified at the *end* of the assessment, so a
    /// completed assessment with none recorded is a gap in the return; the practitioner
    /// records them (or "21 No factors identified") on the assessment's census factors screen.
    ///
    /// ```swift
    /// caf.factorsIdentified = [.domesticAbuseParent]
    /// caf.recordedFactors  // [.domesticAbuseParent]
    /// ```
    public var recordedFactors: [CINFactor] { (factorsIdentified ?? []).sorted() }

    /// True when the assessment is complete (or later) and records no census factor.
    public var lacksCensusFactors: Bool { completedOn != nil && (factorsIdentified ?? []).isEmpty }
}
