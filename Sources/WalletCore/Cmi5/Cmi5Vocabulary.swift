import Basics

/// The IRIs of the cmi5 specification (AICC/ADL cmi5, sections 9 and 10) the LMS side uses, named
/// once: verbs, the context categories, the context and result extensions, and the activity types
/// of generated block and course objects.
///
/// ```swift
/// statement["verb"]?["id"]?.stringValue == Cmi5.Verb.initialized
/// ```
public enum Cmi5 {
    /// The verbs of cmi5 section 9.3. AU verbs are sent by the content; LMS verbs only by walletd.
    public enum Verb {
        public static let launched = "http://adlnet.gov/expapi/verbs/launched"
        public static let initialized = "http://adlnet.gov/expapi/verbs/initialized"
        public static let completed = XAPI.Verb.completed
        public static let passed = XAPI.Verb.passed
        public static let failed = XAPI.Verb.failed
        public static let terminated = "http://adlnet.gov/expapi/verbs/terminated"
        public static let abandoned = "https://w3id.org/xapi/adl/verbs/abandoned"
        public static let waived = "https://w3id.org/xapi/adl/verbs/waived"
        public static let satisfied = "https://w3id.org/xapi/adl/verbs/satisfied"

        /// Verbs an AU may use in "cmi5 defined" statements (9.3.2–9.3.5, 9.3.8).
        public static let au: Set<String> = [initialized, completed, passed, failed, terminated]
        /// Verbs only the LMS records (9.3.1, 9.3.6, 9.3.7, 9.3.9).
        public static let lms: Set<String> = [launched, abandoned, waived, satisfied]
        /// Display names for statements walletd writes itself.
        static func display(_ verb: String) -> String {
            String(verb.split(separator: "/").last ?? "")
        }
    }

    /// 9.6.2.1: the category that makes a statement "cmi5 defined".
    public static let cmi5Category = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
    /// 9.6.2.2: the category of cmi5 defined statements whose result has `success` or `completion`.
    public static let moveOnCategory = "https://w3id.org/xapi/cmi5/context/categories/moveon"

    /// The context extensions of 9.6.3.
    public enum Extension {
        public static let sessionID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
        public static let masteryScore = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
        public static let launchMode = "https://w3id.org/xapi/cmi5/context/extensions/launchmode"
        public static let launchURL = "https://w3id.org/xapi/cmi5/context/extensions/launchurl"
        public static let moveOn = "https://w3id.org/xapi/cmi5/context/extensions/moveon"
        public static let launchParameters = "https://w3id.org/xapi/cmi5/context/extensions/launchparameters"
        /// 9.5.5.1, a result extension.
        public static let progress = "https://w3id.org/xapi/cmi5/result/extensions/progress"
    }

    /// 9.4: the `definition.type` of generated block and course objects.
    public enum ActivityType {
        public static let block = "https://w3id.org/xapi/cmi5/activitytype/block"
        public static let course = "https://w3id.org/xapi/cmi5/activitytype/course"
    }

    /// 10.1: the State document the LMS writes before each launch.
    public static let launchDataStateID = "LMS.LaunchData"
    /// 11.0: the Agent Profile document of learner preferences.
    public static let learnerPreferencesProfileID = "cmi5LearnerPreferences"

    /// The `authority` of statements walletd writes as the LMS (launched, satisfied, abandoned):
    /// not the learner's, so a reader can tell the content's word from the LMS's.
    public static let lmsAuthority: JSONValue = [
        "objectType": "Agent", "name": "walletd (cmi5 LMS)",
        "account": ["homePage": "https://learner-wallet.invalid/lms", "name": "walletd"],
    ]
}
