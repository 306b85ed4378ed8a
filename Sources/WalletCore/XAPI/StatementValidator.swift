import WalletAPI
import Basics

/// Checks one xAPI statement the way the specification asks an LRS to before storing it
/// (xAPI 1.0.3 Data, and IEEE 9274.1.1 for xAPI 2.0): required properties, JSON types, exact key
/// case, no properties the spec does not define (extensions aside), no nulls (extensions aside),
/// and the formats of IRIs, UUIDs, language tags, mailto IRIs, timestamps and durations.
///
/// It looks only at the statement body. What needs the request or the store (a duplicate id in a
/// batch, an id already stored with other content, attachment parts matching `sha2`, voiding a
/// voiding statement) is decided by the caller.
///
/// ```swift
/// let statement = try JSONValue(data: body)
/// do {
///     try StatementValidator.validate(statement, version: .v2_0_0)
/// } catch {
///     // 400 Bad Request: {"error": {"code": "invalid_statement", "message": error.message}}
/// }
/// ```
public enum StatementValidator {
    /// Validates one statement under the rules of `version`. Throws the first fault found, with
    /// the path of the property at fault.
    public static func validate(
        _ statement: JSONValue, version: XAPISpecVersion
    ) throws(StatementValidationError) {
        try StatementRules(version: version).checkStatement(statement)
    }
}
