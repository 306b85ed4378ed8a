import Foundation
import Basics

/// One key of an awarding body and the time it may sign in. An awarding body's key rotates
/// (`repositoryd key rotate`) with the old key still listed, so credentials it signed keep
/// verifying; what the window adds is that a retired key signs nothing new: a proof `created`
/// outside the window is refused, so a thief of a retired key cannot issue today's credentials.
/// Windows overlap by `IssuerKeyWindow.rotationOverlap` so a credential signed while the key
/// changed still verifies.
///
/// ```swift
/// let old = IssuerKeyWindow(did: "did:key:z6MkOld", validFrom: nil, validUntil: retiredAt)
/// old.covers(proofCreated)     // true for credentials signed before the retirement
/// ```
public struct IssuerKeyWindow: Sendable, Equatable {
    public var did: String
    /// From when the key signs; nil: since the body was first listed.
    public var validFrom: Date?
    /// Until when (exclusive) the key signs; nil: the current key.
    public var validUntil: Date?

    /// How long a retired key's window reaches past the rotation: a credential being signed while
    /// the key file changed still lands inside the window.
    public static let rotationOverlap: TimeInterval = 600

    public init(did: String, validFrom: Date?, validUntil: Date?) {
        self.did = did
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    /// Whether a proof created at `date` lies inside the window.
    public func covers(_ date: Date) -> Bool {
        if let validFrom, date < validFrom { return false }
        if let validUntil, date >= validUntil { return false }
        return true
    }

    /// The window in words, for a verification line.
    public var text: String {
        let from = validFrom.map { "from \(CredentialDate.string(from: $0))" } ?? "from the start"
        let until = validUntil.map { " until \(CredentialDate.string(from: $0))" } ?? " on (current key)"
        return from + until
    }

    var json: JSONValue {
        var entry: [String: JSONValue] = ["id": .string(did)]
        if let validFrom { entry["validFrom"] = .string(CredentialDate.string(from: validFrom)) }
        if let validUntil { entry["validUntil"] = .string(CredentialDate.string(from: validUntil)) }
        return .object(entry)
    }

    init(json: JSONValue) throws(CredentialError) {
        guard let did = json["id"]?.stringValue else { throw .invalid("a key of an awarding body on the trust list has no id") }
        func date(_ name: String) throws(CredentialError) -> Date? {
            guard let value = json[name] else { return nil }
            guard let text = value.stringValue, let date = CredentialDate.parse(text) else {
                throw .invalid("the \(name) of key \(did.prefix(80)) on the trust list is not a date-time with a time zone")
            }
            return date
        }
        self.init(did: did, validFrom: try date("validFrom"), validUntil: try date("validUntil"))
    }
}
