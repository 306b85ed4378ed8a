/// One file or folder of a ``ZipArchive``, as its central directory states it and after every
/// check of its name and sizes.
///
/// ```swift
/// for entry in archive.entries where !entry.isDirectory { print(entry.name, entry.uncompressedSize) }
/// ```
public struct ZipEntry: Sendable, Equatable {
    /// The name as in the archive (`js/au.js`; folders end in `/`).
    public let name: String
    /// The name's checked segments joined again, without a folder's trailing `/`.
    public let path: String
    public let isDirectory: Bool
    /// 0 stored, 8 deflate.
    public let method: UInt16
    public let crc32: UInt32
    public let compressedSize: Int
    public let uncompressedSize: Int
    /// Where the entry's local header starts.
    let localHeaderOffset: Int
    /// Set by the archive once the local header has been read: where the data starts.
    var dataOffset: Int = 0
}
