#if canImport(Glibc)
import Glibc
#endif
import Foundation
import DaemonKit

/// Prepares the folders walletd owns so that only who should can reach the socket and the data.
///
/// The process umask is set before anything is created, so the socket is born with mode 0600
/// (0660 with a socket group): there is no window between `bind` and a later `chmod`.
/// A folder walletd creates for the socket is 0700 (0750 with a group).
///
/// ```swift
/// try SocketFolder.prepare(socketPath: "/run/walletd/walletd.sock", group: "walletd")
/// ```
enum SocketFolder {
    static func setUmask(group: String?) {
        umask(group == nil ? 0o077 : 0o007)
    }

    static func prepareDataDirectory(_ path: String) throws(StartupError) {
        try makeFolder(path, mode: 0o700, purpose: "data folder")
    }

    static func prepare(socketPath: String, group: String?) throws(StartupError) -> gid_t? {
        guard socketPath.utf8.count < 104 else {
            throw StartupError(.configuration, "socket path \(socketPath) is too long for a Unix socket (at most 103 bytes). Choose a shorter --socket.")
        }
        let folder = (socketPath as NSString).deletingLastPathComponent
        var gid: gid_t?
        if let group {
            guard let entry = getgrnam(group) else {
                throw StartupError(.configuration, "socket group '\(group)' does not exist. Create it (groupadd \(group)) or drop --socket-group.")
            }
            gid = entry.pointee.gr_gid
        }
        try makeFolder(folder.isEmpty ? "." : folder, mode: group == nil ? 0o700 : 0o750, purpose: "socket folder")
        if let gid, !folder.isEmpty {
            _ = chown(folder, uid_t.max, gid)
        }
        return gid
    }

    /// A folder that already exists must be one no other account can change: walletd's own and
    /// not writable by group or others, or sticky (as /tmp is) so no one else can remove or
    /// replace what walletd puts there. Anything else would let another account swap the socket
    /// for its own and collect PINs. Its mode is left as the admin set it.
    static func checkExisting(_ path: String, info: stat, mode: mode_t, purpose: String) throws(StartupError) {
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK:
            throw StartupError(.cannotCreate, "\(purpose) \(path) is a symbolic link; walletd does not follow it (another account could point it elsewhere). Remove the link or choose another --socket / --data-dir.")
        default:
            throw StartupError(.cannotCreate, "\(purpose) \(path) exists and is not a folder.")
        }
        let me = geteuid()
        let sticky = info.st_mode & S_ISVTX != 0
        guard info.st_uid == me || info.st_uid == 0 else {
            throw StartupError(.cannotCreate, "\(purpose) \(path) belongs to uid \(info.st_uid), not to this account (uid \(me)): that account could replace walletd's socket or files. Remove the folder, or choose another --socket / --data-dir.")
        }
        guard info.st_mode & 0o022 == 0 || sticky else {
            throw StartupError(.cannotCreate, "\(purpose) \(path) can be written by other accounts (mode \(String(info.st_mode & 0o777, radix: 8))): they could replace walletd's socket. Run `chmod go-w \(path)`, or choose another --socket / --data-dir.")
        }
    }

    /// After binding: hand the socket to the group when one is configured.
    static func finish(socketPath: String, gid: gid_t?) {
        guard let gid else { return }
        _ = chown(socketPath, uid_t.max, gid)
        _ = chmod(socketPath, 0o660)
    }

    private static func makeFolder(_ path: String, mode: mode_t, purpose: String) throws(StartupError) {
        var info = stat()
        // lstat: a symlink planted where the folder should be is refused, not followed.
        if lstat(path, &info) == 0 {
            try checkExisting(path, info: info, mode: mode, purpose: purpose)
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: NSNumber(value: mode)])
        } catch {
            throw StartupError(.cannotCreate, "cannot create \(purpose) \(path): \(error.localizedDescription). Check the permissions of its parent, or choose another path.")
        }
    }
}
