/// What is wrong with a daemon's database, in the words its API, its health route and its log
/// use: the disk is full, the database cannot be written (file mode, or a filesystem mounted
/// read-only), or SQLite found it damaged. Each has its own error code and status, so a client
/// (and the PC's sync) can tell "try again later" from "an admin must act".
///
/// ```swift
/// let fault = StorageFault.full
/// throw APIError(.init(code: fault.httpStatus), fault.code, fault.advice(daemon: "walletd"))
/// ```
public enum StorageFault: String, Sendable, Equatable, CaseIterable {
    /// SQLITE_FULL: no space left on the disk (or the database reached its page limit).
    case full
    /// SQLITE_READONLY: the database file or its filesystem cannot be written.
    case readOnly = "read_only"
    /// SQLITE_CORRUPT, SQLITE_NOTADB or a disk I/O error: the file is damaged.
    case damaged

    /// The error code routes answer with.
    public var code: ErrorCode {
        switch self {
        case .full: .diskFull
        case .readOnly: .storageReadOnly
        case .damaged: .storageDamaged
        }
    }

    /// 507 Insufficient Storage for a full disk (it passes when space is freed); 503 for the others
    /// (the daemon runs, but cannot do this until an admin acts). Both are 5xx, so a PC's sync keeps
    /// its data and retries later instead of treating the answer as a refusal of its data.
    public var httpStatus: Int {
        switch self {
        case .full: 507
        case .readOnly, .damaged: 503
        }
    }

    /// The state in words for a health answer: what works, what does not, what to do.
    public func healthMessage(daemon: String) -> String {
        switch self {
        case .full:
            "The disk of \(daemon) is full: changes are refused (507 disk_full) until disk space is freed; reads work. This clears at the first change saved after that."
        case .readOnly:
            "The database of \(daemon) cannot be written (its file or filesystem is read-only): changes are refused (503 storage_read_only); reads work. Make the data folder writable for the daemon's user (or remount the disk), then restart it."
        case .damaged:
            "SQLite found the database of \(daemon) damaged: some requests fail (503 storage_damaged). Stop it, run its `check` command and restore a backup; see its documentation."
        }
    }

    /// One message a person can act on, for an API answer or a log line. `daemon` is the daemon's
    /// name as people know it ("walletd", "the repository").
    public func advice(daemon: String) -> String {
        switch self {
        case .full:
            "The disk of \(daemon) is full: this change was not saved (nothing of it was written). Free disk space on that machine, then try again; what was saved before is kept and can still be read."
        case .readOnly:
            "The database of \(daemon) cannot be written (its file or filesystem is read-only): this change was not saved. An admin must make the data folder writable for the daemon's user (or remount the disk) and restart it; what was saved before can still be read."
        case .damaged:
            "The database of \(daemon) is damaged (SQLite found a corrupt page or a disk I/O error): this request could not be served. An admin should stop it, run its `check` command and restore a backup; see its documentation."
        }
    }
}
