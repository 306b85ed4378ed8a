/// RFC 8785 (JSON Canonicalization Scheme) serialization of a `JSONValue`: no whitespace, object
/// keys sorted by their UTF-16 code units, strings escaped minimally, numbers as ECMAScript prints
/// them (`3`, never `3.0`; `1e+21`; `1e-7`).
///
/// The store writes statements this way, and signatures (Data Integrity `eddsa-jcs-2022`) hash
/// exactly these bytes, so equal values always give equal bytes.
///
/// ```swift
/// let value: JSONValue = ["b": 1.0, "a": [true, "é"]]
/// String(decoding: value.canonicalData(), as: UTF8.self)   // {"a":[true,"é"],"b":1}
/// ```
extension JSONValue {
    public func canonicalData() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        JCSWriter.write(self, into: &out)
        return out
    }
}

enum JCSWriter {
    static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let d): out.append(contentsOf: formatNumber(d).utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            let keys = fields.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (i, key) in keys.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                if let field = fields[key] { write(field, into: &out) }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x00..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// ECMAScript Number::toString for finite doubles (ECMA-262 §6.1.6.1.20), from the shortest
    /// round-tripping digits, which Swift's `description` also produces.
    static func formatNumber(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0" }
        if value == value.rounded(.towardZero), abs(value) < 1e21, abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        let negative = value < 0
        let (digits, exponent) = shortestDigits(abs(value))
        let k = digits.count
        let n = exponent
        var text: String
        if k <= n && n <= 21 {
            text = digits + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            let split = digits.index(digits.startIndex, offsetBy: n)
            text = digits[..<split] + "." + digits[split...]
        } else if -6 < n && n <= 0 {
            text = "0." + String(repeating: "0", count: -n) + digits
        } else {
            let e = n - 1
            let mantissa = k == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
            text = mantissa + "e" + (e >= 0 ? "+" : "-") + String(abs(e))
        }
        return negative ? "-" + text : text
    }

    /// The shortest decimal digits d1…dk and exponent n with value = 0.d1…dk × 10^n.
    static func shortestDigits(_ value: Double) -> (String, Int) {
        // Swift prints the shortest round-trip form, as "123.45" or "1.2345e-07".
        let description = value.description
        var mantissa = Substring(description)
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = description[..<e]
            exponent = Int(description[description.index(after: e)...]) ?? 0
        }
        var integerPart = Substring(mantissa)
        var fractionPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(integerPart) + String(fractionPart)
        var pointPosition = integerPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, pointPosition)
    }
}
