import Credentials
import Foundation
import Synchronization
import Catalog

/// What the repository needs to issue credentials: the keys, the public URL that status lists and
/// the verification page are published under, and someone to tell about each issuance (repositoryd
/// logs it; RepositoryCore has no logger). A store opened without one (admin commands, tests of
/// sync alone) issues nothing.
///
/// ```swift
/// let authority = CredentialAuthority(keyring: .inDataDirectory(dir), publicURL: { "https://repo.example:8443" },
///                                     onEvent: { event in logger.info("\(event)") })
/// let store = try SQLiteRepositoryStore(directory: dir, durability: .full, authority: authority)
/// ```
public final class CredentialAuthority: Sendable {
    public let keyring: IssuerKeyring
    let publicURLProvider: @Sendable () -> String
    let onEvent: @Sendable (CredentialEvent) -> Void
    private let parsedCatalog = Mutex<(version: String, catalog: CourseCatalog)?>(nil)

    public init(keyring: IssuerKeyring, publicURL: @escaping @Sendable () -> String,
                onEvent: @escaping @Sendable (CredentialEvent) -> Void = { _ in }) {
        self.keyring = keyring
        publicURLProvider = publicURL
        self.onEvent = onEvent
    }

    /// The base URL, without a trailing slash.
    public var publicURL: String {
        var url = publicURLProvider()
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    public func statusListURL(slug: String) -> String { publicURL + "/status/" + slug }
    public var trustListURL: String { publicURL + "/trust-list" }
    public var verificationPage: String { publicURL + "/verify" }

    /// The stored catalog, parsed once per version (a push that may complete a course reads it).
    func catalog(version: String, json: String) throws -> CourseCatalog {
        if let cached = parsedCatalog.withLock({ $0 }), cached.version == version { return cached.catalog }
        let catalog = try CourseCatalog.parse(Data(json.utf8))
        parsedCatalog.withLock { $0 = (version, catalog) }
        return catalog
    }

    func report(_ events: [CredentialEvent]) {
        for event in events { onEvent(event) }
    }
}

/// Something the credential side did or could not do, for the log. Ids only: no names, no DIDs
/// of learners.
///
/// ```swift
/// authority.onEvent(.issued(credential: id, learner: "ana", course: courseID, awardingBody: "gastro-akademie-rheinland"))
/// ```
public enum CredentialEvent: Sendable, Equatable, CustomStringConvertible {
    case issued(credential: String, learner: String, course: String, awardingBody: String)
    /// Issuance for this learner failed and was rolled back (the push itself was applied).
    case failed(learner: String, reason: String)

    public var description: String {
        switch self {
        case .issued(let credential, let learner, let course, let body):
            "credential issued id=\(credential) learner=\(learner) course=\(course) body=\(body)"
        case .failed(let learner, let reason):
            "credential issuance failed learner=\(learner): \(reason)"
        }
    }
}
