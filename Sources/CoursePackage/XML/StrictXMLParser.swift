/// A small, strict XML 1.0 reader for course structure files, so that walletd can check
/// `cmi5.xml` itself without linking FoundationXML (libxml2, several MB resident in a daemon
/// whose idle memory is budgeted, docs/MEMORY.md). It reads UTF-8 documents with elements,
/// attributes, namespaces, character data, CDATA sections, comments and processing
/// instructions, and refuses what a course structure never needs and hostile files use: any
/// DOCTYPE (so no entity expansion, no external entities), entities other than the five
/// predefined ones and character references, other encodings, and documents deeper than
/// ``maxDepth`` or with more than ``maxElements`` elements.
///
/// ```swift
/// let root = try StrictXMLParser.parse(Array("<a xmlns='urn:x'><b>hi &amp; bye</b></a>".utf8))
/// root.children.first?.text    // "hi & bye"
/// ```
public struct StrictXMLParser {
    public static let maxDepth = 64
    public static let maxElements = 50_000

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var elementCount = 0

    public static func parse(_ bytes: [UInt8]) throws(XMLError) -> XMLTree {
        var parser = StrictXMLParser(bytes: bytes)
        return try parser.document()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private struct Open {
        var rawName: String
        var attributes: [(String, String)]
        var scope: [String: String]
        var children: [XMLTree] = []
        var text: [UInt8] = []
        var line: Int
    }

    private mutating func document() throws(XMLError) -> XMLTree {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            throw XMLError(line: 1, "the file is UTF-16; save it as UTF-8")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw XMLError(line: 1, "the file is not valid UTF-8 text") }
        if starts("<?xml") { try declaration() }
        try misc()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else { throw fail("there is no root element") }
        let root = try element()
        try misc()
        guard index == bytes.count else { throw fail("there is content after the root element") }
        return root
    }

    /// Comments, processing instructions and white space between the parts of the prolog.
    private mutating func misc() throws(XMLError) {
        while index < bytes.count {
            if isSpace(bytes[index]) { advance(); continue }
            if starts("<!--") { try comment(); continue }
            if starts("<!DOCTYPE") || starts("<!doctype") {
                throw fail("a DOCTYPE is not allowed (cmi5.xml needs no DTD, and walletd expands no entities)")
            }
            if starts("<?") { try skip(past: "?>", what: "processing instruction"); continue }
            return
        }
    }

    private mutating func declaration() throws(XMLError) {
        let start = index
        try skip(past: "?>", what: "XML declaration")
        let text = Array(String(decoding: bytes[start..<index], as: UTF8.self).lowercased().utf8)
        let key = Array("encoding".utf8)
        guard let at = text.indices.first(where: { text[$0...].starts(with: key) }) else { return }
        let rest = text[(at + key.count)...].drop { $0 == 0x20 || $0 == UInt8(ascii: "=") || $0 == 0x22 || $0 == 0x27 }
        guard rest.starts(with: "utf-8".utf8) || rest.starts(with: "utf8".utf8) else {
            throw fail("the file declares an encoding other than UTF-8; save it as UTF-8")
        }
    }

