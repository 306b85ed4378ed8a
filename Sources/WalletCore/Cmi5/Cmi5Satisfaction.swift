/// Which blocks and which course of a registration are satisfied (cmi5 9.3.9): a block when every
/// AU in it meets its moveOn, the course when every AU of the course does. NotApplicable AUs meet
/// theirs from the start (9.6.1). Pure; the store writes a satisfied statement for each object
/// this names that has none yet in the registration.
///
/// ```swift
/// let facts = ["https://example.org/au/1": Cmi5Satisfaction.UnitFacts(completed: true, passed: true)]
/// Cmi5Satisfaction.satisfied(course, facts: facts)   // [(generated block or course id, isCourse)]
/// ```
public enum Cmi5Satisfaction {
    /// What a registration holds for one AU: a completed, a passed statement (not voided).
    public struct UnitFacts: Sendable, Equatable {
        public var completed: Bool
        public var passed: Bool
        public init(completed: Bool = false, passed: Bool = false) {
            self.completed = completed
            self.passed = passed
        }
    }

    public struct Object: Sendable, Equatable, Hashable {
        /// The generated activity id (`Cmi5ActivityIDs.block` / `.course`).
        public var activityID: String
        public var isCourse: Bool
    }

    /// `facts` by the AU's publisher id. Blocks first, then the course, as 9.3.9 lists them.
    public static func satisfied(_ course: Cmi5Course, facts: [String: UnitFacts]) -> [Object] {
        func met(_ unitID: String) -> Bool {
            guard let unit = course.unit(id: unitID) else { return false }
            let fact = facts[unitID] ?? UnitFacts()
            return unit.moveOn.isMet(completed: fact.completed, passed: fact.passed)
        }
        var objects: [Object] = []
        for block in course.blocks where !block.unitIDs.isEmpty && block.unitIDs.allSatisfy(met) {
            objects.append(Object(activityID: Cmi5ActivityIDs.block(block.id, course: course.id), isCourse: false))
        }
        if !course.units.isEmpty, course.units.allSatisfy({ met($0.id) }) {
            objects.append(Object(activityID: Cmi5ActivityIDs.course(course.id), isCourse: true))
        }
        return objects
    }
}
