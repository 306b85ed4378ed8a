import CredentialPages

/// The escaping every wallet page uses (the credential pages' one), under a short name.
///
/// ```swift
/// HTML.escape("<Ana>")   // "&lt;Ana&gt;"
/// ```
enum HTML {
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// A query value: everything but unreserved characters percent-encoded.
    static func query(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }
}
