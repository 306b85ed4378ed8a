import Basics
import GRDB

extension StorageFault {
    /// The storage fault behind a failed SQLite call, nil for any other error: what a full disk,
    /// a read-only file or a damaged one means for people, the same in both daemons.
    ///
    /// ```swift
    /// catch { if let fault = StorageFault(sqliteError: error) { condition.record(fault) } }
    /// ```
    public init?(sqliteError error: any Error) {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL: self = .full
        case .SQLITE_READONLY: self = .readOnly
        case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_IOERR: self = .damaged
        default: return nil
        }
    }
}