    /// One element and everything in it, iteratively (no recursion on hostile depth).
    private mutating func element() throws(XMLError) -> XMLTree {
        var stack: [Open] = []
        let rootScope = ["xml": "http://www.w3.org/XML/1998/namespace"]
        while true {
            guard index < bytes.count else { throw fail("the file ends inside <\(stack.last?.rawName ?? "?")>") }
            if bytes[index] == UInt8(ascii: "<") {
                if starts("</") {
                    index += 2
                    let name = try self.name()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw fail("the end tag </\(name)> is not closed") }
                    index += 1
                    guard let open = stack.popLast() else { throw fail("</\(name)> closes nothing") }
                    guard open.rawName == name else { throw fail("</\(name)> closes <\(open.rawName)> (line \(open.line))") }
                    let tree = try resolve(open)
                    if stack.isEmpty { return tree }
                    stack[stack.count - 1].children.append(tree)
                } else if starts("<!--") {
                    try comment()
                } else if starts("<![CDATA[") {
                    index += 9
                    let start = index
                    try skip(past: "]]>", what: "CDATA section")
                    guard !stack.isEmpty else { throw fail("character data outside the root element") }
                    stack[stack.count - 1].text.append(contentsOf: bytes[start..<index - 3])
                } else if starts("<?") {
                    try skip(past: "?>", what: "processing instruction")
                } else if starts("<!") {
                    throw fail("a declaration (<!…>) is not allowed inside the document")
                } else {
                    let open = try startTag(scope: stack.last?.scope ?? rootScope)
                    elementCount += 1
                    guard elementCount <= Self.maxElements else { throw fail("the file has more than \(Self.maxElements) elements") }
                    if open.selfClosing {
                        let tree = try resolve(open.element)
                        if stack.isEmpty { return tree }
                        stack[stack.count - 1].children.append(tree)
                    } else {
                        guard stack.count < Self.maxDepth else { throw fail("elements are nested more than \(Self.maxDepth) deep") }
                        stack.append(open.element)
                    }
                }
            } else {
                let text = try characterData()
                guard !stack.isEmpty else { throw fail("text outside the root element") }
                stack[stack.count - 1].text.append(contentsOf: text)
            }
        }
    }

    private mutating func startTag(scope: [String: String]) throws(XMLError) -> (element: Open, selfClosing: Bool) {
        let tagLine = line
        index += 1
        let name = try self.name()
        var attributes: [(String, String)] = []
        var scope = scope
        while true {
            let hadSpace = skipSpace()
            guard index < bytes.count else { throw fail("the start tag <\(name)> is not closed") }
            if bytes[index] == UInt8(ascii: ">") { index += 1; return (Open(rawName: name, attributes: attributes, scope: scope, line: tagLine), false) }
            if starts("/>") { index += 2; return (Open(rawName: name, attributes: attributes, scope: scope, line: tagLine), true) }
            guard hadSpace else { throw fail("attributes of <\(name)> must be separated by white space") }
            let attribute = try self.name()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw fail("the attribute \(attribute) of <\(name)> has no value") }
            index += 1
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw fail("the value of \(attribute) must be in quotes")
            }
            let quote = bytes[index]
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != quote {
                if bytes[index] == UInt8(ascii: "<") { throw fail("the value of \(attribute) holds a \"<\"") }
                advance()
            }
            guard index < bytes.count else { throw fail("the value of \(attribute) is not closed") }
            let value = try decode(Array(bytes[start..<index]), attribute: true)
            index += 1
            guard !attributes.contains(where: { $0.0 == attribute }) else { throw fail("<\(name)> has the attribute \(attribute) twice") }
            if attribute == "xmlns" { scope[""] = value }
            else if attribute.hasPrefix("xmlns:") { scope[String(attribute.dropFirst(6))] = value }
            attributes.append((attribute, value))
        }
    }

    /// Namespace-resolves an element's name and attributes with its own scope.
    private func resolve(_ open: Open) throws(XMLError) -> XMLTree {
        let name = try qualified(open.rawName, scope: open.scope, isAttribute: false, line: open.line)
        var attributes: [XMLName: String] = [:]
        for (raw, value) in open.attributes where raw != "xmlns" && !raw.hasPrefix("xmlns:") {
            let key = try qualified(raw, scope: open.scope, isAttribute: true, line: open.line)
            guard attributes[key] == nil else { throw XMLError(line: open.line, "<\(open.rawName)> has the attribute \(key) twice") }
            attributes[key] = value
        }
        return XMLTree(name: name, attributes: attributes, children: open.children,
                       text: String(decoding: open.text, as: UTF8.self), line: open.line)
    }

    private func qualified(_ raw: String, scope: [String: String], isAttribute: Bool, line: Int) throws(XMLError) -> XMLName {
        let parts = raw.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            // Unprefixed attributes are in no namespace; unprefixed elements in the default one.
            let namespace = isAttribute ? nil : scope[""].flatMap { $0.isEmpty ? nil : $0 }
            return XMLName(namespace: namespace, local: raw)
        case 2:
            guard !parts[0].isEmpty, !parts[1].isEmpty, let namespace = scope[String(parts[0])] else {
                throw XMLError(line: line, "the prefix of \(raw) is not declared (xmlns:\(parts[0])=…)")
            }
            return XMLName(namespace: namespace, local: String(parts[1]))
        default:
            throw XMLError(line: line, "\(raw) is not a valid name")
        }
    }

    private mutating func characterData() throws(XMLError) -> [UInt8] {
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") { advance() }
        let raw = bytes[start..<index]
        if raw.indices.contains(where: { raw[$0...].starts(with: "]]>".utf8) }) { throw fail("\"]]>\" is not allowed in text") }
        return Array(try decode(Array(raw), attribute: false).utf8)
    }

    /// Resolves the five predefined entities and character references; any other entity is refused.
    private func decode(_ raw: [UInt8], attribute: Bool) throws(XMLError) -> String {
        guard raw.contains(UInt8(ascii: "&")) || (attribute && raw.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 })) else {
            return String(decoding: raw, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            if attribute && (byte == 9 || byte == 10 || byte == 13) { out.append(0x20); i += 1; continue }
            guard byte == UInt8(ascii: "&") else { out.append(byte); i += 1; continue }
            guard let semicolon = raw[i...].firstIndex(of: UInt8(ascii: ";")), semicolon - i <= 12 else {
                throw XMLError(line: line, "a \"&\" is not followed by an entity name and \";\" (write &amp;)")
            }
            let entity = String(decoding: raw[(i + 1)..<semicolon], as: UTF8.self)
            switch entity {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let value: UInt32?
                if entity.hasPrefix("#x") { value = UInt32(entity.dropFirst(2), radix: 16) }
                else if entity.hasPrefix("#") { value = UInt32(entity.dropFirst(1), radix: 10) }
                else { throw XMLError(line: line, "the entity &\(entity); is not defined (only &lt; &gt; &amp; &quot; &apos; and &#…; are)") }
                guard let value, let scalar = Unicode.Scalar(value), value != 0 else {
                    throw XMLError(line: line, "&\(entity); is not a valid character reference")
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            i = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func name() throws(XMLError) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") { break }
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                throw fail("a name holds \"\(Character(Unicode.Scalar(byte)))\"")
            }
            index += 1
        }
        guard index > start, index - start <= 256 else { throw fail("a tag or attribute name is missing or too long") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func comment() throws(XMLError) {
        index += 4
        try skip(past: "-->", what: "comment")
    }

    private mutating func skip(past end: String, what: String) throws(XMLError) {
        let marker = Array(end.utf8)
        let startLine = line
        while index < bytes.count {
            if bytes[index] == marker[0], bytes[index...].starts(with: marker) {
                index += marker.count
                return
            }
            advance()
        }
        throw XMLError(line: startLine, "a \(what) is not closed")
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = index
        while index < bytes.count, isSpace(bytes[index]) { advance() }
        return index > start
    }

    private mutating func advance() {
        if bytes[index] == 10 { line += 1 }
        index += 1
    }

    private func starts(_ text: String) -> Bool {
        bytes[index...].starts(with: text.utf8)
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private func fail(_ reason: String) -> XMLError { XMLError(line: line, reason) }
}
