import WalletAPI
import Basics

/// Language maps (Data 4.2) and extensions (Data 4.1).
extension StatementRules {
    /// An object whose keys are RFC 5646 language tags and whose values are strings.
    func checkLanguageMap(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let map = try JSONShape.object(value, at: path)
        for (tag, text) in map {
            guard XAPIFormat.isLanguageTag(tag), case .string = text else {
                throw firstLanguageMapError(map, at: path)
            }
        }
    }

    /// Called once a language map is known to be bad: reports its first bad entry in key order.
    private func firstLanguageMapError(_ map: JSONShape.Object, at path: String) -> StatementValidationError {
        for tag in map.keys.sorted() {
            let entryPath = JSONShape.entry(path, tag)
            guard XAPIFormat.isLanguageTag(tag) else {
                return StatementValidationError(
                    path: entryPath, reason: "is not an RFC 5646 language tag (a language map's keys must be, e.g. en-US)")
            }
            if let value = map[tag], case .string = value { continue }
            return JSONShape.typeError(map[tag] ?? .null, expected: "a string", at: entryPath)
        }
        return StatementValidationError(path: path, reason: "is not a valid language map")
    }

    /// An object whose keys are IRIs; its values are any JSON at all, null included (Data 4.1).
    func checkExtensions(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let extensions = try JSONShape.object(value, at: path)
        for key in extensions.keys where !XAPIFormat.isIRI(key) {
            let first = extensions.keys.filter { !XAPIFormat.isIRI($0) }.min() ?? key
            throw StatementValidationError(
                path: JSONShape.entry(path, first), reason: "is not an IRI: extension keys must be IRIs")
        }
    }
}
