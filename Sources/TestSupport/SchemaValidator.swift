import Basics

/// Checks a JSON value against a schema of an OpenAPI document (the subset `JSONSchema` writes:
/// `type`, `enum`, `properties`, `required`, `additionalProperties`, `items`, `anyOf`, `$ref`),
/// so that tests can hold every recorded answer to the document the daemon serves.
///
/// ```swift
/// let validator = SchemaValidator(document: document)
/// let problems = validator.problems(answer, against: ["$ref": "#/components/schemas/LearnerList"])
/// #expect(problems.isEmpty, "\(problems)")
/// ```
public struct SchemaValidator: Sendable {
    public let document: JSONValue

    public init(document: JSONValue) { self.document = document }

    /// The schema of an operation's answer with this status, from the document's `paths`.
    public func answerSchema(path: String, method: String, status: Int) -> JSONValue? {
        let responses = document["paths"]?[path]?[method.lowercased()]?["responses"]
        let response = responses?[String(status)] ?? responses?["default"]
        return response?["content"]?["application/json"]?["schema"]
    }

    /// Where the value breaks the schema; empty when it follows it.
    public func problems(_ value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        if case .string(let reference)? = schema["$ref"] {
            let name = reference.split(separator: "/").last.map(String.init) ?? ""
            guard let target = document["components"]?["schemas"]?[name] else { return ["\(path): unknown schema \(reference)"] }
            return problems(value, against: target, at: path)
        }
        if case .array(let options)? = schema["anyOf"] {
            let results = options.map { problems(value, against: $0, at: path) }
            return results.contains(where: \.isEmpty) ? [] : ["\(path): matches none of anyOf: \(results.flatMap { $0 }.prefix(3))"]
        }
        guard case .string(let type)? = schema["type"] else { return [] }   // {}: any value
        switch (type, value) {
        case ("null", .null), ("boolean", .bool):
            return []
        case ("string", .string(let text)):
            if case .array(let allowed)? = schema["enum"], !allowed.contains(.string(text)) { return ["\(path): \"\(text)\" is not one of \(allowed)"] }
            return []
        case ("number", .number):
            return []
        case ("integer", .number(let number)):
            return number == number.rounded() ? [] : ["\(path): \(number) is not an integer"]
        case ("array", .array(let items)):
            guard let itemSchema = schema["items"] else { return [] }
            return items.enumerated().flatMap { problems($0.element, against: itemSchema, at: "\(path)[\($0.offset)]") }
        case ("object", .object(let fields)):
            var found: [String] = []
            if case .array(let required)? = schema["required"] {
                for case .string(let name) in required where fields[name] == nil { found.append("\(path).\(name): missing") }
            }
            let properties: [String: JSONValue]
            if case .object(let declared)? = schema["properties"] { properties = declared } else { properties = [:] }
            for (name, field) in fields {
                if let propertySchema = properties[name] {
                    found += problems(field, against: propertySchema, at: "\(path).\(name)")
                } else if let additional = schema["additionalProperties"] {
                    if additional == .bool(false) { found.append("\(path).\(name): not in the schema") }
                    else if case .object = additional { found += problems(field, against: additional, at: "\(path).\(name)") }
                }
            }
            return found
        default:
            return ["\(path): expected \(type), found \(value)"]
        }
    }
}
