/// Header names and versions of the xAPI Statement API, shared by the daemon and its clients.
///
/// ```swift
/// request.headers[XAPI.versionHeader] = XAPI.currentVersion
/// ```
public enum XAPI {
    public static let versionHeader = "X-Experience-API-Version"
    public static let consistentThroughHeader = "X-Experience-API-Consistent-Through"
    public static let currentVersion = "2.0.0"
    /// Versions a request may name. 1.0.x requests are served with 1.0.3 rules.
    public static let acceptedVersions: Set<String> = ["2.0.0", "2.0", "1.0.3", "1.0.2", "1.0.1", "1.0.0", "1.0"]

    /// The ADL verbs `wallet-cli record` offers.
    public static let verbs: [String: String] = [
        "attempted": "http://adlnet.gov/expapi/verbs/attempted",
        "completed": "http://adlnet.gov/expapi/verbs/completed",
        "passed": "http://adlnet.gov/expapi/verbs/passed",
        "failed": "http://adlnet.gov/expapi/verbs/failed",
        "progressed": "http://adlnet.gov/expapi/verbs/progressed",
        "experienced": "http://adlnet.gov/expapi/verbs/experienced",
        "voided": "http://adlnet.gov/expapi/verbs/voided",
    ]
    /// The homePage of the `account` that identifies a wallet learner in statements.
    public static let learnerAccountHomePage = "https://learner-wallet.invalid/learners"

    /// The Agent that names a wallet learner (or assessor) in statements: their account on this
    /// wallet, so that an id never has to be an email address.
    public static func learnerAgent(id: String, name: String) -> JSONValue {
        ["objectType": "Agent", "name": .string(name), "account": ["homePage": .string(learnerAccountHomePage), "name": .string(id)]]
    }
}
