#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// An exclusive `flock` held for the daemon's lifetime, with the holder's pid written inside.
///
/// Hummingbird deletes and re-binds an existing socket path, so without this lock a second
/// walletd would silently steal the socket of a live one. The kernel drops the lock when the
/// process dies, even by `kill -9`, so a crash never leaves a stale lock behind.
///
/// ```swift
/// let lock = try DaemonLock.acquire(path: "/var/lib/walletd/walletd.lock", what: "data folder /var/lib/walletd")
/// ```
final class DaemonLock: Sendable {
    let path: String
    private let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    static func acquire(path: String, what: String) throws(StartupError) -> DaemonLock {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StartupError(message: "cannot open lock file \(path): \(String(cString: strerror(errno))).", exitCode: 73)
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            let pid = holder.isEmpty ? "" : " (pid \(holder))"
            throw StartupError(
                message: "another walletd\(pid) is already running on the \(what). Stop it first, or give this one its own --data-dir and --socket.",
                exitCode: 75)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        return DaemonLock(path: path, fd: fd)
    }

    deinit {
        close(fd)
    }
}
