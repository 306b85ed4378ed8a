#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Who listens on walletd's socket, asked of the kernel (SO_PEERCRED) before wallet-cli sends a
/// PIN there. Anyone who can create the socket path (a planted `/tmp/walletd-UID`, a folder
/// another account controls) could otherwise collect PINs with a fake walletd. Trusted: root,
/// this account, or the account that owns the socket's folder when that folder sits in a
/// root-owned folder no one else may write (a system service's `/run/walletd`).
///
/// ```swift
/// try SocketPeer.requireTrusted("/run/walletd/walletd.sock")   // CLIError when someone else listens
/// ```
enum SocketPeer {
    /// Linux's `struct ucred` (not exported by Swift's Glibc module): pid, uid, gid.
    struct PeerCredentials {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    /// The uid of the process listening on `socketPath`, nil when nothing answers there.
    static func uid(of socketPath: String) -> uid_t? {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { return nil }
        var credentials = PeerCredentials()
        var length = socklen_t(MemoryLayout<PeerCredentials>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0, credentials.pid > 0 else { return nil }
        return credentials.uid
    }

    static func isTrusted(peer: uid_t, socketPath: String) -> Bool {
        if peer == 0 || peer == getuid() { return true }
        let folder = (socketPath as NSString).deletingLastPathComponent
        let parent = (folder as NSString).deletingLastPathComponent
        var folderInfo = stat(), parentInfo = stat()
        guard lstat(folder, &folderInfo) == 0, lstat(parent.isEmpty ? "/" : parent, &parentInfo) == 0 else { return false }
        return folderInfo.st_uid == peer && folderInfo.st_mode & 0o022 == 0 && (folderInfo.st_mode & S_IFMT) == S_IFDIR
            && parentInfo.st_uid == 0 && parentInfo.st_mode & 0o022 == 0
    }

    /// Throws when someone other than a trusted walletd listens on `socketPath`; nothing when no
    /// one does (the call that follows says walletd is not running).
    static func requireTrusted(_ socketPath: String) throws(CLIError) {
        guard let peer = uid(of: socketPath) else { return }
        guard isTrusted(peer: peer, socketPath: socketPath) else {
            throw CLIError(.notAllowed, "the program on \(socketPath) runs as uid \(peer), not as root, as you, or as the owner of a system socket folder: it may not be walletd, so the PIN was not sent. Ask the centre admin to check that socket, or pass the right one with --socket.")
        }
    }
}
