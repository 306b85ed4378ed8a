import Foundation

/// A course catalog file, validated by the catalog model (`CourseCatalog.parse`), with the text
/// and version the repository publishes. The text is the model's canonical JSON (RFC 8785) and the
/// version is `CourseCatalog.version`, the SHA-256 of that text: the one definition walletd uses
/// too, so reformatting a file does not change the version and PCs do not fetch it again.
///
/// ```swift
/// let catalog = try CatalogFile.load(path: "catalog/sample-catalog.json")
/// try store.importCatalog(json: catalog.json, version: catalog.version, nowMs: now)
/// ```
public struct CatalogFile: Sendable {
    public var json: String
    public var version: String
    public var courseCount: Int

    /// Why a file cannot be published, naming the file and the place in it.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(path: String) throws(Invalid) -> CatalogFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Invalid(description: "cannot read the catalog file \(path) (check the path and that this user may read it)")
        }
        return try parse(data, source: path)
    }

    public static func parse(_ data: Data, source: String) throws(Invalid) -> CatalogFile {
        let catalog: CourseCatalog
        do {
            catalog = try CourseCatalog.parse(data)
        } catch {
            throw Invalid(description: "\(source) is not a valid course catalog: \(error)")
        }
        return CatalogFile(json: String(decoding: catalog.canonicalJSON, as: UTF8.self), version: catalog.version,
                           courseCount: catalog.courses.count)
    }
}
