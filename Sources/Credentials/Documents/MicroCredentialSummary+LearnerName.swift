extension MicroCredentialSummary {
    /// What a page or a terminal says after the learner's name, so nobody takes a name the learner
    /// wrote themselves for one an assessor checked.
    public static let nameNotChecked = "name given by the learner, not checked"

    /// Whether an assessor checked the learner's identity behind `learnerName`.
    public var learnerNameIsChecked: Bool { identity != nil }

    /// "identity checked by Bo Berg: photo ID", or `nameNotChecked`; nil when the credential names
    /// no one.
    ///
    /// ```swift
    /// print("\(summary.learnerName ?? "not named") — \(summary.learnerNameSource ?? "")")
    /// ```
    public var learnerNameSource: String? {
        guard learnerName != nil else { return nil }
        guard let identity else { return Self.nameNotChecked }
        let who = identity.verifierName ?? identity.verifiedBy ?? "the assessor"
        return "identity checked by \(who): \(identity.identityCheck)"
    }

    /// "Ana Pereira (identity checked by Bo Berg: photo ID)" or "Ana Sousa (name given by the learner, not checked)".
    public var learnerNameWithSource: String? {
        guard let learnerName, let source = learnerNameSource else { return nil }
        return "\(learnerName) (\(source))"
    }
}
