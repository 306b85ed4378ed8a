/// Why a catalog cannot be used: where (`path`, e.g. `courses[1].learningOutcomes[0].id`, empty for
/// the whole document) and what is expected there.
///
/// ```swift
/// do { _ = try CourseCatalog.parse(data) } catch { print(error) }
/// // courses[1].learningOutcomes[0].id must be an absolute IRI such as https://catalog.vet-centre.example/…
/// ```
public struct CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path) \(message)" }
}
