import Foundation
import WalletAPI

/// Turns what the person typed (an id, or a display name in any letter case) into one learner.
enum LearnerResolver {
    static func resolve(_ input: String, among learners: [LearnerSummary]) throws(CLIError) -> LearnerSummary {
        let wanted = input.trimmingCharacters(in: .whitespaces)
        if let byId = learners.first(where: { $0.id.caseInsensitiveCompare(wanted) == .orderedSame }) {
            return byId
        }
        let byName = learners.filter { $0.name.caseInsensitiveCompare(wanted) == .orderedSame }
        switch byName.count {
        case 1:
            return byName[0]
        case 0:
            throw CLIError(
                .notFound,
                "no learner with the id or name \"\(wanted)\". See `wallet-cli learner list`, or create one with `wallet-cli learner add --name \(Shell.quoted(wanted))`."
            )
        default:
            let ids = byName.map(\.id).joined(separator: ", ")
            throw CLIError(.usage, "\(byName.count) learners are named \"\(wanted)\" (ids \(ids)). Log in with the id instead.")
        }
    }
}
