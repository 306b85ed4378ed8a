import Crypto
import Foundation
import WalletAPI

/// A course catalog file, validated, with the text and version the repository publishes. The
/// version is the SHA-256 of the catalog's canonical JSON (RFC 8785), so the same catalog always
/// has the same version, whatever its formatting.
///
/// ```swift
/// let catalog = try CatalogFile.load(path: "catalog/sample-catalog.json")
/// try store.importCatalog(json: catalog.json, version: catalog.version, nowMs: now)
/// ```
public struct CatalogFile: Sendable {
    public var json: String
    public var version: String
    public var courseCount: Int

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(path: String) throws(Invalid) -> CatalogFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Invalid(description: "cannot read the catalog file \(path)")
        }
        return try parse(data, source: path)
    }

    public static func parse(_ data: Data, source: String) throws(Invalid) -> CatalogFile {
        let value: JSONValue
        do {
            value = try JSONValue(data: data)
        } catch {
            throw Invalid(description: "\(source) is not JSON: \(error)")
        }
        guard let courses = value["courses"]?.arrayValue else {
            throw Invalid(description: "\(source): a catalog is an object with a \"courses\" array")
        }
        try CatalogValidation.check(data, source: source)
        let canonical = value.canonicalData()
        let version = SHA256.hash(data: canonical).map { String(format: "%02x", $0) }.joined()
        return CatalogFile(json: String(decoding: canonical, as: UTF8.self), version: version, courseCount: courses.count)
    }
}
