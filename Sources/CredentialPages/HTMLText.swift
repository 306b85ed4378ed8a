/// Text made safe to place in HTML, in element content or in a double-quoted attribute.
///
/// ```swift
/// HTMLText.escape("<b>Ana & Bo</b>")   // "&lt;b&gt;Ana &amp; Bo&lt;/b&gt;"
/// ```
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
