#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The data folder is 0700 and its files 0600: the database holds learners' statements and PIN
/// hashes. A umask of 077 covers files made from now on; `restrict` narrows files an earlier
/// run made under a wider umask (SQLite gives its -wal and -shm files the database's mode).
///
/// ```swift
/// DataFolderPermissions.useOwnerOnlyUmask()
/// DataFolderPermissions.restrict(directory: "/var/lib/repositoryd")
/// ```
enum DataFolderPermissions {
    static func useOwnerOnlyUmask() {
        umask(0o077)
    }

    static func restrict(directory: String) {
        chmod(directory, 0o700)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in files where file.hasPrefix("repository") {
            chmod(directory + "/" + file, 0o600)
        }
    }
}
