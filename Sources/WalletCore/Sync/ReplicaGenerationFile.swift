import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The data folder's `replica-generation` file: the database's current generation, written after
/// the database moved it on. A database file restored over the live one (`cp backup wallet.sqlite`
/// keeps the inode, so `ReplicaBinding` cannot see it) carries an older generation than this file
/// and takes a new replica id at open.
///
/// ```swift
/// let file = ReplicaGenerationFile(directory: dataDir)
/// try file.write("…43 base64url characters…")
/// file.read()   // the same, or nil when missing or unreadable
/// ```
struct ReplicaGenerationFile: Sendable {
    static let fileName = "replica-generation"
    let path: String

    init(directory: String) {
        path = (directory as NSString).appendingPathComponent(Self.fileName)
    }

    /// nil when the file is missing or is not one generation (a damaged file is written again,
    /// never taken for a restore).
    func read() -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let text = String(decoding: (try? handle.read(upToCount: 256)) ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty || text.utf8.count > 128 ? nil : text
    }

    /// Written to a temporary file, flushed to disk, then renamed over the old one: a crash
    /// leaves the old generation or the new one, never a torn file.
    func write(_ generation: String) throws {
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data((generation + "\n").utf8), attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary)
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary]) }
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }
}
