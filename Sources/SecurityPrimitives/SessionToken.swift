import Crypto
import Foundation
import Basics

/// A session token: 256 random bits, handed to the client in base64url, stored only as its
/// SHA-256 so that a copy of the database does not yield live sessions.
///
/// ```swift
/// let token = SessionToken.generate()
/// store.saveSession(hash: token.storageHash, …)
/// reply(token.text)
/// ```
public struct SessionToken: Sendable, Equatable {
    public let text: String

    public init(text: String) { self.text = text }

    public static func generate() -> SessionToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return SessionToken(text: Base64URL.encode(Data(bytes)))
    }

    /// The value kept in the database: hex SHA-256 of the token text.
    public var storageHash: String { Self.sha256Hex(text) }

    /// Lowercase hex SHA-256 of a text: how tokens, codes and other secrets are kept at rest.
    public static func sha256Hex(_ text: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(text.utf8)))
    }

    /// A well-formed token is 43 base64url characters; anything else is rejected before any lookup.
    public var isWellFormed: Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy { Base64URL.isAlphabet($0) }
    }
}
