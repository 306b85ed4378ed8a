extension TrustListContent {
    /// The listed assessors as `CourseEvidence` counts them: each with the name of the awarding
    /// body they are registered with (the list names bodies by DID). An assessor whose body the
    /// list does not name is registered with no body of it, and is left out.
    ///
    /// ```swift
    /// let registered = trust.registeredAssessors
    /// registered.contains(RegisteredAssessor(did: did, awardingBody: course.awardingBody.name))
    /// ```
    public var registeredAssessors: [RegisteredAssessor] {
        assessors.compactMap { assessor in
            awardingBody(did: assessor.awardingBody).map { RegisteredAssessor(did: assessor.did, awardingBody: $0.name) }
        }
    }
}
