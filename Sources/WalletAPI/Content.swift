/// The body of `POST /v1/content`: a cmi5 course package, the zip file's bytes as they are
/// (`Content-Type: application/zip`), not JSON. walletd streams it to a file and checks it there.
///
/// ```swift
/// var request = WalletdRequest(Endpoints.importContent, adminToken: admin)
/// request.body = try Data(contentsOf: packageURL, options: .alwaysMapped)
/// request.headers["Content-Type"] = ContentPackageZip.mediaType
/// ```
public struct ContentPackageZip: Sendable, Equatable {
    public static let mediaType = "application/zip"
}

/// A cmi5 course package stored on this PC (`wallet-cli content list`), as the import, the list
/// and the removal answer it.
///
/// ```swift
/// let list: ContentPackageList = try client.call(Endpoints.listContent, adminToken: admin)
/// for package in list.packages { print(package.id, package.title, package.units.count) }
/// ```
public struct ContentPackageSummary: Codable, Sendable, Equatable {
    /// `c-` and 16 hex digits: what `wallet-cli content remove` takes (the course id works too).
    public var id: String
    /// The course's id (an IRI) in cmi5.xml.
    public var course: String
    /// The course title in English, else its first language.
    public var title: String
    public var units: [ContentUnitSummary]
    public var files: Int
    /// Unpacked bytes.
    public var bytes: Int
    /// SHA-256 of the imported zip, hex.
    public var sha256: String
    public var importedAt: String
    /// On import: an earlier import of the same course was replaced.
    public var replaced: Bool?
    /// True when the database lists the package but its files are not on this PC (a database
    /// restored from a backup after the package was imported again or removed): its lessons are
    /// not offered until it is imported again.
    public var filesMissing: Bool?

    public init(id: String, course: String, title: String, units: [ContentUnitSummary], files: Int, bytes: Int, sha256: String,
                importedAt: String, replaced: Bool? = nil, filesMissing: Bool? = nil) {
        self.id = id
        self.course = course
        self.title = title
        self.units = units
        self.files = files
        self.bytes = bytes
        self.sha256 = sha256
        self.importedAt = importedAt
        self.replaced = replaced
        self.filesMissing = filesMissing
    }
}

/// One assignable unit of a stored package: its id (a learning outcome's id when it counts for
/// one), title, relative url and move-on rule.
///
/// ```swift
/// package.units.first?.moveOn   // "Passed"
/// ```
public struct ContentUnitSummary: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var url: String
    public var moveOn: String
    public var masteryScore: Double?

    public init(id: String, title: String, url: String, moveOn: String, masteryScore: Double?) {
        self.id = id
        self.title = title
        self.url = url
        self.moveOn = moveOn
        self.masteryScore = masteryScore
    }
}

/// `GET /v1/content`: every stored package, by course id.
///
/// ```swift
/// let list: ContentPackageList = try client.call(Endpoints.listContent, adminToken: admin)
/// ```
public struct ContentPackageList: Codable, Sendable, Equatable {
    public var packages: [ContentPackageSummary]
    public init(packages: [ContentPackageSummary]) { self.packages = packages }
}
