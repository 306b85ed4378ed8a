import Credentials
import Foundation
import WalletAPI
import Catalog
import Basics

/// The xAPI statement that carries an assessor's signed attestation into the learner's record:
/// actor the learner, verb passed or failed, object the learning outcome's activity,
/// `context.instructor` the assessor, `result.extensions` the signed `OutcomeAttestation`. Being a
/// statement, it is immutable and syncs exactly like the learner's own.
///
/// ```swift
/// let statement = AttestationStatement.make(id: UUID(), attestation: signed, learner: ana, assessor: bo,
///                                          course: course, outcome: outcome, passed: true, score: 0.9, timestamp: now)
/// ```
public enum AttestationStatement {
    public static func make(id: UUID, attestation: JSONValue, learner: (id: String, name: String), assessor: (id: String, name: String),
                            course: Course, outcome: LearningOutcome, passed: Bool, score: Double?, timestamp: String) -> JSONValue {
        func agent(_ who: (id: String, name: String)) -> JSONValue { XAPI.learnerAgent(id: who.id, name: who.name) }
        let verb = passed ? "passed" : "failed"
        var result: [String: JSONValue] = [
            "success": .bool(passed),
            "extensions": .object([OutcomeAttestation.attestationExtension: attestation]),
        ]
        if let score { result["score"] = ["scaled": .number(score)] }
        return .object([
            "id": .string(id.uuidString.lowercased()),
            "actor": agent(learner),
            "verb": ["id": .string(XAPI.verbs[verb] ?? "http://adlnet.gov/expapi/verbs/\(verb)"), "display": ["en-US": .string(verb)]],
            "object": ["objectType": "Activity", "id": .string(outcome.id),
                       "definition": ["name": .object([course.language: .string(outcome.text)])]],
            "result": .object(result),
            "context": [
                "instructor": agent(assessor),
                "contextActivities": ["parent": [["objectType": "Activity", "id": .string(course.id)]]],
            ],
            "timestamp": .string(timestamp),
        ])
    }
}
