/// A parsed XML element: its namespace-resolved name, attributes and child elements, and the
/// character data directly inside it. What ``StrictXMLParser`` makes.
///
/// ```swift
/// let root = try StrictXMLParser.parse(Array(xml.utf8))
/// root.name.local                                  // "courseStructure"
/// root.children(named: "au", in: Cmi5.namespace)   // the AUs right under it
/// ```
public struct XMLTree: Sendable, Equatable {
    public var name: XMLName
    public var attributes: [XMLName: String]
    public var children: [XMLTree]
    /// Character data directly inside this element (not its children's), entities resolved.
    public var text: String
    /// The line the start tag is on, for messages.
    public var line: Int

    /// The value of the attribute without a namespace named `local`.
    public func attribute(_ local: String) -> String? { attributes[XMLName(namespace: nil, local: local)] }

    public func children(named local: String, in namespace: String) -> [XMLTree] {
        children.filter { $0.name.local == local && $0.name.namespace == namespace }
    }
}

/// An element or attribute name: its namespace URI (nil: none) and its local part.
///
/// ```swift
/// XMLName(namespace: "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd", local: "au")
/// ```
public struct XMLName: Hashable, Sendable, CustomStringConvertible {
    public var namespace: String?
    public var local: String
    public init(namespace: String?, local: String) {
        self.namespace = namespace
        self.local = local
    }

    public var description: String { namespace.map { "{\($0)}\(local)" } ?? local }
}

/// Why a document is not the XML the parser takes, with the line it was found on.
///
/// ```swift
/// do { _ = try StrictXMLParser.parse(bytes) } catch { print("line \(error.line): \(error.reason)") }
/// ```
public struct XMLError: Error, Equatable, Sendable {
    public let line: Int
    public let reason: String
    public init(line: Int, _ reason: String) {
        self.line = line
        self.reason = reason
    }
}
