import Catalog
import Credentials
import Foundation
import GRDB
import WalletAPI
import Basics

extension WalletStore {
    /// A page of the learner's progress per Activity, read from the kept tallies (`KeptProgress`):
    /// one row per Activity, whatever the number of statements. Ordered by activity id (its
    /// bytes), at most `limit` from the first id after `after`; `next` is the last id when more
    /// follow.
    ///
    /// ```swift
    /// let page = try store.progress(learnerID: ana.id, after: nil, limit: 100)
    /// ```
    public func progress(learnerID: String, after: String?, limit: Int) throws -> StorePage<ActivityProgress, String> {
        try readNow { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT activity_id, statements, completed, passed, failed, best_scaled, latest, name, name_moment
                FROM activity_tally WHERE learner_id = ? AND activity_id > ? ORDER BY activity_id LIMIT ?
                """), arguments: [learnerID, after ?? "", limit + 1])
            let page = Self.cut(rows, limit: limit) { $0["activity_id"] as String }
            return StorePage(items: page.rows.map { KeptProgress.tally(from: $0).progress(activity: $0["activity_id"]) }, next: page.next)
        }
    }

    /// The catalog this PC holds, parsed once per version; nil before the first sync brought one.
    public func catalog() throws -> (version: String, catalog: CourseCatalog)? {
        guard let version = try readNow({ db in try String.fetchOne(db, sql: "SELECT version FROM catalog WHERE singleton = 1") }) else {
            return nil
        }
        let catalog = try parsedDocuments.catalog(version: version) {
            guard let stored = try catalogJSON() else { throw StoredCatalogError(reason: "it went away while being read") }
            do {
                return try CourseCatalog.parse(Data(stored.json.utf8))
            } catch {
                throw StoredCatalogError(reason: "\(error)")
            }
        }
        return (version, catalog)
    }

    /// The learner's progress per course and outcome, by `CourseProgressDerivation`'s rule, from the
    /// kept tallies and evidence: a few indexed reads per outcome of the catalog, whatever the
    /// number of statements. Whether an attestation counts is decided here, with today's catalog,
    /// assessors and DID, so changes to those need no rewrite.
    ///
    /// ```swift
    /// let courses = try store.courseProgress(learnerID: ana.id, catalog: catalog, learnerDID: did,
    ///                                        assessors: try store.registeredAssessors())
    /// ```
    public func courseProgress(learnerID: String, catalog: CourseCatalog, learnerDID: String?,
                               assessors: [RegisteredAssessor]) throws -> [CourseProgress] {
        try readNow { db in
            var activities: [ActivityProgress] = []
            var seen = Set<String>()
            for course in catalog.courses {
                for outcome in course.learningOutcomes where seen.insert(outcome.id).inserted {
                    if let tally = try KeptProgress.tally(learnerID: learnerID, activityID: outcome.id, db: db) {
                        activities.append(tally.progress(activity: outcome.id))
                    }
                }
            }
            var failure: (any Error)?
            let courses = CourseProgressDerivation.derive(catalog: catalog, activities: activities) { course in
                do {
                    return try Self.satisfiedOutcomes(course: course, learnerID: learnerID, learnerDID: learnerDID, assessors: assessors, db: db)
                } catch {
                    failure = error
                    return [:]
                }
            }
            if let failure { throw failure }
            return courses
        }
    }

    /// `CourseEvidence.satisfiedOutcomes` over the kept evidence: the smallest qualifying
    /// statement per outcome, as that rule names it.
    static func satisfiedOutcomes(course: Course, learnerID: String, learnerDID: String?, assessors: [RegisteredAssessor],
                                  db: Database) throws -> [String: CourseEvidence.Evidence] {
        var found: [String: CourseEvidence.Evidence] = [:]
        switch course.assessment {
        case .selfAssessed:
            let smallest = try db.cachedStatement(sql: """
                SELECT MIN(statement_id) FROM outcome_evidence WHERE learner_id = ? AND outcome_id = ? AND kind = 0
                """)
            for outcome in course.learningOutcomes {
                if let id = try String.fetchOne(smallest, arguments: [learnerID, outcome.id]) { found[outcome.id] = .statement(id: id) }
            }
        case .supervised:
            let bodyAssessors = Set(assessors.filter { $0.awardingBody == course.awardingBody.name }.map(\.did))
            guard let learnerDID, !bodyAssessors.isEmpty else { return [:] }
            let attestations = try db.cachedStatement(sql: """
                SELECT statement_id, course_id, learner_did, assessor_did FROM outcome_evidence
                WHERE learner_id = ? AND outcome_id = ? AND kind = 1 AND course_id = ?
                """)
            for outcome in course.learningOutcomes {
                let rows = try Row.fetchCursor(attestations, arguments: [learnerID, outcome.id, course.id])
                while let row = try rows.next() {
                    let signed = CourseEvidence.SignedAttestation(outcome: outcome.id, course: row["course_id"], learnerDID: row["learner_did"],
                                                                  assessorDID: row["assessor_did"], statementID: row["statement_id"])
                    guard CourseEvidence.counts(signed, course: course, learnerDIDs: [learnerDID], assessors: bodyAssessors) else { continue }
                    let evidence = CourseEvidence.Evidence.attestation(statementID: signed.statementID, assessorDID: signed.assessorDID)
                    if let current = found[outcome.id], current <= evidence { continue }
                    found[outcome.id] = evidence
                }
            }
        }
        return found
    }
}

/// The catalog kept on this PC cannot be read: a damaged database, never user input. The next
/// sync replaces it.
public struct StoredCatalogError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "the stored course catalog cannot be read (\(reason)); the next sync replaces it" }
}
