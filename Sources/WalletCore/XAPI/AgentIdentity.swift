import WalletAPI
import Basics

/// The identity of an xAPI Agent or Identified Group: one canonical string for its inverse
/// functional identifier (IFI).
///
/// xAPI says two Agents (or Identified Groups) are the same when they use the same IFI with equal
/// values; names and `objectType` do not matter. The key lets a store match the `agent` query
/// parameter against statements with a plain string comparison.
///
/// ```swift
/// let ana: JSONValue = ["objectType": "Agent", "name": "Ana", "mbox": "mailto:ana@Example.org"]
/// AgentIdentity.key(of: ana)                                     // "mbox:mailto:ana@example.org"
/// AgentIdentity.key(of: ["account": ["homePage": "https://lms.example", "name": "42"]])
///                                                                // "account:https://lms.example|42"
/// AgentIdentity.key(of: ["objectType": "Group", "member": []])   // nil: an anonymous group
/// ```
public enum AgentIdentity {
    /// The canonical key of an Agent's or Identified Group's IFI, or nil when it has none.
    ///
    /// Forms: `mbox:mailto:LOCAL@domain` (scheme and domain lowercased: they are case-insensitive,
    /// the local part is not), `mbox_sha1sum:HEX` (lowercased), `openid:IRI`,
    /// `account:HOMEPAGE|NAME`. A valid agent has exactly one IFI; should several be present the
    /// first of mbox, mbox_sha1sum, openid, account wins, so the key is still deterministic.
    public static func key(of agentOrGroup: JSONValue) -> String? {
        guard case .object(let agent) = agentOrGroup else { return nil }
        if let mbox = agent["mbox"]?.stringValue {
            return "mbox:" + normalizedMbox(mbox)
        }
        if let sha1 = agent["mbox_sha1sum"]?.stringValue {
            return "mbox_sha1sum:" + sha1.lowercased()
        }
        if let openid = agent["openid"]?.stringValue {
            return "openid:" + openid
        }
        if let account = agent["account"]?.objectValue,
           let homePage = account["homePage"]?.stringValue,
           let name = account["name"]?.stringValue {
            // `|` cannot appear unescaped in an IRI, so the homePage ends at the first one.
            return "account:" + homePage + "|" + name
        }
        return nil
    }

    /// The keys of a Group's members that have an IFI (none for an Agent).
    static func memberKeys(of agentOrGroup: JSONValue) -> [String] {
        guard let members = agentOrGroup["member"]?.arrayValue else { return [] }
        return members.compactMap { key(of: $0) }
    }

    /// `mailto:` IRI with the parts xAPI calls case-insensitive (scheme, domain) lowercased.
    static func normalizedMbox(_ mbox: String) -> String {
        var rest = Substring(mbox)
        var scheme = ""
        if let colon = rest.firstIndex(of: ":") {
            scheme = rest[...colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        guard let at = rest.lastIndex(of: "@") else { return scheme + rest }
        return scheme + rest[..<at] + rest[at...].lowercased()
    }
}
