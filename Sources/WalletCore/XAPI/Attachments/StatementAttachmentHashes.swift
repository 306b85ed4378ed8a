import Basics

/// The `sha2` of the attachments a statement names, its SubStatement's included, lowercased:
/// which stored data a statement refers to (links at insert, parts of a GET with
/// `attachments=true`).
///
/// ```swift
/// StatementAttachmentHashes.of(statement, withFileURL: false)   // ["495395e7…"]: data only the request carried
/// ```
public enum StatementAttachmentHashes {
    /// - Parameter withFileURL: false leaves out attachments that have a `fileUrl`.
    public static func of(_ statement: JSONValue, withFileURL: Bool = true) -> Set<String> {
        var hashes: Set<String> = []
        var containers = [statement]
        if statement["object"]?["objectType"]?.stringValue == "SubStatement", let object = statement["object"] {
            containers.append(object)
        }
        for container in containers {
            for attachment in container["attachments"]?.arrayValue ?? [] {
                guard let sha2 = attachment["sha2"]?.stringValue else { continue }
                if !withFileURL && attachment["fileUrl"] != nil { continue }
                hashes.insert(sha2.lowercased())
            }
        }
        return hashes
    }
}
