#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cmi5 course package that passed every check: the ZIP archive (``ZipArchive``), its
/// `cmi5.xml` (``Cmi5Parser``) and that each AU's url names a file in it. ``unpack(into:)``
/// writes its files into a new folder, checking each entry's size and CRC-32 as it goes.
///
/// ```swift
/// let package = try CheckedPackage(path: upload, limits: .standard)
/// try package.unpack(into: stagingFolder)
/// package.structure.course.id
/// ```
public struct CheckedPackage {
    public let archive: ZipArchive
    public let structure: CourseStructure
    public static let structureFile = "cmi5.xml"

    public init(path: String, limits: ZipLimits) throws {
        let archive = try ZipArchive(path: path, limits: limits)
        guard let entry = archive.entry(named: Self.structureFile), !entry.isDirectory else { throw Cmi5Error.missing }
        guard entry.uncompressedSize <= Cmi5Parser.maxBytes else {
            throw Cmi5Error.tooLarge(bytes: entry.uncompressedSize, limit: Cmi5Parser.maxBytes)
        }
        let structure = try Cmi5Parser.parse(try archive.contents(of: entry, limit: Cmi5Parser.maxBytes))
        for au in structure.assignableUnits {
            guard let file = archive.entry(named: au.launchPath), !file.isDirectory else {
                throw Cmi5Error.launchFileMissing(au: au.id, path: au.launchPath)
            }
        }
        self.archive = archive
        self.structure = structure
    }

    /// Files (not folders) and their unpacked bytes.
    public var fileCount: Int { archive.entries.filter { !$0.isDirectory }.count }

    /// Writes every entry under `folder`, which must exist and be empty: folders `0700`, files
    /// `0600` (only walletd reads them; it serves them itself). Files are created with
    /// `O_EXCL | O_NOFOLLOW`, so nothing already there is followed or overwritten.
    public func unpack(into folder: String) throws {
        for entry in archive.entries where entry.isDirectory {
            try Self.makeFolders(folder, entry.path)
        }
        for entry in archive.entries where !entry.isDirectory {
            if let slash = entry.path.lastIndex(of: "/") { try Self.makeFolders(folder, String(entry.path[..<slash])) }
            let target = folder + "/" + entry.path
            let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw UnpackError(path: entry.path, errno: errno) }
            defer { close(fd) }
            try ZipEntryReader(archive: archive, entry: entry).read { piece in
                var written = 0
                try piece.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress else { return }
                    while written < buffer.count {
                        let result = write(fd, base + written, buffer.count - written)
                        if result < 0 {
                            if errno == EINTR { continue }
                            throw UnpackError(path: entry.path, errno: errno)
                        }
                        written += result
                    }
                }
            }
        }
    }

    /// Makes each folder of `relative` under `root` (mode 0700); an existing folder is fine, a
    /// link or file in the way is not (`mkdir` never follows, and the check below refuses).
    static func makeFolders(_ root: String, _ relative: String) throws {
        var path = root
        for segment in relative.split(separator: "/") {
            path += "/" + segment
            if mkdir(path, 0o700) != 0 {
                guard errno == EEXIST else { throw UnpackError(path: relative, errno: errno) }
                var info = stat()
                guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { throw UnpackError(path: relative, errno: ENOTDIR) }
            }
        }
    }
}

/// A file of a package could not be written while unpacking (disk full, permissions).
///
/// ```swift
/// catch let error as UnpackError { print(error.message) }
/// ```
public struct UnpackError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let errno: Int32

    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
    }

    public var isDiskFull: Bool { errno == ENOSPC || errno == EDQUOT }

    public var message: String {
        "walletd could not write \"\(path)\" while unpacking the package (\(String(cString: strerror(errno)))). "
            + (isDiskFull ? "The disk is full: free space in walletd's data folder and import again." : "Check walletd's data folder and its log, then import again.")
    }

    public var description: String { message }
}
