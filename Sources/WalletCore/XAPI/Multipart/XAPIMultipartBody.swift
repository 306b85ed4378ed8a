import Basics

/// An xAPI statement request or answer with attachment data (Communication 1.5.2): the JSON of
/// the first part (one statement, an array of them, or a StatementResult) and the attachment
/// data of the further parts, one per distinct hash, in the order they were sent.
///
/// ```swift
/// let body = try XAPIMultipartParser.parse(bytes, contentType: header, limits: limits)
/// for part in body.attachments { store(part.sha2, part.data) }
/// let answer = XAPIMultipartWriter.write(body)   // parse(answer) == body
/// ```
public struct XAPIMultipartBody: Sendable, Equatable {
    public var statements: JSONValue
    public var attachments: [XAPIAttachmentPart]

    public init(statements: JSONValue, attachments: [XAPIAttachmentPart]) {
        self.statements = statements
        self.attachments = attachments
    }

    /// The statements the JSON holds, each with where a person finds it: an array's elements
    /// (`[2]`), a StatementResult's `statements` (`statements[2]`), or the one statement (``).
    var statementsWithPaths: [(path: String, statement: JSONValue)] {
        switch statements {
        case .array(let list):
            return list.enumerated().map { ("[\($0.offset)]", $0.element) }
        case .object(let fields) where fields["actor"] == nil:
            if case .array(let list)? = fields["statements"] {
                return list.enumerated().map { ("statements[\($0.offset)]", $0.element) }
            }
            return [("", statements)]
        default:
            return [("", statements)]
        }
    }

    /// Every attachment object of every statement and of its SubStatement: its path, lowercase
    /// `sha2`, `fileUrl` presence and `contentType`. Entries that are no object or lack a string
    /// `sha2` are left out here: StatementValidator refuses them with a precise path.
    var declaredAttachments: [(path: String, sha2: String, hasFileURL: Bool, contentType: String?)] {
        var found: [(path: String, sha2: String, hasFileURL: Bool, contentType: String?)] = []
        var containers: [(path: String, statement: JSONValue)] = []
        for (path, statement) in statementsWithPaths {
            containers.append((path, statement))
            // A SubStatement may carry attachments of its own (Data 2.4.4.3); their data travels alike.
            if statement["object"]?["objectType"]?.stringValue == "SubStatement", let object = statement["object"] {
                containers.append((path.isEmpty ? "object" : "\(path).object", object))
            }
        }
        for (path, statement) in containers {
            guard case .array(let attachments)? = statement["attachments"] else { continue }
            for (index, attachment) in attachments.enumerated() {
                guard let sha2 = attachment["sha2"]?.stringValue else { continue }
                let prefix = path.isEmpty ? "attachments" : "\(path).attachments"
                found.append(("\(prefix)[\(index)]", sha2.lowercased(), attachment["fileUrl"] != nil,
                              attachment["contentType"]?.stringValue))
            }
        }
        return found
    }
}
