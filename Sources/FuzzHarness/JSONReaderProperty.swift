import Basics
import Foundation

/// The JSON reader (`JSONValue(data:)`, `JSONValue.parse(_:keepingRawElementsOf:)`): whatever it
/// accepts is within the nesting limit, writes canonically to text that reads back to the same
/// value and the same bytes (the store and signatures depend on that), and the raw elements it
/// keeps are exactly the elements' own texts. The skimming reader (`parse(_:skimmingElementsOf:members:)`,
/// a sync push) refuses exactly what it refuses, with the same error, and what it notes of each
/// element agrees with the element's tree.
enum JSONReaderProperty {
    static func check(_ bytes: [UInt8]) throws(FuzzViolation) {
        let value: JSONValue
        do {
            value = try JSONValue(data: Data(bytes))
        } catch {
            try FuzzViolation.requireMessage(error.reason, from: "JSONValue(data:)")
            guard error.offset >= 0, error.offset <= bytes.count else {
                throw FuzzViolation("clear refusal", "error offset \(error.offset) outside the \(bytes.count)-byte input")
            }
            try expectRawParseRefuses(bytes)
            return
        }
        guard value.nestingDepth <= JSONValue.maxNestingDepth else {
            throw FuzzViolation("depth limit", "accepted a value nested \(value.nestingDepth) deep")
        }
        let canonical = value.canonicalData()
        let again: JSONValue
        do {
            again = try JSONValue(data: Data(canonical))
        } catch {
            throw FuzzViolation("canonical round trip", "canonical text does not read back: \(error)")
        }
        guard again == value else { throw FuzzViolation("canonical round trip", "canonical text reads back to another value") }
        guard again.canonicalData() == canonical else {
            throw FuzzViolation("canonical round trip", "canonical text is not stable when written again")
        }
        try checkRawElements(bytes, expected: value)
    }

    /// The sync reader must refuse exactly what the plain reader refuses.
    private static func expectRawParseRefuses(_ bytes: [UInt8]) throws(FuzzViolation) {
        let refusal: JSONParseError
        do {
            _ = try JSONValue.parse(bytes, keepingRawElementsOf: "statements")
            throw FuzzViolation("readers agree", "parse(_:keepingRawElementsOf:) accepted what JSONValue(data:) refused")
        } catch let error as FuzzViolation {
            throw error
        } catch let error as JSONParseError {
            refusal = error
        } catch {
            return
        }
        do {
            _ = try JSONValue.parse(bytes, skimmingElementsOf: "statements", members: skimmed)
            throw FuzzViolation("readers agree", "parse(_:skimmingElementsOf:) accepted what JSONValue(data:) refused")
        } catch let error as FuzzViolation {
            throw error
        } catch let error as JSONParseError {
            guard error == refusal else { throw FuzzViolation("readers agree", "the skimming reader refused with \(error), the full one with \(refusal)") }
        } catch {
            return
        }
    }

    static let skimmed = ["id", "stored", "authority"]

    /// What the skimming reader notes of each element is what the element's tree says.
    private static func checkSkims(_ bytes: [UInt8], expected: JSONValue, raw: [String]) throws(FuzzViolation) {
        let skimmed: (value: JSONValue, elements: [JSONSkim])
        do {
            skimmed = try JSONValue.parse(bytes, skimmingElementsOf: "statements", members: Self.skimmed)
        } catch {
            throw FuzzViolation("readers agree", "parse(_:skimmingElementsOf:) refused what JSONValue(data:) accepted: \(error)")
        }
        guard case .object(var fields) = expected, let elements = fields["statements"]?.arrayValue else {
            guard skimmed.value == expected, skimmed.elements.isEmpty else { throw FuzzViolation("readers agree", "the skimming reader read another value") }
            return
        }
        fields["statements"] = .array(Array(repeating: .null, count: elements.count))
        guard skimmed.value == .object(fields), skimmed.elements.count == elements.count else {
            throw FuzzViolation("readers agree", "the skimming reader read another value, or another number of elements")
        }
        for (i, (skim, element)) in zip(skimmed.elements, elements).enumerated() {
            let members = Self.skimmed.map { name -> JSONSkim.Member? in
                guard case .object(let object) = element, let member = object[name] else { return nil }
                if case .string(let text) = member { return .string(text) }
                return .other
            }
            guard skim.text == raw[i], skim.nestingDepth == element.nestingDepth, skim.isObject == (element.objectValue != nil),
                  skim.members == members
            else { throw FuzzViolation("readers agree", "a skimmed element disagrees with its tree: \(skim.text.prefix(200))") }
        }
    }

    private static func checkRawElements(_ bytes: [UInt8], expected: JSONValue) throws(FuzzViolation) {
        let parsed: (value: JSONValue, raw: [String])
        do {
            parsed = try JSONValue.parse(bytes, keepingRawElementsOf: "statements")
        } catch {
            throw FuzzViolation("readers agree", "parse(_:keepingRawElementsOf:) refused what JSONValue(data:) accepted: \(error)")
        }
        guard parsed.value == expected else { throw FuzzViolation("readers agree", "the two readers read different values") }
        // Raw elements are kept only for a top-level object's "statements" array.
        guard let elements = expected["statements"]?.arrayValue else { return try checkSkims(bytes, expected: expected, raw: []) }
        guard parsed.raw.count == elements.count else {
            throw FuzzViolation("raw elements", "kept \(parsed.raw.count) raw texts for \(elements.count) elements")
        }
        try checkSkims(bytes, expected: expected, raw: parsed.raw)
        for (raw, element) in zip(parsed.raw, elements) {
            guard let read = try? JSONValue(data: Data(raw.utf8)), read == element else {
                throw FuzzViolation("raw elements", "a kept raw text does not read back to its element: \(raw.prefix(200))")
            }
        }
    }
}
