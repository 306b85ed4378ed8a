import DaemonKit
import WalletCore

extension LearnerInput {
    /// A new PIN (`pin change`, `pin reset`) checked as at learner creation, as the API's 400
    /// `invalid_pin` answer.
    ///
    /// ```swift
    /// try LearnerInput.requireNewPIN(input.newPin)
    /// ```
    static func requireNewPIN(_ pin: String) throws(APIError) {
        do {
            try validatePIN(pin)
        } catch .pin(let message) {
            throw APIError.badRequest("The new PIN: \(message)", code: .invalidPIN)
        } catch {
            throw APIError.badRequest("The new PIN cannot be used.", code: .invalidPIN)
        }
    }
}
