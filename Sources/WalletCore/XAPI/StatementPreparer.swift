import WalletAPI
import Basics

/// Turns an accepted statement into the form the store keeps, setting what xAPI says the LRS
/// assigns: `id`, `stored`, `timestamp` (when absent), `authority` and `version` (when absent).
///
/// Pure: the caller hands in the generated id, the `stored` time (see
/// `Timestamp.format(millisecondsSince1970:)`) and the authority of the credentials used.
///
/// ```swift
/// let stored = Timestamp.format(millisecondsSince1970: nowMs)
/// let kept = StatementPreparer.prepare(statement, id: statement["id"]?.stringValue ?? newUUID,
///                                      stored: stored, authority: walletAuthority, version: "2.0.0")
/// ```
public enum StatementPreparer {
    /// The statement as the store keeps it.
    ///
    /// - `id`: the statement's own id when it has one, else `id`; lowercased either way (UUIDs are
    ///   case-insensitive and one spelling keeps lookups simple).
    /// - `stored`: always overwritten.
    /// - `timestamp`: set to `stored` when absent; a given one is kept exactly as the device sent
    ///   it (only its point in time matters, and `exact` format should return what was sent).
    /// - `authority`: always overwritten; the LRS vouches with the credentials used.
    /// - `version`: set when absent.
    ///
    /// A non-object input is returned unchanged; the validator never lets one through.
    public static func prepare(_ statement: JSONValue, id: String, stored: String, authority: JSONValue,
                               version: String) -> JSONValue {
        guard case .object(var fields) = statement else { return statement }
        let ownID = fields["id"]?.stringValue
        fields["id"] = .string((ownID ?? id).lowercased())
        fields["stored"] = .string(stored)
        if fields["timestamp"] == nil { fields["timestamp"] = .string(stored) }
        fields["authority"] = authority
        if fields["version"] == nil { fields["version"] = .string(version) }
        return .object(fields)
    }
}
