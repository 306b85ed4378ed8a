#if canImport(Glibc)
import Glibc
#endif
import Catalog
import Credentials
import Foundation
import Synchronization
import Basics

/// The repository's signing keys on disk: `KEYS/issuers/SLUG.key` per awarding body and
/// `KEYS/repository.key` (signs the trust list), each the 32-byte Ed25519 seed in base64url. Files
/// are 0600 and folders 0700; a key is made on first use and read back on every later start, so a
/// body keeps its DID. A key is never overwritten: it is written to a temporary file and then
/// hard-linked to its name, which fails if another process made it first (whose key then wins).
/// A rotation (`IssuerKeyring+Rotation.swift`) archives the old key beside it, never deletes it.
///
/// ```swift
/// let keys = IssuerKeyring(directory: dataDir + "/keys")
/// let body = try keys.issuerKey(slug: IssuerKeyring.slug(for: "Gastro-Akademie Rheinland"))
/// let repo = try keys.repositoryKey()
/// print(repo.didKey.did)
/// ```
public final class IssuerKeyring: Sendable {
    public let directory: String
    /// Keys by relative path, with the file's inode: a rotation by another process
    /// (`repositoryd key rotate`) renames a new file into place, and the next use reads it.
    private let cache = Mutex<[String: (key: SigningKey, inode: UInt64)]>([:])

    public init(directory: String) { self.directory = directory }

    /// The keys folder inside a repository data folder.
    public static func inDataDirectory(_ dataDirectory: String) -> IssuerKeyring {
        IssuerKeyring(directory: (dataDirectory as NSString).appendingPathComponent("keys"))
    }

    /// The slug an awarding body's key and status list are named by (`AwardingBody.slug(for:)`).
    public static func slug(for name: String) -> String {
        AwardingBody.slug(for: name)
    }

    /// Whether `text` is a slug this keyring can name a file by (what `slug(for:)` makes).
    public static func isValidSlug(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64 && !text.hasPrefix("-")
            && text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    /// The issuer key of the awarding body with this slug, made on first use.
    public func issuerKey(slug: String) throws(KeyringError) -> SigningKey {
        guard Self.isValidSlug(slug) else { throw KeyringError(message: "'\(slug.prefix(80))' is not an awarding body slug (lowercase letters, digits, hyphens)") }
        return try key(at: "issuers/\(slug).key")
    }

    /// The repository's own key (signs the trust list), made on first use.
    public func repositoryKey() throws(KeyringError) -> SigningKey {
        try key(at: "repository.key")
    }

    /// The secret the repository wraps learners' sealed holder keys under (`HolderKeyWrap`): 32
    /// random bytes in `holder-wrap.key`, made on first use, kept apart from the database so a
    /// copy of the database alone gives nothing to brute-force a holder key with.
    public func holderWrapSecret() throws(KeyringError) -> [UInt8] {
        try key(at: "holder-wrap.key").seed
    }

    func key(at relativePath: String) throws(KeyringError) -> SigningKey {
        let path = (directory as NSString).appendingPathComponent(relativePath)
        let inode = Self.inode(of: path)
        if let known = cache.withLock({ $0[relativePath] }), inode != nil, known.inode == inode { return known.key }
        let key = try readOrCreate(path: path)
        // The inode seen *before* reading: a rotation landing in between is then seen at the
        // next use (another inode), never cached as if the old key were the new file's.
        if let inode = inode ?? Self.inode(of: path) { cache.withLock { $0[relativePath] = (key, inode) } }
        return key
    }

    static func inode(of path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    func readOrCreate(path: String) throws(KeyringError) -> SigningKey {
        if let existing = try read(path: path) { return existing }
        try makeFolders(for: path)
        let key = SigningKey.generate()
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let text = Array((Base64URL.encode(key.seed) + "\n").utf8)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw KeyringError(message: "cannot create \(temporary): \(Self.errnoText()); check that the repository's user owns \(directory)") }
        defer { unlink(temporary) }
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        guard written == text.count, synced == 0 else { throw KeyringError(message: "cannot write the new key \(temporary): \(Self.errnoText())") }
        // link(2), not rename(2): rename would replace a key another process made meanwhile.
        if link(temporary, path) != 0 {
            guard errno == EEXIST, let winner = try read(path: path) else {
                throw KeyringError(message: "cannot store the new key at \(path): \(Self.errnoText())")
            }
            return winner
        }
        return key
    }

    func read(path: String) throws(KeyringError) -> SigningKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeyringError(message: "cannot read the key \(path); check that the repository's user owns it (mode 0600)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let seed = Base64URL.decode(text).map({ Array($0) }), seed.count == 32, let key = try? SigningKey(seed: seed) else {
            throw KeyringError(message: "the key file \(path) is damaged (expected a 32-byte Ed25519 seed in base64url); restore it from a backup — a new key would change the DID verifiers trust")
        }
        chmod(path, 0o600)
        return key
    }

    func makeFolders(for path: String) throws(KeyringError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw KeyringError(message: "cannot create the key folder \(folder): \(error)")
        }
        // Folders made by an earlier run under a wider umask are narrowed too.
        var current = folder
        while current.count >= directory.count, current.hasPrefix(directory) {
            chmod(current, 0o700)
            current = (current as NSString).deletingLastPathComponent
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// A key that cannot be read or made, with what to check.
///
/// ```swift
/// do { _ = try keys.repositoryKey() } catch { print(error) }
/// ```
public struct KeyringError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
