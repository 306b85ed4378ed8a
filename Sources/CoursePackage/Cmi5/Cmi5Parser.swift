/// Reads `cmi5.xml` (cmi5 spec section 13, CourseStructure.xsd) into a ``CourseStructure`` and
/// checks what the schema and the spec require of it: the namespace, one course, at least one AU,
/// required titles, descriptions and urls, the `moveOn`, `launchMethod` and `masteryScore`
/// values, ids that are absolute IRIs and unique across the course, blocks and AUs, and AU urls
/// that are relative (walletd serves content offline: an AU on the web could not be reached,
/// and would get the learner's launch token). Elements of other namespaces are extensions the
/// spec lets an LMS ignore; unknown elements of the cmi5 namespace are refused.
///
/// ```swift
/// let structure = try Cmi5Parser.parse(Array(xml.utf8))
/// structure.assignableUnits.map(\.launchPath)   // ["index.html"]
/// ```
public enum Cmi5Parser {
    public static let namespace = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
    /// Bigger than any real course structure; cmi5.xml is read whole.
    public static let maxBytes = 1 << 20

    public static func parse(_ bytes: [UInt8]) throws(Cmi5Error) -> CourseStructure {
        guard bytes.count <= maxBytes else { throw .tooLarge(bytes: bytes.count, limit: maxBytes) }
        let root: XMLTree
        do throws(XMLError) { root = try StrictXMLParser.parse(bytes) } catch { throw .notXML(line: error.line, reason: error.reason) }
        guard root.name.local == "courseStructure", root.name.namespace == namespace else {
            throw .invalid(line: root.line, "the root element must be <courseStructure xmlns=\"\(namespace)\">, found <\(root.name)>")
        }
        var reader = Reader()
        let structure = try reader.courseStructure(root)
        return structure
    }

    struct Reader {
        var ids: [String: Int] = [:]

        mutating func courseStructure(_ root: XMLTree) throws(Cmi5Error) -> CourseStructure {
            var course: CourseNode?
            var items: [CourseItem] = []
            for child in own(root) {
                switch child.name.local {
                case "course":
                    guard course == nil, items.isEmpty else { throw .invalid(line: child.line, "<course> must come once, first") }
                    let id = try self.id(child, "course")
                    course = CourseNode(id: id, title: try text(child, "title"), description: try text(child, "description"))
                    try only(child, ["title", "description", "languages"])
                case "objectives":
                    guard course != nil, items.isEmpty else { throw .invalid(line: child.line, "<objectives> must follow <course>, before any <au> or <block>") }
                case "au": items.append(.au(try au(child)))
                case "block": items.append(.block(try block(child)))
                default: throw .invalid(line: child.line, "<\(child.name.local)> is not a cmi5 course structure element here")
                }
            }
            guard let course else { throw .invalid(line: root.line, "there is no <course> element") }
            guard !items.isEmpty else { throw .invalid(line: root.line, "the course has no <au> or <block>: nothing to launch") }
            return CourseStructure(course: course, items: items)
        }

        mutating func block(_ element: XMLTree) throws(Cmi5Error) -> BlockNode {
            let id = try self.id(element, "block")
            var items: [CourseItem] = []
            for child in own(element) {
                switch child.name.local {
                case "title", "description", "objectives": continue
                case "au": items.append(.au(try au(child)))
                case "block": items.append(.block(try block(child)))
                default: throw .invalid(line: child.line, "<\(child.name.local)> is not allowed in a <block>")
                }
            }
            guard !items.isEmpty else { throw .invalid(line: element.line, "the block \(id) holds no <au> or <block>") }
            return BlockNode(id: id, title: try text(element, "title"), description: try text(element, "description"), items: items)
        }

