/// A reason a daemon cannot start, said in one line an admin can act on, with the exit code
/// (sysexits) the service manager sees.
///
/// ```swift
/// throw StartupError(.cannotCreate, "cannot create the data folder \(directory): \(error)")
/// ```
public struct StartupError: Error, Sendable, CustomStringConvertible {
    /// sysexits(3) codes, so scripts and systemd can tell the cases apart.
    public enum ExitCode: Int32, Sendable {
        /// 65: an input file (a catalog) is invalid.
        case badInput = 65
        /// A service it needs does not answer (the PostgreSQL database).
        case unavailable = 69
        /// 73: a folder, file or database cannot be created or opened.
        case cannotCreate = 73
        /// 74: the database is damaged (its start check, or `check`, found problems): restore a backup.
        case databaseDamaged = 74
        /// 75: another instance holds the folder or socket; try again once it has stopped.
        case alreadyRunning = 75
        /// 76: the database was migrated by a newer version of the program: run that version.
        case databaseTooNew = 76
        /// 78: a flag or setting is wrong.
        case configuration = 78
    }

    public var message: String
    public var exitCode: ExitCode

    public init(_ exitCode: ExitCode, _ message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    public var description: String { message }
}
