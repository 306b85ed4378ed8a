import Basics

/// `GET /sync/v1/catalog`: the course catalog with its version, as JSON the device stores whole.
///
/// ```swift
/// let envelope = try CatalogEnvelope(body: bytes)
/// let catalog = try CourseCatalog.parse(Data(envelope.catalog.encoded()))
/// ```
public struct CatalogEnvelope: Sendable, Equatable {
    public var version: String
    public var catalog: JSONValue

    public init(version: String, catalog: JSONValue) {
        self.version = version
        self.catalog = catalog
    }

    public var json: JSONValue {
        .object(["format": .number(Double(SyncWireFormat.version)), "version": .string(version), "catalog": catalog])
    }

    public init(body: some Collection<UInt8>) throws(SyncWireError) {
        let object = try SyncWireFormat.envelope(data: body)
        version = try object.string("version", maxBytes: 128)
        catalog = try object.value("catalog")
    }
}
