import CoursePackage

/// Why the content library refused or failed: the package's own faults (``ZipError``,
/// ``Cmi5Error``) are wrapped so walletd answers them as one kind, with their words.
///
/// ```swift
/// catch let error as ContentError { print(error.message) }
/// ```
public enum ContentError: Error, Sendable, CustomStringConvertible {
    case zip(ZipError)
    case structure(Cmi5Error)
    case unpack(UnpackError)
    /// Another import is running (imports go one at a time).
    case busy
    case packageNotFound(String)
    /// The AU id already belongs to another package's course.
    case unitInOtherPackage(unit: String, package: String, course: String)
    case fileNotFound(package: String, path: String)
    case pathRefused(path: String, reason: String)

    public var message: String {
        switch self {
        case .zip(let error): error.message
        case .structure(let error): error.message
        case .unpack(let error): error.message
        case .busy: "Another course package is being imported. Wait for it to finish, then import this one."
        case .packageNotFound(let id):
            "There is no course package \(id) on this PC. `wallet-cli content list` shows the packages and their ids."
        case .unitInOtherPackage(let unit, let package, let course):
            "The AU \(unit) is already part of package \(package) (course \(course)); an AU id belongs to one course only. Remove that package first (`wallet-cli content remove \(package)`) or give the AU another id."
        case .fileNotFound(let package, let path):
            "The package \(package) has no file \"\(path)\"."
        case .pathRefused(let path, let reason):
            "The path \"\(path)\" is refused: \(reason)."
        }
    }

    /// A stable word: the package fault's own code, or this library's.
    public var code: String {
        switch self {
        case .zip(let error): error.code
        case .structure(let error): error.code
        case .unpack(let error): error.isDiskFull ? "disk_full" : "unpack_failed"
        case .busy: "busy"
        case .packageNotFound: "package_not_found"
        case .unitInOtherPackage: "unit_in_other_package"
        case .fileNotFound: "file_not_found"
        case .pathRefused: "path_refused"
        }
    }

    public var description: String { message }
}
