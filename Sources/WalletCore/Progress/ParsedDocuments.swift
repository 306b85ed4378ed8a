import Catalog
import Credentials
import Synchronization

/// The catalog and the trust list's assessors, parsed once per version rather than on every view:
/// both change only when a sync brings a new version, and a learner's page asks for them on every
/// draw. Holds one entry each; a new version replaces it.
///
/// ```swift
/// let catalog = try documents.catalog(version: stored.version) { try CourseCatalog.parse(Data(stored.json.utf8)) }
/// ```
final class ParsedDocuments: Sendable {
    private let parsedCatalog = Mutex<(version: String, catalog: CourseCatalog)?>(nil)
    private let parsedAssessors = Mutex<(key: String, assessors: [RegisteredAssessor])?>(nil)

    func catalog(version: String, parse: () throws -> CourseCatalog) rethrows -> CourseCatalog {
        if let held = parsedCatalog.withLock({ $0 }), held.version == version { return held.catalog }
        let catalog = try parse()
        parsedCatalog.withLock { $0 = (version, catalog) }
        return catalog
    }

    /// `key`: what identifies one trust list (its anchor, version and fetch time).
    func assessors(key: String, parse: () throws -> [RegisteredAssessor]) rethrows -> [RegisteredAssessor] {
        if let held = parsedAssessors.withLock({ $0 }), held.key == key { return held.assessors }
        let assessors = try parse()
        parsedAssessors.withLock { $0 = (key, assessors) }
        return assessors
    }
}
