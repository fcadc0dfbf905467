import Foundation

extension Family {
    /// The family's answer about early help as the record holds it on `today`, for the navigator.
    ///
    /// Given while a consent record is in force; refused when the latest decision on
    /// file is a refusal; otherwise unknown (nil), so the navigator asks.
    public func consentOnFile(on today: CalendarDate) -> SituationConsent? {
        if consents.contains(where: { $0.isInForce(on: today) }) { return .given }
        let latest = consents.filter { $0.givenOn <= today }.max { $0.givenOn < $1.givenOn }
        return latest?.decision == .refused && latest?.withdrawnOn == nil ? .refused : nil
    }
}
