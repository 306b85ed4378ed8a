#if canImport(Glibc)
import Glibc
#endif
import Credentials
import Foundation
import Basics

/// Key rotation. A rotation makes the successor first (`NAME.next.key`), then archives the
/// current key under its rotation time (`NAME.20261202T071500Z.key`, a hard link: the bytes are
/// never copied or deleted), then renames the successor into place; a crash anywhere leaves the
/// current key working, and running the rotation again finishes it. A running repositoryd sees
/// the new file at its next signature (`IssuerKeyring` re-reads a key whose inode changed).
///
/// - An awarding body's keys are listed on the trust list with windows (`issuerKeyWindows`): old
///   credentials keep verifying, a retired key signs nothing new.
/// - The repository's key (the trust anchor) hands over by a succession statement signed with the
///   old key (`TrustAnchorSuccession`), kept in `trust-anchor-successions.json` and carried on
///   every trust list, so PCs and employers who pinned an older key follow.
///
/// ```swift
/// let done = try keys.rotateIssuerKey(slug: "gastro-akademie-rheinland", at: Date())
/// print(done.previous.did, "->", done.next.did)
/// let anchor = try keys.rotateRepositoryKey(at: Date())
/// ```
extension IssuerKeyring {
    /// What a rotation did.
    ///
    /// ```swift
    /// print("\(rotation.previous.did) retired at \(rotation.at), now \(rotation.next.did)")
    /// ```
    public struct Rotation: Sendable, Equatable {
        public var previous: DIDKey
        public var next: DIDKey
        public var at: Date
    }

    /// The file the trust-anchor succession statements are kept in, inside the keys folder.
    public static let successionsFile = "trust-anchor-successions.json"

    /// Makes a new key for the awarding body with this slug; the old one stays listed (and on disk).
    public func rotateIssuerKey(slug: String, at date: Date) throws(KeyringError) -> Rotation {
        let current = try issuerKey(slug: slug)
        return try rotate(base: "issuers/\(slug)", current: current, at: date) { _ throws(KeyringError) in }
    }

    /// Makes a new repository key, after the old one signed the statement naming it.
    public func rotateRepositoryKey(at date: Date) throws(KeyringError) -> Rotation {
        let current = try repositoryKey()
        return try rotate(base: "repository", current: current, at: date) { next throws(KeyringError) in
            try self.recordSuccession(previous: current, next: next.didKey, at: date)
        }
    }

    /// Every key of the body with the window it signs in, oldest first, the current key last;
    /// empty when the key never rotated (the trust list then stays as it always was).
    public func issuerKeyWindows(slug: String) throws(KeyringError) -> [IssuerKeyWindow] {
        guard Self.isValidSlug(slug) else { return [] }
        let archives = try archives(base: "issuers/\(slug)")
        guard !archives.isEmpty else { return [] }
        var windows: [IssuerKeyWindow] = []
        var from: Date?
        for archive in archives {
            // Read only: an archive that vanished is never made again under its name.
            guard let key = try read(path: path(archive.relativePath)) else { continue }
            windows.append(IssuerKeyWindow(did: key.didKey.did, validFrom: from, validUntil: archive.rotatedAt.addingTimeInterval(IssuerKeyWindow.rotationOverlap)))
            from = archive.rotatedAt
        }
        windows.append(IssuerKeyWindow(did: try issuerKey(slug: slug).didKey.did, validFrom: from, validUntil: nil))
        return windows
    }

    /// The signed succession statements of the repository key, oldest first.
    public func successions() throws(KeyringError) -> [JSONValue] {
        let path = (directory as NSString).appendingPathComponent(Self.successionsFile)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20,
              let list = (try? JSONValue(data: data))?.arrayValue
        else { throw KeyringError(message: "the succession file \(path) cannot be read; restore it from a backup — PCs that pinned an older key follow only through it") }
        return list
    }

    /// How many rotations the keys folder has seen (archived keys); it only grows, so the trust
    /// list's published version can add it and stay monotone.
    public func rotationCount() -> Int {
        let issuers = (directory as NSString).appendingPathComponent("issuers")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: issuers)) ?? [])
            + ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        return names.filter { Self.archiveTime(in: $0) != nil }.count
    }

    // MARK: - Steps

    struct Archive {
        var relativePath: String
        var rotatedAt: Date
    }

    private func rotate(base: String, current: SigningKey, at date: Date,
                        beforeSwap: (SigningKey) throws(KeyringError) -> Void) throws(KeyringError) -> Rotation {
        let currentPath = path(base + ".key"), nextPath = path(base + ".next.key")
        let next = try readOrCreate(path: nextPath)
        try beforeSwap(next)
        let archivePath = path(base + "." + KeyArchiveTime.string(from: date) + ".key")
        guard link(currentPath, archivePath) == 0 else {
            throw KeyringError(message: "cannot archive the current key as \(archivePath): \(Self.errnoText())"
                + (errno == EEXIST ? "; a rotation ran this very second — run it again in a second" : ""))
        }
        guard rename(nextPath, currentPath) == 0 else {
            throw KeyringError(message: "cannot put the new key in place at \(currentPath): \(Self.errnoText()); the old key still signs, run the rotation again")
        }
        Self.syncFolder(of: currentPath)
        return Rotation(previous: current.didKey, next: next.didKey, at: date)
    }

    private func recordSuccession(previous: SigningKey, next: DIDKey, at date: Date) throws(KeyringError) {
        var list = try successions()
        if list.contains(where: { $0["previous"]?.stringValue == previous.didKey.did && $0["next"]?.stringValue == next.did }) { return }
        guard list.count < TrustAnchorSuccession.maximumChainLength else {
            throw KeyringError(message: "the repository key has been rotated \(list.count) times, the most a verifier follows; PCs would have to be registered again")
        }
        do {
            list.append(try TrustAnchorSuccession.sign(previous: previous, next: next, at: date))
        } catch {
            throw KeyringError(message: "cannot sign the succession statement: \(error)")
        }
        let path = path(Self.successionsFile)
        let temporary = path + ".tmp-\(getpid())"
        let bytes = Array(JSONValue.array(list).encodedString.utf8) + [0x0A]
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw KeyringError(message: "cannot create \(temporary): \(Self.errnoText())") }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        guard written == bytes.count, synced == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw KeyringError(message: "cannot write the succession file \(path): \(Self.errnoText())")
        }
        Self.syncFolder(of: path)
    }

    func archives(base: String) throws(KeyringError) -> [Archive] {
        let folder = (path(base) as NSString).deletingLastPathComponent
        let name = (base as NSString).lastPathComponent
        let prefix = (base as NSString).deletingLastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { file -> Archive? in
            guard file.hasPrefix(name + "."), let time = Self.archiveTime(in: file),
                  file.utf8.count == name.utf8.count + 1 + 16 + 4
            else { return nil }
            return Archive(relativePath: prefix.isEmpty ? file : prefix + "/" + file, rotatedAt: time)
        }.sorted { $0.rotatedAt < $1.rotatedAt }
    }

    /// The rotation time of an archived key file name `NAME.YYYYMMDDThhmmssZ.key`, else nil.
    static func archiveTime(in file: String) -> Date? {
        guard file.hasSuffix(".key") else { return nil }
        let parts = file.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        return KeyArchiveTime.parse(String(parts[1]))
    }

    private func path(_ relative: String) -> String { (directory as NSString).appendingPathComponent(relative) }

    private static func syncFolder(of path: String) {
        let fd = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
