import WalletAPI
import Basics

/// Typed reads of a `JSONValue` that fail with a `StatementValidationError` naming the path, and
/// the path arithmetic the validator uses. Paths are built only as the walk goes down, and keys
/// that are not plain names are quoted only when an error is reported.
///
/// ```swift
/// let verb = try JSONShape.object(statement["verb"] ?? .null, at: "verb")
/// try JSONShape.checkKeys(verb, allowed: ["id", "display"], at: "verb")
/// ```
enum JSONShape {
    typealias Object = [String: JSONValue]

    // MARK: Paths

    /// The path of a property whose name is a plain identifier (every name the spec defines).
    @inline(__always)
    static func child(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : parent + "." + key
    }

    /// The path of an array element.
    @inline(__always)
    static func element(_ parent: String, _ index: Int) -> String {
        parent + "[" + String(index) + "]"
    }

    /// The path of a key chosen by the sender (a language tag, an extension IRI): kept dotted when
    /// it is a plain name, quoted in brackets otherwise so that dots inside IRIs stay readable.
    static func entry(_ parent: String, _ key: String) -> String {
        let plain = !key.isEmpty && key.utf8.allSatisfy {
            XAPIFormat.isAlphaNumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
        if plain { return child(parent, key) }
        let quoted = "[\"" + key + "\"]"
        return parent + quoted
    }

    // MARK: Typed reads

    static func object(_ value: JSONValue, at path: String) throws(StatementValidationError) -> Object {
        if case .object(let object) = value { return object }
        throw typeError(value, expected: "a JSON object", at: path)
    }

    static func array(_ value: JSONValue, at path: String) throws(StatementValidationError) -> [JSONValue] {
        if case .array(let array) = value { return array }
        throw typeError(value, expected: "an array", at: path)
    }

    @discardableResult
    static func string(_ value: JSONValue, at path: String) throws(StatementValidationError) -> String {
        if case .string(let string) = value { return string }
        throw typeError(value, expected: "a string", at: path)
    }

    @discardableResult
    static func number(_ value: JSONValue, at path: String) throws(StatementValidationError) -> Double {
        if case .number(let number) = value { return number }
        throw typeError(value, expected: "a number", at: path)
    }

    static func bool(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        if case .bool = value { return }
        throw typeError(value, expected: "true or false", at: path)
    }

    /// A required property: its value, or an error naming the missing key.
    static func required(_ object: Object, _ key: String, at parent: String) throws(StatementValidationError) -> JSONValue {
        guard let value = object[key] else {
            throw StatementValidationError(path: child(parent, key), reason: "is required")
        }
        return value
    }

    /// A string property that must hold a particular format, checked by `isValid`.
    static func formattedString(
        _ value: JSONValue, at path: String, _ isValid: (String) -> Bool, _ expectation: @autoclosure () -> String
    ) throws(StatementValidationError) {
        let text = try string(value, at: path)
        guard isValid(text) else {
            throw StatementValidationError(path: path, reason: "must be \(expectation())")
        }
    }

    // MARK: Keys

    /// Refuses keys the spec does not define for this object, and keys in the wrong letter case.
    /// `explain` may give a more telling reason for a particular key (a SubStatement's `id`, a 2.0
    /// property sent under 1.0.3). Of several bad keys, the first in sorted order is reported, so
    /// the error does not depend on dictionary order.
    static func checkKeys(
        _ object: Object, allowed: Set<String>, at path: String, explain: (String) -> String? = { _ in nil }
    ) throws(StatementValidationError) {
        for key in object.keys where !allowed.contains(key) {
            // Only on failure: find the smallest bad key so the report is reproducible.
            let first = object.keys.filter { !allowed.contains($0) }.min() ?? key
            throw StatementValidationError(path: entry(path, first), reason: unknownKeyReason(first, allowed, explain))
        }
    }

    private static func unknownKeyReason(_ key: String, _ allowed: Set<String>, _ explain: (String) -> String?) -> String {
        if let reason = explain(key) { return reason }
        let lowered = key.lowercased()
        if let match = allowed.first(where: { $0.lowercased() == lowered }) {
            return "has the wrong letter case: the property is \"\(match)\""
        }
        return "is not a property the xAPI specification defines here"
    }

    static func typeError(_ value: JSONValue, expected: String, at path: String) -> StatementValidationError {
        if case .null = value {
            return StatementValidationError(path: path, reason: "must not be null (expected \(expected))")
        }
        return StatementValidationError(path: path, reason: "must be \(expected), not \(kind(of: value))")
    }

    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