        mutating func au(_ element: XMLTree) throws(Cmi5Error) -> AssignableUnitNode {
            let id = try self.id(element, "au")
            try only(element, ["title", "description", "objectives", "url", "launchParameters", "entitlementKey"])
            let moveOnText = element.attribute("moveOn") ?? MoveOn.notApplicable.rawValue
            guard let moveOn = MoveOn(rawValue: moveOnText) else {
                throw .invalid(line: element.line, "the AU \(id) has moveOn=\"\(moveOnText)\"; it must be one of \(MoveOn.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let methodText = element.attribute("launchMethod") ?? LaunchMethod.anyWindow.rawValue
            guard let method = LaunchMethod(rawValue: methodText) else {
                throw .invalid(line: element.line, "the AU \(id) has launchMethod=\"\(methodText)\"; it must be AnyWindow or OwnWindow")
            }
            var mastery: Double?
            if let text = element.attribute("masteryScore") {
                guard let value = Double(text.trimmingXMLSpace()), value >= 0, value <= 1, value.isFinite else {
                    throw .invalid(line: element.line, "the AU \(id) has masteryScore=\"\(text)\"; it must be a decimal from 0 to 1")
                }
                mastery = value
            }
            let urls = element.children(named: "url", in: namespace)
            guard urls.count == 1, let rawURL = urls.first?.text.trimmingXMLSpace(), !rawURL.isEmpty else {
                throw .invalid(line: element.line, "the AU \(id) must have exactly one non-empty <url>")
            }
            let launchPath = try Cmi5Parser.launchPath(rawURL, au: id)
            return AssignableUnitNode(
                id: id, title: try text(element, "title"), description: try text(element, "description"),
                url: rawURL, launchPath: launchPath, launchMethod: method, moveOn: moveOn, masteryScore: mastery,
                launchParameters: single(element, "launchParameters"), entitlementKey: single(element, "entitlementKey")?.trimmingXMLSpace(),
                activityType: element.attribute("activityType"))
        }

        /// The element's `id`: an absolute IRI, unique in the whole structure.
        mutating func id(_ element: XMLTree, _ kind: String) throws(Cmi5Error) -> String {
            guard let raw = element.attribute("id") else { throw .invalid(line: element.line, "a <\(kind)> has no id attribute") }
            let id = raw.trimmingXMLSpace()
            guard Cmi5Parser.isAbsoluteIRI(id) else {
                throw .invalid(line: element.line, "the \(kind) id \"\(raw)\" is not an absolute IRI (it must start with a scheme, such as https://)")
            }
            if let first = ids[id] { throw .invalid(line: element.line, "the id \(id) is used twice (first on line \(first)); every course, block and AU id must be unique") }
            ids[id] = element.line
            return id
        }

        /// The langstrings of the required child `name` (title, description).
        func text(_ element: XMLTree, _ name: String) throws(Cmi5Error) -> [LangString] {
            let found = element.children(named: name, in: namespace)
            guard found.count == 1, let holder = found.first else {
                throw .invalid(line: element.line, "<\(element.name.local)> must have exactly one <\(name)>")
            }
            let strings = holder.children(named: "langstring", in: namespace).map {
                LangString(lang: $0.attribute("lang")?.trimmingXMLSpace() ?? "und", text: $0.text.trimmingXMLSpace())
            }
            guard !strings.isEmpty else { throw .invalid(line: holder.line, "<\(name)> must hold at least one <langstring lang=\"…\">") }
            return strings
        }

        func single(_ element: XMLTree, _ name: String) -> String? {
            element.children(named: name, in: namespace).first.map(\.text)
        }

        /// Children in the cmi5 namespace (others are extensions, ignored).
        func own(_ element: XMLTree) -> [XMLTree] { element.children.filter { $0.name.namespace == namespace } }

        func only(_ element: XMLTree, _ allowed: Set<String>) throws(Cmi5Error) {
            for child in own(element) where !allowed.contains(child.name.local) {
                throw .invalid(line: child.line, "<\(child.name.local)> is not allowed in <\(element.name.local)>")
            }
            var seen: Set<String> = []
            for child in own(element) where child.name.local != "objectives" {
                guard seen.insert(child.name.local).inserted else { throw .invalid(line: child.line, "<\(element.name.local)> has two <\(child.name.local)> elements") }
            }
        }
    }

    /// The package file an AU url names: the path part, percent-decoded and checked like every
    /// package path. An absolute URL (scheme, `//host` or `/path`) is refused.
    static func launchPath(_ url: String, au: String) throws(Cmi5Error) -> String {
        if isAbsoluteIRI(url) || url.hasPrefix("/") {
            throw .absoluteURL(au: au, url: url)
        }
        let path = url.prefix { $0 != "?" && $0 != "#" }
        guard let decoded = percentDecoded(String(path)) else { throw .badURL(au: au, url: url, reason: "its percent-escapes are not valid UTF-8") }
        do throws(PathRefusal) { _ = try PackagePath.check(decoded) } catch { throw .badURL(au: au, url: url, reason: error.reason) }
        guard !decoded.hasSuffix("/") else { throw .badURL(au: au, url: url, reason: "it names a folder, not a file") }
        return decoded
    }

    /// Whether `text` starts with a URI scheme (`https:`, `urn:`) and holds no white space.
    public static func isAbsoluteIRI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, text.index(after: colon) != text.endIndex else { return false }
        let scheme = text[..<colon].unicodeScalars
        let isLetter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        guard let first = scheme.first, isLetter(first) else { return false }
        let schemeOK = scheme.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "." }
        return schemeOK && !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 }
    }

    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

extension String {
    /// Without XML white space (space, tab, CR, LF) at either end.
    func trimmingXMLSpace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
