import WalletAPI
import Basics

/// Statements for validator tests, and a small way to change one property deep inside one.
enum XAPIStatementSamples {
    static let agent: JSONValue = ["objectType": "Agent", "name": "Ana", "mbox": "mailto:ana@example.org"]
    static let verb: JSONValue = ["id": "http://adlnet.gov/expapi/verbs/completed", "display": ["en-US": "completed"]]
    static let activity: JSONValue = ["objectType": "Activity", "id": "https://example.org/courses/welding/unit-1"]

    /// The smallest valid statement: actor, verb, object.
    static let minimal: JSONValue = ["actor": agent, "verb": verb, "object": activity]

    /// A statement that uses every property a 2.0 statement can have.
    static let full: JSONValue = [
        "id": "6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
        "actor": agent,
        "verb": verb,
        "object": [
            "objectType": "Activity",
            "id": "https://example.org/courses/welding/quiz-1",
            "definition": [
                "name": ["en-US": "Quiz 1", "fr-CA": "Questionnaire 1"],
                "description": ["en": "Safety questions"],
                "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                "moreInfo": "https://example.org/courses/welding/quiz-1/info",
                "interactionType": "choice",
                "correctResponsesPattern": ["a[,]c"],
                "choices": [
                    ["id": "a", "description": ["en": "Gloves"]],
                    ["id": "b", "description": ["en": "Sandals"]],
                    ["id": "c", "description": ["en": "Goggles"]],
                ],
                "extensions": ["https://example.org/ext/difficulty": 3],
            ],
        ],
        "result": [
            "score": ["scaled": 0.75, "raw": 75, "min": 0, "max": 100],
            "success": true,
            "completion": true,
            "response": "a[,]c",
            "duration": "PT12M30.5S",
            "extensions": ["https://example.org/ext/attempt": 2],
        ],
        "context": [
            "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
            "instructor": ["objectType": "Agent", "account": ["homePage": "https://lms.example.org", "name": "t-17"]],
            "team": ["objectType": "Group", "name": "Team A", "member": [agent]],
            "contextActivities": [
                "parent": [["id": "https://example.org/courses/welding"]],
                "grouping": ["id": "https://example.org/programmes/metalwork"],
                "category": [["id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"]],
                "other": [],
            ],
            "contextAgents": [
                [
                    "objectType": "contextAgent",
                    "agent": ["mbox": "mailto:assessor@example.org"],
                    "relevantTypes": ["https://example.org/roles/assessor"],
                ]
            ],
            "contextGroups": [
                [
                    "objectType": "contextGroup",
                    "group": ["objectType": "Group", "member": [agent]],
                    "relevantTypes": ["https://example.org/roles/cohort"],
                ]
            ],
            "revision": "2024-r2",
            "platform": "Learner Wallet",
            "language": "en-GB",
            "statement": ["objectType": "StatementRef", "id": "8f87ccde-bb56-4c2e-ab83-44982ef22df0"],
            "extensions": ["https://example.org/ext/centre": "Lyon"],
        ],
        "timestamp": "2024-05-18T05:32:34.804+02:00",
        "stored": "2024-05-18T03:32:35.000Z",
        "authority": ["objectType": "Agent", "account": ["homePage": "https://learner-wallet.invalid/learners", "name": "ana"]],
        "version": "2.0.0",
        "attachments": [
            [
                "usageType": "http://adlnet.gov/expapi/attachments/certificate",
                "display": ["en-US": "Certificate"],
                "description": ["en-US": "Welding safety certificate"],
                "contentType": "application/pdf",
                "length": 12345,
                "sha2": "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a",
                "fileUrl": "https://example.org/certificates/ana.pdf",
            ]
        ],
    ]
}

extension JSONValue {
    /// A copy with the value at `path` replaced, or removed when `value` is nil. The path uses
    /// the validator's notation: `context.contextActivities.parent[0].id`. Missing objects on the
    /// way are created.
    func setting(_ path: String, to value: JSONValue?) -> JSONValue {
        var steps: [PathStep] = []
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while let open = name.lastIndex(of: "["), name.last == "]" {
                indices.insert(Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) ?? 0, at: 0)
                name = name[..<open]
            }
            steps.append(.key(String(name)))
            steps += indices.map(PathStep.index)
        }
        return replacing(steps[...], with: value) ?? .null
    }

    private enum PathStep { case key(String), index(Int) }

    private func replacing(_ steps: ArraySlice<PathStep>, with value: JSONValue?) -> JSONValue? {
        guard let step = steps.first else { return value }
        let rest = steps.dropFirst()
        switch step {
        case .key(let key):
            var object = objectValue ?? [:]
            object[key] = (object[key] ?? .object([:])).replacing(rest, with: value)
            return .object(object)
        case .index(let index):
            var array = arrayValue ?? []
            guard array.indices.contains(index) else { return self }
            if let replaced = array[index].replacing(rest, with: value) {
                array[index] = replaced
            } else {
                array.remove(at: index)
            }
            return .array(array)
        }
    }
}
