import Catalog
import Foundation
import Credentials
import GRDB
import WalletAPI
import Basics

extension WalletStore {
    /// Where the kept progress (`KeptProgress`) differs from a derivation from scratch over the
    /// learner's active statements, in words; empty when they agree. Compares every Activity's
    /// progress, and per course of `catalog` both the outcomes shown and the evidence each one
    /// counts, with `assessors` and the learner's DID. Reads all of the learner's statements, a
    /// thousand at a time: an admin's check (`walletd check`) and the tests', never a view's.
    ///
    /// ```swift
    /// let problems = try store.keptProgressDifferences(learnerID: ana.id, catalog: catalog, assessors: assessors)
    /// ```
    public func keptProgressDifferences(learnerID: String, catalog: CourseCatalog?, assessors: [RegisteredAssessor]) throws -> [String] {
        let learnerDID = try readNow { db in
            try Row.fetchOne(db, sql: "SELECT * FROM learner WHERE id = ?", arguments: [learnerID]).map(Self.learner(from:))
        }?.holderKey?.did
        let derivation = try derive(learnerID: learnerID, catalog: catalog, learnerDID: learnerDID, assessors: assessors)
        var problems: [String] = []
        var kept: [ActivityProgress] = []
        var after: String?
        repeat {
            let page = try progress(learnerID: learnerID, after: after, limit: 1_000)
            kept += page.items
            after = page.next
        } while after != nil
        let derived = derivation.activities
        if kept != derived {
            let keptByID = Dictionary(kept.map { ($0.activity, $0) }, uniquingKeysWith: { first, _ in first })
            let derivedByID = Dictionary(derived.map { ($0.activity, $0) }, uniquingKeysWith: { first, _ in first })
            for id in Set(keptByID.keys).union(derivedByID.keys).sorted() where keptByID[id] != derivedByID[id] {
                problems.append("learner \(learnerID), activity \(id): kept \(Self.describe(keptByID[id])), derived \(Self.describe(derivedByID[id]))")
            }
            if problems.isEmpty { problems.append("learner \(learnerID): the activities are kept in another order than derived") }
        }
        // Each tally's statements, from which a void re-tallies it.
        let miscounted = try readNow { db in
            try String.fetchAll(db, sql: """
                SELECT activity_id FROM activity_tally t WHERE learner_id = ?
                  AND statements != (SELECT COUNT(*) FROM tally_statement m WHERE m.tally_id = t.id)
                """, arguments: [learnerID])
        }
        for activity in miscounted {
            problems.append("learner \(learnerID), activity \(activity): the tally's statement list does not match its count")
        }
        guard let catalog else { return problems }
        try readNow { db in
            for course in catalog.courses {
                let keptEvidence = try Self.satisfiedOutcomes(course: course, learnerID: learnerID, learnerDID: learnerDID, assessors: assessors, db: db)
                let derivedEvidence = derivation.satisfied[course.id] ?? [:]
                if keptEvidence != derivedEvidence {
                    problems.append("learner \(learnerID), course \(course.id): kept evidence \(keptEvidence), derived \(derivedEvidence)")
                }
            }
        }
        let keptCourses = try courseProgress(learnerID: learnerID, catalog: catalog, learnerDID: learnerDID, assessors: assessors)
        let derivedCourses = CourseProgressDerivation.derive(catalog: catalog, activities: derived) { derivation.satisfied[$0.id] ?? [:] }
        for (keptCourse, derivedCourse) in zip(keptCourses, derivedCourses) where keptCourse != derivedCourse {
            problems.append("learner \(learnerID), course \(keptCourse.course.id): kept outcomes \(keptCourse.outcomes.map(\.state)), derived \(derivedCourse.outcomes.map(\.state))")
        }
        return problems
    }

    /// The reference derivation over every active statement of the learner, a chunk at a time so
    /// that a long history is never held whole: activities by `ProgressDerivation`, and per
    /// course the evidence `CourseEvidence.satisfiedOutcomes` finds in each chunk, the smallest
    /// kept (its rule names the smallest; voided and voiding statements are already left out).
    private func derive(learnerID: String, catalog: CourseCatalog?, learnerDID: String?,
                        assessors: [RegisteredAssessor]) throws -> (activities: [ActivityProgress], satisfied: [String: [String: CourseEvidence.Evidence]]) {
        try readNow { db in
            let rows = try String.fetchCursor(db, sql: Self.activeStatementsSQL, arguments: [learnerID])
            var activities = ProgressDerivation.Accumulator()
            var satisfied: [String: [String: CourseEvidence.Evidence]] = [:]
            var chunk: [JSONValue] = []
            func flush() {
                for course in catalog?.courses ?? [] {
                    let found = CourseEvidence.satisfiedOutcomes(course: course, statements: chunk, learnerID: learnerID,
                                                                 learnerDID: learnerDID, assessors: assessors)
                    satisfied[course.id, default: [:]].merge(found) { min($0, $1) }
                }
                chunk.removeAll(keepingCapacity: true)
            }
            while let json = try rows.next() {
                guard let statement = try? JSONValue(data: Data(json.utf8)) else { continue }
                activities.add(statement)
                chunk.append(statement)
                if chunk.count == 1_000 { flush() }
            }
            flush()
            return (activities.activities, satisfied)
        }
    }

    /// `keptProgressDifferences` for every learner on this PC, with the catalog and trust list it
    /// holds; nil when the database predates kept progress (the next walletd start builds it).
    public func keptProgressDifferences() throws -> [String]? {
        let hasTables = try readNow { db in try db.tableExists("activity_tally") }
        guard hasTables else { return nil }
        let catalog = try? catalog()?.catalog
        let assessors = try registeredAssessors()
        var problems: [String] = []
        for learnerID in try readNow({ db in try String.fetchAll(db, sql: "SELECT id FROM learner ORDER BY id") }) {
            problems += try keptProgressDifferences(learnerID: learnerID, catalog: catalog, assessors: assessors)
        }
        return problems
    }

    private static func describe(_ progress: ActivityProgress?) -> String {
        guard let progress else { return "nothing" }
        return "\(progress.state), \(progress.statementCount) statement(s), best \(progress.bestScaledScore.map { "\($0)" } ?? "none"), "
            + "last \(progress.lastActivity ?? "none"), name \(progress.name ?? "none")"
    }
}
