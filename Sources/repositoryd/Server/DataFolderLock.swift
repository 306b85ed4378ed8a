#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// An exclusive `flock` on `DATA_DIR/repositoryd.lock` for the server's lifetime: two servers on
/// one database would each think they own the change sequence. The kernel drops it on any exit.
///
/// ```swift
/// let lock = try DataFolderLock.acquire(directory: "/var/lib/repositoryd")
/// ```
final class DataFolderLock: Sendable {
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    static func acquire(directory: String) throws -> DataFolderLock {
        let path = directory + "/repositoryd.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RepositoryStartupError(message: "cannot open \(path): \(String(cString: strerror(errno)))", exitCode: 73) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw RepositoryStartupError(message: "another repositoryd is already serving \(directory). Stop it first, or give this one its own --data-dir.", exitCode: 75)
        }
        return DataFolderLock(fd: fd)
    }

    deinit { close(fd) }
}
