import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What `wallet-cli login` leaves behind for later commands. The token is a secret: it is never
/// printed, and `description` hides it so it cannot leak through a stray `print`.
struct StoredSession: Codable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    var token: String
    var learnerId: String
    var learnerName: String
    var socket: String
    var idleTimeoutSeconds: Int
    var loggedInAt: String

    var description: String { "session of \(learnerName) (\(learnerId)) on \(socket)" }
    var debugDescription: String { description }
}

/// The session file: `$WALLET_SESSION`, else `$XDG_STATE_HOME/wallet-cli/session.json`, else
/// `~/.local/state/wallet-cli/session.json`. Created with mode 0600 in a 0700 folder, so the
/// token is never readable by other users of a shared PC, not even for a moment.
struct SessionStore {
    let path: String

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        path = Self.path(environment: environment)
    }

    static func path(environment: [String: String]) -> String {
        if let explicit = environment["WALLET_SESSION"], !explicit.isEmpty { return explicit }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/wallet-cli/session.json"
        }
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
        return home + "/.local/state/wallet-cli/session.json"
    }

    /// The stored session, or nil when nobody is logged in.
    func load() throws(CLIError) -> StoredSession? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            Output.warning("the session file \(path) is readable by other users; run `wallet-cli logout` and log in again.")
        }
        do {
            return try JSONDecoder().decode(StoredSession.self, from: data)
        } catch {
            throw CLIError(.notAllowed, "the session file \(path) is damaged. Delete it and run `wallet-cli login <name>`.")
        }
    }

    /// Writes the session atomically: a new 0600 file next to the old one, then a rename.
    func save(_ session: StoredSession) throws(CLIError) {
        let folder = (path as NSString).deletingLastPathComponent
        try makeFolder(folder)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(session) else {
            throw CLIError(.internalError, "could not encode the session. This is a bug in wallet-cli; please report it.")
        }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw writeFailure(temporary, errno) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let writeErrno = errno
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced else {
            unlink(temporary)
            throw writeFailure(temporary, writeErrno)
        }
        guard rename(temporary, path) == 0 else {
            let renameErrno = errno
            unlink(temporary)
            throw writeFailure(path, renameErrno)
        }
    }

    /// Removes the session file; returns false when there was none.
    @discardableResult
    func remove() throws(CLIError) -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw CLIError(.internalError, "could not remove the session file \(path): \(String(cString: strerror(errno))). Delete it by hand.")
    }

    /// Creates missing folders with mode 0700; existing ones are left as they are.
    private func makeFolder(_ folder: String) throws(CLIError) {
        var current = ""
        for component in folder.split(separator: "/", omittingEmptySubsequences: true) {
            current += "/" + component
            if mkdir(current, 0o700) != 0, errno != EEXIST {
                throw writeFailure(current, errno)
            }
        }
    }

    private func writeFailure(_ file: String, _ code: Int32) -> CLIError {
        CLIError(
            .internalError,
            "could not write the session file \(file): \(String(cString: strerror(code))). Set WALLET_SESSION to a writable path."
        )
    }
}
