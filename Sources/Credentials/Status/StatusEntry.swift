import Basics

/// A credential's `credentialStatus`: a 2-bit `BitstringStatusListEntry` with purpose `message`
/// (0 valid, 1 suspended, 2 revoked), so one entry carries both revocation and suspension — the
/// Open Badges 3.0 schema allows a single `credentialStatus` object.
///
/// ```swift
/// let entry = StatusEntry(listURL: "https://repo.example/status/bbz-logistik", index: 4711)
/// entry.json["statusListIndex"]   // "4711"
/// ```
public struct StatusEntry: Sendable, Equatable {
    public static let purpose = "message"
    public static let size = 2

    public var listURL: String
    public var index: Int

    public init(listURL: String, index: Int) {
        self.listURL = listURL
        self.index = index
    }

    public var json: JSONValue {
        .object([
            "id": .string("\(listURL)#\(index)"),
            "type": .string("BitstringStatusListEntry"),
            "statusPurpose": .string(Self.purpose),
            "statusSize": .number(Double(Self.size)),
            "statusListIndex": .string(String(index)),
            "statusListCredential": .string(listURL),
            "statusMessage": .array(CredentialStatusValue.statusMessages.map {
                .object(["status": .string($0.status), "message": .string($0.message)])
            }),
        ])
    }

    public init(json: JSONValue) throws(CredentialError) {
        guard case .object(let fields) = json else { throw .invalid("credentialStatus must be an object") }
        guard fields["type"]?.stringValue == "BitstringStatusListEntry" else {
            throw .invalid("credentialStatus type must be BitstringStatusListEntry")
        }
        guard fields["statusPurpose"]?.stringValue == Self.purpose else {
            throw .invalid("credentialStatus statusPurpose must be '\(Self.purpose)' (2 bits: valid, suspended, revoked)")
        }
        guard (fields["statusSize"]?.doubleValue ?? 1) == Double(Self.size) else {
            throw .invalid("credentialStatus statusSize must be \(Self.size)")
        }
        guard let text = fields["statusListIndex"]?.stringValue, !text.isEmpty, text.utf8.count <= 9,
              text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let index = Int(text)
        else { throw .invalid("credentialStatus statusListIndex must be a base-10 number as a string") }
        guard let url = fields["statusListCredential"]?.stringValue, url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw .invalid("credentialStatus statusListCredential must be an http(s) URL")
        }
        self.init(listURL: url, index: index)
    }
}
