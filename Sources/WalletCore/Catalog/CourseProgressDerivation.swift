import WalletAPI

/// A learner's progress per course and learning outcome, from their progress per activity: an
/// outcome's id is the activity id statements about it carry. Achieved means passed or completed.
///
/// ```swift
/// let courses = CourseProgressDerivation.derive(catalog: catalog, activities: ProgressDerivation.derive(from: statements))
/// ```
public enum CourseProgressDerivation {
    public static func derive(catalog: CourseCatalog, activities: [ActivityProgress]) -> [CourseProgress] {
        let byID = Dictionary(activities.map { ($0.activity, $0) }, uniquingKeysWith: { first, _ in first })
        return catalog.courses.map { course in
            let outcomes = course.learningOutcomes.map { outcome in
                let progress = byID[outcome.id]
                return OutcomeProgress(id: outcome.id, text: outcome.text, escoSkill: outcome.escoSkill, state: progress?.state ?? "not started",
                                       bestScaledScore: progress?.bestScaledScore, lastActivity: progress?.lastActivity)
            }
            return CourseProgress(course: course, outcomes: outcomes, achieved: outcomes.filter(\.isAchieved).count, total: outcomes.count)
        }
    }
}
