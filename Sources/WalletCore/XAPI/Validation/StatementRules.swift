import WalletAPI
import Basics

/// The statement rules of one xAPI version, applied property by property. `StatementValidator` is
/// the public door; this type holds the walk, split over files by concern (actors, objects,
/// result, context, attachments, language maps and extensions).
///
/// ```swift
/// try StatementRules(version: .v2_0_0).checkStatement(statement)
/// ```
struct StatementRules: Sendable {
    let version: XAPISpecVersion


    private static let statementKeys: Set<String> = [
        "id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version",
        "attachments",
    ]
    private static let subStatementKeys: Set<String> = [
        "objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments",
    ]
    /// Statement properties a SubStatement must not carry (Data 2.4.4.3.s8.b3).
    private static let subStatementForbidden: Set<String> = ["id", "stored", "version", "authority"]
    private static let verbKeys: Set<String> = ["id", "display"]

    /// A whole statement, as received by `PUT` or `POST /statements`.
    func checkStatement(_ value: JSONValue) throws(StatementValidationError) {
        let statement = try JSONShape.object(value, at: "")
        try JSONShape.checkKeys(statement, allowed: Self.statementKeys, at: "")
        if let id = statement["id"] {
            try JSONShape.formattedString(id, at: "id", XAPIFormat.isUUID, "a UUID (8-4-4-4-12 hex digits)")
        }
        try checkCore(statement, at: "", insideSubStatement: false)
        if let stored = statement["stored"] {
            try checkTimestamp(stored, at: "stored")
        }
        if let authority = statement["authority"] {
            try checkAuthority(authority, at: "authority")
        }
        if let version = statement["version"] {
            try checkVersion(version, at: "version")
        }
    }

    /// The properties a Statement and a SubStatement share: actor, verb, object, result, context,
    /// timestamp, attachments, and the rules that tie them together.
    private func checkCore(
        _ statement: JSONShape.Object, at path: String, insideSubStatement: Bool
    ) throws(StatementValidationError) {
        let actor = try JSONShape.required(statement, "actor", at: path)
        let verb = try JSONShape.required(statement, "verb", at: path)
        let object = try JSONShape.required(statement, "object", at: path)

        try checkActor(actor, at: JSONShape.child(path, "actor"))
        let verbID = try checkVerb(verb, at: JSONShape.child(path, "verb"))
        let objectPath = JSONShape.child(path, "object")
        let objectType = try checkObject(object, at: objectPath, insideSubStatement: insideSubStatement)

        // Data 2.3.2: a voiding statement's object must reference the statement it voids.
        if verbID == XAPI.Verb.voided, objectType != .statementRef {
            throw StatementValidationError(
                path: JSONShape.child(objectPath, "objectType"),
                reason: "must be \"StatementRef\": a statement with the verb \(XAPI.Verb.voided) voids another statement"
            )
        }
        if let result = statement["result"] {
            try checkResult(result, at: JSONShape.child(path, "result"))
        }
        if let context = statement["context"] {
            try checkContext(context, at: JSONShape.child(path, "context"), objectIsActivity: objectType == .activity)
        }
        if let timestamp = statement["timestamp"] {
            try checkTimestamp(timestamp, at: JSONShape.child(path, "timestamp"))
        }
        if let attachments = statement["attachments"] {
            try checkAttachments(attachments, at: JSONShape.child(path, "attachments"))
        }
    }

    /// A SubStatement used as a statement's object (Data 2.4.4.3): validated as a statement, minus
    /// the properties the store assigns, and never nested.
    func checkSubStatement(_ object: JSONShape.Object, at path: String) throws(StatementValidationError) {
        try JSONShape.checkKeys(object, allowed: Self.subStatementKeys, at: path) { key in
            Self.subStatementForbidden.contains(key) ? "is not allowed in a SubStatement" : nil
        }
        try checkCore(object, at: path, insideSubStatement: true)
    }

    /// Returns the verb's id, which the voiding rule needs.
    private func checkVerb(_ value: JSONValue, at path: String) throws(StatementValidationError) -> String {
        let verb = try JSONShape.object(value, at: path)
        try JSONShape.checkKeys(verb, allowed: Self.verbKeys, at: path)
        let idPath = JSONShape.child(path, "id")
        let id = try JSONShape.string(JSONShape.required(verb, "id", at: path), at: idPath)
        guard XAPIFormat.isIRI(id) else { throw Self.iriError(at: idPath) }
        if let display = verb["display"] {
            try checkLanguageMap(display, at: JSONShape.child(path, "display"))
        }
        return id
    }

    /// Data 2.4.10: the statement's `version` uses the version header's format. Under 1.0.3 only
    /// `1.0.x` is accepted; under 2.0 a statement first accepted as 1.0.x may be sent on as well.
    private func checkVersion(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let text = try JSONShape.string(value, at: path)
        switch (XAPISpecVersion(header: text), version) {
        case (.v1_0_3?, _), (.v2_0_0?, .v2_0_0):
            return
        case (.v2_0_0?, .v1_0_3):
            throw StatementValidationError(path: path, reason: "must start with \"1.0.\" in an xAPI 1.0.3 request")
        case (nil, .v1_0_3):
            throw StatementValidationError(path: path, reason: "must be \"1.0\" or \"1.0.x\"")
        case (nil, .v2_0_0):
            throw StatementValidationError(path: path, reason: "must be \"2.0.0\", or \"1.0.x\" for a 1.0 statement")
        }
    }

    func checkTimestamp(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        try JSONShape.formattedString(
            value, at: path, XAPIFormat.isTimestamp,
            "an ISO 8601 date and time such as 2024-05-18T05:32:34.804Z (a -00:00 offset is not allowed)")
    }

    // MARK: Shared format checks

    static func iriError(at path: String) -> StatementValidationError {
        StatementValidationError(path: path, reason: "must be an IRI with a scheme, such as http://example.com/a")
    }

    func checkIRI(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let text = try JSONShape.string(value, at: path)
        guard XAPIFormat.isIRI(text) else { throw Self.iriError(at: path) }
    }

    func checkIRL(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let text = try JSONShape.string(value, at: path)
        guard XAPIFormat.isIRI(text) else {
            throw StatementValidationError(path: path, reason: "must be an IRL with a scheme, such as https://example.com/")
        }
    }

    func checkUUID(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        try JSONShape.formattedString(value, at: path, XAPIFormat.isUUID, "a UUID (8-4-4-4-12 hex digits)")
    }
}
