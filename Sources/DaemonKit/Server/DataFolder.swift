#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A daemon's data folder, kept readable by the daemon's user alone
/// (0700, files 0600): the databases hold learners' statements and PIN hashes, and the keys.
///
/// Where it is by default: `DefaultDataFolder` (Basics), one rule for both daemons.
///
/// ```swift
/// DataFolder.useOwnerOnlyUmask()
/// try DataFolder.prepare(directory)
/// ```
public enum DataFolder {
    /// Files made from now on are the owner's alone.
    public static func useOwnerOnlyUmask() {
        umask(0o077)
    }

    /// Creates the folder (and its parents) when missing and narrows it to 0700, even when an
    /// earlier run made it under a wider umask.
    public static func prepare(_ path: String, purpose: String = "data folder") throws(StartupError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StartupError(.cannotCreate, "cannot create the \(purpose) \(path): \(error.localizedDescription). Create it, or choose another with --data-dir.")
        }
        guard chmod(path, 0o700) == 0 else {
            throw StartupError(.cannotCreate, "cannot make the \(purpose) \(path) private (chmod 0700): \(String(cString: strerror(errno))). Run as its owner.")
        }
    }

    /// Narrows the files whose names start with `prefix` to 0600: SQLite gives its -wal and -shm
    /// files the database's mode, and an earlier run may have made them under a wider umask.
    public static func restrictFiles(in directory: String, prefix: String) {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in files where file.hasPrefix(prefix) {
            chmod(directory + "/" + file, 0o600)
        }
    }
}
