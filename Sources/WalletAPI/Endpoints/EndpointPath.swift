/// Path templates: `/v1/learners/{id}/credentials/{credential}`. Pure string work, shared by every
/// ``Endpoint``.
enum EndpointPath {
    static func parameterNames(_ template: String) -> [String] {
        template.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    static func routerPath(_ template: String) -> String {
        "/" + template.split(separator: "/").map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }

    static func fill(_ template: String, values: [String], query: [String: String]) -> String {
        var remaining = values[...]
        var path = "/" + template.split(separator: "/").map { segment -> String in
            guard segment.hasPrefix("{"), segment.hasSuffix("}") else { return String(segment) }
            // A missing value is a programming error in the caller; an empty segment makes the
            // daemon answer 404, which says so.
            return percentEncoded(remaining.popFirst() ?? "")
        }.joined(separator: "/")
        if !query.isEmpty {
            path += "?" + query.sorted { $0.key < $1.key }.map { percentEncoded($0.key) + "=" + percentEncoded($0.value) }.joined(separator: "&")
        }
        return path
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    /// RFC 3986 unreserved characters stay; every other byte is `%XX`.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.append("%")
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
