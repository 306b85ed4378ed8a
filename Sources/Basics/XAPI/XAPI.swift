/// Header names and versions of the xAPI Statement API, shared by the daemon and its clients.
///
/// ```swift
/// request.headers[XAPI.versionHeader] = XAPI.currentVersion
/// ```
public enum XAPI {
    public static let versionHeader = "X-Experience-API-Version"
    public static let consistentThroughHeader = "X-Experience-API-Consistent-Through"
    public static let currentVersion = "2.0.0"
    /// Statements with attachment data (Communication 1.5.2): request bodies and `attachments=true` answers.
    public static let multipartMediaType = "multipart/mixed"
    /// Versions a request may name. 1.0.x requests are served with 1.0.3 rules.
    public static let acceptedVersions: Set<String> = ["2.0.0", "2.0", "1.0.3", "1.0.2", "1.0.1", "1.0.0", "1.0"]

    /// The ADL verb IRIs this project gives meaning to, defined once: progress, issuance,
    /// voiding and `wallet-cli record` all name them from here.
    public enum Verb {
        public static let attempted = "http://adlnet.gov/expapi/verbs/attempted"
        public static let completed = "http://adlnet.gov/expapi/verbs/completed"
        public static let passed = "http://adlnet.gov/expapi/verbs/passed"
        public static let failed = "http://adlnet.gov/expapi/verbs/failed"
        public static let progressed = "http://adlnet.gov/expapi/verbs/progressed"
        public static let experienced = "http://adlnet.gov/expapi/verbs/experienced"
        public static let voided = "http://adlnet.gov/expapi/verbs/voided"
    }

    /// The ADL verbs `wallet-cli record` offers, by their short name.
    public static let verbs: [String: String] = [
        "attempted": Verb.attempted, "completed": Verb.completed, "passed": Verb.passed, "failed": Verb.failed,
        "progressed": Verb.progressed, "experienced": Verb.experienced, "voided": Verb.voided,
    ]
    /// The homePage of the `account` that identifies a wallet learner in statements.
    public static let learnerAccountHomePage = "https://learner-wallet.invalid/learners"

    /// The Agent that names a wallet learner (or assessor) in statements: their account on this
    /// wallet, so that an id never has to be an email address.
    public static func learnerAgent(id: String, name: String) -> JSONValue {
        ["objectType": "Agent", "name": .string(name), "account": ["homePage": .string(learnerAccountHomePage), "name": .string(id)]]
    }
}
