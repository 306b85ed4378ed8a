import Credentials

extension WalletStore {
    /// The assessors the repository's trust list, as this PC last fetched it, registers with each
    /// awarding body; none before the first trust list (or when the kept one cannot be read), so
    /// no supervised outcome counts as achieved until one is here.
    ///
    /// ```swift
    /// let assessors = try store.registeredAssessors()
    /// let courses = CourseProgressDerivation.derive(catalog: catalog, statements: statements, learnerID: id,
    ///                                               learnerDID: did, assessors: assessors)
    /// ```
    public func registeredAssessors() throws -> [RegisteredAssessor] {
        guard let held = try trustList(), let trust = try? TrustListContent(json: held.list.json) else { return [] }
        return trust.registeredAssessors
    }
}
