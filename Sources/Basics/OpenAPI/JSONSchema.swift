/// The part of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that the project's API documents
/// need, as values: each daemon describes its answers with these, and the tests check recorded
/// answers against them.
///
/// ```swift
/// let learner = JSONSchema.object(required: ["id": .string, "name": .string], optional: ["did": .string])
/// learner.json   // {"type":"object","properties":{…},"required":["id","name"],"additionalProperties":false}
/// ```
public indirect enum JSONSchema: Sendable, Equatable {
    case string
    /// A string that is one of these values.
    case oneOf([String])
    case integer
    case number
    case boolean
    /// Any JSON value (statements, signed documents: their own standards describe them).
    case any
    case array(JSONSchema)
    /// An object with exactly these properties; optional ones may be missing or null.
    case object(required: [String: JSONSchema], optional: [String: JSONSchema])
    /// An object whose values all follow one schema (a map keyed by strings).
    case map(JSONSchema)
    /// A schema defined under `components/schemas`.
    case ref(String)

    public var json: JSONValue {
        switch self {
        case .string: return ["type": "string"]
        case .oneOf(let values): return ["type": "string", "enum": .array(values.map(JSONValue.string))]
        case .integer: return ["type": "integer"]
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .any: return .object([:])
        case .array(let items): return ["type": "array", "items": items.json]
        case .map(let values): return ["type": "object", "additionalProperties": values.json]
        case .ref(let name): return ["$ref": .string("#/components/schemas/" + name)]
        case .object(let required, let optional):
            var properties: [String: JSONValue] = [:]
            for (name, schema) in required { properties[name] = schema.json }
            // Swift's encoder leaves a nil optional out; a null is accepted too.
            for (name, schema) in optional { properties[name] = ["anyOf": [schema.json, ["type": "null"]]] }
            return [
                "type": "object", "properties": .object(properties),
                "required": .array(required.keys.sorted().map(JSONValue.string)), "additionalProperties": false,
            ]
        }
    }
}
