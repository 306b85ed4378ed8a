#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// An exclusive `flock` held for the daemon's lifetime, with the holder's pid written inside.
///
/// Hummingbird deletes and re-binds an existing socket path, so without this lock a second
/// walletd would silently steal the socket of a live one; two repositoryd on one SQLite folder
/// would each think they own the change sequence. The kernel drops the lock when the process
/// dies, even by `kill -9`, so a crash never leaves a stale lock behind.
///
/// ```swift
/// let lock = try DataFolderLock.acquire(path: "/var/lib/walletd/walletd.lock", daemon: "walletd",
///                                       what: "data folder /var/lib/walletd", otherwise: "give this one its own --data-dir")
/// ```
public final class DataFolderLock: Sendable {
    public let path: String
    private let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    /// - Parameters:
    ///   - what: the thing locked, as the admin names it ("data folder /var/lib/walletd").
    ///   - otherwise: what to do instead of stopping the other instance.
    public static func acquire(path: String, daemon: String, what: String, otherwise: String) throws(StartupError) -> DataFolderLock {
        // O_NOFOLLOW: a symlink planted at the lock path must not make us open (and truncate)
        // another file.
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw StartupError(.cannotCreate, "cannot open the lock file \(path): \(String(cString: strerror(errno))).")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            let holder = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
            let pid = holder.isEmpty ? "" : " (pid \(holder))"
            throw StartupError(.alreadyRunning, "another \(daemon)\(pid) is already running on the \(what). Stop it first, or \(otherwise).")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        return DataFolderLock(path: path, fd: fd)
    }

    deinit {
        close(fd)
    }
}
