import WalletAPI
import Catalog

/// A learner's progress per course and learning outcome, from their progress per xAPI activity:
/// an outcome's id is the activity id statements about it carry, so its progress is that
/// activity's (`ActivityProgress.state`; "not started" when there is none). An outcome is
/// achieved when it is passed or completed. Courses and outcomes keep catalog order; activities
/// that are no outcome of the catalog are left out. Pure.
///
/// ```swift
/// let activities = ProgressDerivation.derive(from: statements)
/// let courses = CourseProgressDerivation.derive(catalog: catalog, activities: activities)
/// ```
public enum CourseProgressDerivation {
    public static func derive(catalog: CourseCatalog, activities: [ActivityProgress]) -> [CourseProgress] {
        let byID = Dictionary(activities.map { ($0.activity, $0) }, uniquingKeysWith: { first, _ in first })
        return catalog.courses.map { course in
            let outcomes = course.learningOutcomes.map { outcome in
                let progress = byID[outcome.id]
                return OutcomeProgress(id: outcome.id, text: outcome.text, escoSkill: outcome.escoSkill,
                                       state: progress?.state ?? "not started",
                                       bestScaledScore: progress?.bestScaledScore, lastActivity: progress?.lastActivity)
            }
            return CourseProgress(course: course, outcomes: outcomes, achieved: outcomes.filter(\.isAchieved).count, total: outcomes.count)
        }
    }
}
