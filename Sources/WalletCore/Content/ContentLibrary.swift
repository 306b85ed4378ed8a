import CoursePackage
import Crypto
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The cmi5 course packages stored on this PC: imports them (checked, unpacked into
/// `DATA/content/<folder>/`, switched to in one database transaction), lists and removes them,
/// and answers what launching and serving need: an AU by its id, and a request path inside a
/// package resolved to a file on disk with its content type.
///
/// A re-import of the same course unpacks beside the old folder and the database switches to it
/// in one transaction, so a reader sees the old package or the new one, never a mix; the old
/// folder is removed afterwards. Folders and upload files that a crash left behind are removed at
/// start and before each import. Imports run one at a time.
///
/// ```swift
/// let library = ContentLibrary(store: store, dataDirectory: dataDir)
/// let upload = try library.newUploadPath()                 // stream the request body here
/// let imported = try library.importPackage(at: upload, nowMs: now)
/// if let launch = try library.assignableUnit(id: auId) {   // the lead's launch
///     let file = try library.file(inPackage: launch.package.id, path: launch.unit.launchPath)
///     print(file.path, file.contentType)
/// }
/// ```
public final class ContentLibrary: Sendable {
    /// `DATA/content`.
    public let root: String
    public let limits: ZipLimits
    let store: WalletStore
    private let importing = Mutex(false)

    static let uploadPrefix = ".upload-"
    static let stagingPrefix = ".staging-"

    /// Makes `content/` when it can and removes what a crash left there; an import makes the
    /// folder again if it is missing, and reports why when it cannot.
    public init(store: WalletStore, dataDirectory: String, limits: ZipLimits = .standard) {
        self.store = store
        self.root = (dataDirectory as NSString).appendingPathComponent("content")
        self.limits = limits
        if mkdir(root, 0o700) == 0 || errno == EEXIST { try? sweep() }
    }

    // MARK: Import, list, remove

    /// A new path in `content/` for an upload; the import (or the next sweep) removes it.
    public func newUploadPath() throws -> String {
        if mkdir(root, 0o700) != 0 && errno != EEXIST { throw ContentError.unpack(UnpackError(path: "content", errno: errno)) }
        return root + "/" + Self.uploadPrefix + Self.stamp() + ".zip"
    }

    /// Checks the zip at `path`, unpacks it and stores it, replacing an earlier import of the same
    /// course. Removes the file at `path` in every case. Answers the package and the one it
    /// replaced, if any.
    public func importPackage(at path: String, nowMs: Int64) throws -> (package: ContentPackage, replaced: ContentPackage?) {
        defer { unlink(path) }
        let claimed = importing.withLock { running in
            if running { return false }
            running = true
            return true
        }
        guard claimed else { throw ContentError.busy }
        defer { importing.withLock { $0 = false } }
        try sweep(keeping: path)

        let checked: CheckedPackage
        do { checked = try CheckedPackage(path: path, limits: limits) }
        catch let error as ZipError { throw ContentError.zip(error) }
        catch let error as Cmi5Error { throw ContentError.structure(error) }
        let structure = checked.structure
        let id = Self.packageId(course: structure.course.id)
        let owners = try store.assignableUnitOwners(structure.assignableUnits.map(\.id), except: id)
        if let clash = owners.min(by: { $0.key < $1.key }) {
            let course = try store.contentPackage(id: clash.value)?.courseId ?? "?"
            throw ContentError.unitInOtherPackage(unit: clash.key, package: clash.value, course: course)
        }

        let staging = root + "/" + Self.stagingPrefix + Self.stamp()
        guard mkdir(staging, 0o700) == 0 else { throw ContentError.unpack(UnpackError(path: "content", errno: errno)) }
        let folder = id + "-" + Self.stamp()
        do {
            do { try checked.unpack(into: staging) }
            catch let error as ZipError { throw ContentError.zip(error) }
            catch let error as UnpackError { throw ContentError.unpack(error) }
            guard rename(staging, root + "/" + folder) == 0 else { throw ContentError.unpack(UnpackError(path: folder, errno: errno)) }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        let package = ContentPackage(id: id, structure: structure, folder: folder, fileCount: checked.fileCount,
                                     byteCount: checked.archive.totalUncompressedSize, sha256: try Self.sha256(of: checked.archive.file),
                                     importedMs: nowMs)
        let replaced: ContentPackage?
        do { replaced = try store.replaceContentPackage(package, nowMs: nowMs) } catch {
            try? FileManager.default.removeItem(atPath: root + "/" + folder)
            throw error
        }
        if let replaced { try? FileManager.default.removeItem(atPath: root + "/" + replaced.folder) }
        return (package, replaced)
    }

    public func packages() throws -> [ContentPackage] { try store.contentPackages() }

    /// Removes a package by its id (`c-…`) or its course id; its files go after its rows.
    public func remove(_ idOrCourse: String, nowMs: Int64) throws -> ContentPackage {
        let id = idOrCourse.hasPrefix("c-") ? idOrCourse : Self.packageId(course: idOrCourse)
        guard let removed = try store.removeContentPackage(id: id, nowMs: nowMs) else { throw ContentError.packageNotFound(idOrCourse) }
        try? FileManager.default.removeItem(atPath: root + "/" + removed.folder)
        return removed
    }

    // MARK: What launching and serving use

    /// The AU with this id (an absolute IRI, as in cmi5.xml and the catalog's outcome ids), with
    /// its package (whose ``ContentPackage/structure`` holds the course and blocks, for the
    /// move-on rules); nil when no package holds it.
    /// Nil too when the package's files are not on this PC (``hasFiles(_:)``): there is nothing to launch.
    public func assignableUnit(id: String) throws -> AssignableUnitLaunch? {
        guard let package = try store.contentPackage(forAssignableUnit: id), hasFiles(package),
              let unit = package.structure.assignableUnits.first(where: { $0.id == id }) else { return nil }
        return AssignableUnitLaunch(unit: unit, package: package)
    }

    /// Whether the package's unpacked folder is on this PC. The database and the `content/`
    /// folder can part when only the database comes back: a backup restored (backups copy the
    /// database, not the packages) after the package was imported again or removed. Such a
    /// package offers no lesson until it is imported again (`wallet-cli content list` says so).
    public func hasFiles(_ package: ContentPackage) -> Bool {
        var info = stat()
        return lstat(root + "/" + package.folder + "/" + CheckedPackage.structureFile, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The file a request path names inside a package: `path` is the part after the package's
    /// own prefix, percent-decoded (`js/au.js`). Refused: anything ``PackagePath`` refuses (`..`,
    /// absolute, backslashes, hidden files), and anything that is not a regular file reached
    /// without a link; `fileNotFound` for a name the package does not hold.
    public func file(inPackage packageId: String, path: String) throws -> ContentFile {
        do throws(PathRefusal) { _ = try PackagePath.check(path, maxBytes: limits.maxNameBytes, maxDepth: limits.maxDepth) }
        catch { throw ContentError.pathRefused(path: path, reason: error.reason) }
        guard !path.hasSuffix("/") else { throw ContentError.fileNotFound(package: packageId, path: path) }
        guard let package = try store.contentPackage(id: packageId) else { throw ContentError.packageNotFound(packageId) }
        let folder = root + "/" + package.folder
        let full = folder + "/" + path
        var info = stat()
        guard lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw ContentError.fileNotFound(package: packageId, path: path) }
        // Every folder on the way must be a real folder too: the resolved path is the plain one.
        guard let real = realpath(full, nil), let realFolder = realpath(folder, nil) else {
            throw ContentError.fileNotFound(package: packageId, path: path)
        }
        defer { free(real); free(realFolder) }
        guard String(cString: real) == String(cString: realFolder) + "/" + path else {
            throw ContentError.pathRefused(path: path, reason: "it does not lead to a plain file inside the package")
        }
        return ContentFile(path: full, contentType: ContentType.of(path), size: Int(info.st_size))
    }

    // MARK: Helpers

    /// `c-` and the first 16 hex digits of SHA-256(course id).
    public static func packageId(course: String) -> String {
        "c-" + SHA256.hash(data: Data(course.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    static func stamp() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    static func sha256(of file: RandomAccessFile) throws -> String {
        var hasher = SHA256()
        var offset = 0
        while offset < file.size {
            let count = min(1 << 20, file.size - offset)
            hasher.update(data: try file.read(at: offset, count: count))
            offset += count
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Removes what a crash or a failed import left in `content/`: uploads, staging folders and
    /// package folders the database does not point at.
    func sweep(keeping upload: String? = nil) throws {
        let keep = try store.contentFolders()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            let path = root + "/" + name
            if path == upload || keep.contains(name) { continue }
            if name.hasPrefix(Self.uploadPrefix) || name.hasPrefix(Self.stagingPrefix) || name.hasPrefix("c-") {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }
}

/// An AU found by its id: the unit as cmi5.xml declares it and the package it belongs to.
///
/// ```swift
/// let launch = try library.assignableUnit(id: "https://catalog.vet-centre.example/courses/food-hygiene-haccp/outcomes/personal-hygiene")
/// launch?.unit.moveOn            // .passed
/// launch?.unit.masteryScore      // 0.8
/// launch?.package.structure      // the course and its blocks
/// ```
public struct AssignableUnitLaunch: Sendable, Equatable {
    public let unit: AssignableUnitNode
    public let package: ContentPackage
}

/// A file to serve: its path on disk, its media type and size.
///
/// ```swift
/// let file = try library.file(inPackage: "c-0123456789abcdef", path: "au.js")
/// file.contentType   // "text/javascript; charset=utf-8"
/// ```
public struct ContentFile: Sendable, Equatable {
    public let path: String
    public let contentType: String
    public let size: Int
}
