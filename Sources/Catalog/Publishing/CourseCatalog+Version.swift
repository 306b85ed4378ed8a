import Crypto
import Foundation
import Basics

/// A catalog's identity for sync: the lowercase hex SHA-256 of its canonical JSON (RFC 8785) as
/// the model encodes it. Key order, whitespace and number spelling (`2` or `2.0`) do not change
/// it; any change of content does. Keys the model does not know, and optional fields written as
/// `null`, are not part of the model and so not of the version.
///
/// ```swift
/// let catalog = try CourseCatalog.parse(data)
/// if catalog.version != storedVersion { /* replace the stored catalog */ }
/// ```
extension CourseCatalog {
    /// The RFC 8785 bytes of the catalog as the model encodes it.
    public var canonicalJSON: [UInt8] {
        do {
            let encoded = try JSONEncoder().encode(self)
            return try JSONValue(data: encoded).canonicalData()
        } catch {
            // Plain strings, finite numbers, arrays and objects always encode and parse back.
            preconditionFailure("a CourseCatalog always encodes to JSON: \(error)")
        }
    }

    /// Lowercase hex SHA-256 of `canonicalJSON`, 64 characters.
    public var version: String {
        Hex.lowercase(SHA256.hash(data: canonicalJSON))
    }
}
