import Credentials
import WalletAPI
import Catalog
import Basics

/// A learner's progress per course and learning outcome. Whether an outcome is achieved is
/// `CourseEvidence`'s rule, the one the repository issues credentials by: on a self-assessed
/// course, the learner's own passed or completed statement; on a supervised course, only a valid
/// attestation by an assessor registered with the course's awarding body (on a PC: by the
/// repository's trust list; with none yet, nothing supervised is achieved). The rest an outcome
/// shows — best score, last activity, and its state until it is achieved — is the progress of the
/// xAPI activity of the same id (`ProgressDerivation`). A supervised outcome the learner passed or
/// completed on their own is "awaiting assessment". Courses and outcomes keep catalog order;
/// activities that are no outcome of the catalog are left out. Pure.
///
/// ```swift
/// let courses = CourseProgressDerivation.derive(catalog: catalog, statements: statements, learnerID: ana.id,
///                                               learnerDID: ana.holderKey?.did, assessors: try store.registeredAssessors())
/// let open = courses.flatMap(\.outcomes).filter { !$0.isAchieved }
/// ```
public enum CourseProgressDerivation {
    /// `statements` are the learner's non-voided ones; `assessors`, those registered with the
    /// catalog's awarding bodies.
    public static func derive(catalog: CourseCatalog, statements: [JSONValue], learnerID: String, learnerDID: String?,
                              assessors: [RegisteredAssessor]) -> [CourseProgress] {
        derive(catalog: catalog, activities: ProgressDerivation.derive(from: statements)) { course in
            CourseEvidence.satisfiedOutcomes(course: course, statements: statements, learnerID: learnerID, learnerDID: learnerDID,
                                             assessors: assessors)
        }
    }

    /// Every outcome not started: the catalog as shown without a learner.
    public static func withoutProgress(catalog: CourseCatalog) -> [CourseProgress] {
        derive(catalog: catalog, activities: []) { _ in [:] }
    }

    static func derive(catalog: CourseCatalog, activities: [ActivityProgress],
                       satisfied: (Course) -> [String: CourseEvidence.Evidence]) -> [CourseProgress] {
        let byID = Dictionary(activities.map { ($0.activity, $0) }, uniquingKeysWith: { first, _ in first })
        return catalog.courses.map { course in
            let achieved = satisfied(course)
            let outcomes = course.learningOutcomes.map { outcome in
                let progress = byID[outcome.id]
                return OutcomeProgress(id: outcome.id, text: outcome.text, escoSkill: outcome.escoSkill,
                                       state: state(of: progress, achieved: achieved[outcome.id] != nil, assessment: course.assessment),
                                       bestScaledScore: progress?.bestScaledScore, lastActivity: progress?.lastActivity)
            }
            return CourseProgress(course: course, outcomes: outcomes, achieved: outcomes.filter(\.isAchieved).count, total: outcomes.count)
        }
    }

    /// The outcome's word, which says achieved (passed or completed) exactly when the rule does.
    static func state(of activity: ActivityProgress?, achieved: Bool, assessment: AssessmentType) -> String {
        let shown = activity?.state ?? "not started"
        let claimed = shown == "passed" || shown == "completed"
        switch (achieved, assessment) {
        case (true, .supervised): return "passed"   // what the assessor signed
        case (true, .selfAssessed): return claimed ? shown : "completed"
        case (false, .supervised): return claimed ? OutcomeProgress.awaitingAssessment : shown
        // Passed only in statements the rule does not count (another learner's, say).
        case (false, .selfAssessed): return claimed ? "attempted" : shown
        }
    }
}
