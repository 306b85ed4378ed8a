/// Why a course package's ZIP archive was refused. Each case names the entry and says what the
/// person who made the package should do; ``code`` is a stable word for programs and tests.
///
/// ```swift
/// do { _ = try ZipArchive(path: upload, limits: .standard) }
/// catch let error as ZipError { print(error.code, error.message) }   // "unsafe_name", "The entry …"
/// ```
public enum ZipError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String)
    case notAZip
    case truncated(String)
    case multiDisk
    case zip64
    case tooManyEntries(count: Int, limit: Int)
    case centralDirectoryTooLarge(bytes: Int, limit: Int)
    case entryTooLarge(name: String, bytes: Int, limit: Int)
    case totalTooLarge(bytes: Int, limit: Int)
    case compressionRatio(name: String, ratio: Int, limit: Int)
    case encrypted(name: String)
    case unsupportedMethod(name: String, method: Int)
    case unsafeName(name: String, reason: String)
    case duplicateName(name: String, other: String)
    case symlink(name: String)
    case specialFile(name: String)
    case overlapping(name: String)
    case localHeaderMismatch(name: String)
    case badCRC(name: String)
    case sizeMismatch(name: String)
    case corruptData(name: String)

    private static let remake = "Make the package again with an ordinary ZIP tool (for example `cd COURSE && zip -r ../course.zip .`) and import that."

    /// A stable word for programs and tests.
    public var code: String {
        switch self {
        case .unreadable: "unreadable"
        case .notAZip: "not_a_zip"
        case .truncated: "truncated"
        case .multiDisk: "multi_disk"
        case .zip64: "zip64"
        case .tooManyEntries: "too_many_entries"
        case .centralDirectoryTooLarge: "central_directory_too_large"
        case .entryTooLarge: "entry_too_large"
        case .totalTooLarge: "total_too_large"
        case .compressionRatio: "compression_ratio"
        case .encrypted: "encrypted"
        case .unsupportedMethod: "unsupported_method"
        case .unsafeName: "unsafe_name"
        case .duplicateName: "duplicate_name"
        case .symlink: "symlink"
        case .specialFile: "special_file"
        case .overlapping: "overlapping_entries"
        case .localHeaderMismatch: "local_header_mismatch"
        case .badCRC: "bad_crc"
        case .sizeMismatch: "size_mismatch"
        case .corruptData: "corrupt_data"
        }
    }

    /// What happened and what to do, for the centre admin.
    public var message: String {
        switch self {
        case .unreadable(let why):
            "The package file could not be read (\(why)). Check that the file exists and that walletd may read it, then import it again."
        case .notAZip:
            "The package is not a ZIP archive (no end-of-central-directory record). A cmi5 course package is a .zip file with cmi5.xml at its top."
        case .truncated(let part):
            "The ZIP archive is cut short or damaged (\(part)). Copy the package again from its source and import the new copy."
        case .multiDisk:
            "The ZIP archive is split over several files (a spanned archive). \(Self.remake)"
        case .zip64:
            "The ZIP archive uses the ZIP64 format, which walletd does not read: a course package must stay under 4 GiB and 65,535 files. \(Self.remake)"
        case .tooManyEntries(let count, let limit):
            "The package holds \(count) files and folders; walletd takes at most \(limit). Remove files the course does not use and make the package again."
        case .centralDirectoryTooLarge(let bytes, let limit):
            "The ZIP archive's file list is \(bytes) bytes, more than the \(limit) walletd reads. Remove files the course does not use and make the package again."
        case .entryTooLarge(let name, let bytes, let limit):
            "The file \"\(name)\" unpacks to \(bytes) bytes; walletd takes at most \(limit) per file. Make the file smaller (compress videos) and make the package again."
        case .totalTooLarge(let bytes, let limit):
            "The package unpacks to \(bytes) bytes; walletd takes at most \(limit). Make the course's media smaller and make the package again."
        case .compressionRatio(let name, let ratio, let limit):
            "The file \"\(name)\" would unpack to \(ratio) times its packed size (at most \(limit) is allowed): it looks like a ZIP bomb. Do not import this package; ask its maker for a clean one."
        case .encrypted(let name):
            "The file \"\(name)\" is encrypted (password-protected ZIP). walletd takes only unencrypted packages: make the package again without a password."
        case .unsupportedMethod(let name, let method):
            "The file \"\(name)\" is compressed with method \(method); walletd reads only stored (0) and deflate (8). \(Self.remake)"
        case .unsafeName(let name, let reason):
            "The package entry \"\(name)\" is refused: \(reason). Every file must sit inside the package folder under a plain relative name. \(Self.remake)"
        case .duplicateName(let name, let other):
            "The package holds both \"\(other)\" and \"\(name)\", which name the same file (names are compared ignoring case). Keep one and make the package again."
        case .symlink(let name):
            "The package entry \"\(name)\" is a symbolic link; walletd refuses links in packages. Replace it with the file it points to and make the package again."
        case .specialFile(let name):
            "The package entry \"\(name)\" is not a plain file or folder (a device, pipe or socket). Remove it and make the package again."
        case .overlapping(let name):
            "The file \"\(name)\" shares its bytes with another entry of the archive, a trick of crafted ZIP bombs. Do not import this package; ask its maker for a clean one."
        case .localHeaderMismatch(let name):
            "The file \"\(name)\" has a different name or layout in its local header than in the archive's file list: the archive is damaged or crafted. \(Self.remake)"
        case .badCRC(let name):
            "The file \"\(name)\" does not match its CRC-32 checksum: the package is damaged. Copy it again from its source and import the new copy."
        case .sizeMismatch(let name):
            "The file \"\(name)\" does not unpack to the size the archive states: the package is damaged or crafted. Copy it again from its source, or ask its maker for a clean one."
        case .corruptData(let name):
            "The compressed data of \"\(name)\" is damaged. Copy the package again from its source and import the new copy."
        }
    }

    public var description: String { message }
}
