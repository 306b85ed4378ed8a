/// How much a course package may hold. The reader checks the sizes the archive declares before
/// unpacking anything, and the inflater stops at the declared size, so an archive that lies is
/// refused after at most one entry's limit of work.
///
/// ```swift
/// let archive = try ZipArchive(path: upload, limits: .standard)
/// let small = ZipLimits(maxEntries: 10, maxEntryBytes: 1 << 20, maxTotalBytes: 4 << 20)   // tests
/// ```
public struct ZipLimits: Sendable, Equatable {
    /// Files and folders in the archive.
    public var maxEntries: Int
    /// Unpacked bytes of one file.
    public var maxEntryBytes: Int
    /// Unpacked bytes of the whole package.
    public var maxTotalBytes: Int
    /// Unpacked bytes per packed byte, for files of at least ``ratioFloorBytes`` (small files of
    /// repeated text compress far, and are harmless).
    public var maxRatio: Int
    public var ratioFloorBytes: Int
    /// Bytes of one entry name (UTF-8) and folders deep.
    public var maxNameBytes: Int
    public var maxDepth: Int

    public init(maxEntries: Int = 10_000, maxEntryBytes: Int = 256 << 20, maxTotalBytes: Int = 1 << 30,
                maxRatio: Int = 100, ratioFloorBytes: Int = 1 << 20, maxNameBytes: Int = 512, maxDepth: Int = 32) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxRatio = maxRatio
        self.ratioFloorBytes = ratioFloorBytes
        self.maxNameBytes = maxNameBytes
        self.maxDepth = maxDepth
    }

    /// What walletd uses: 10,000 entries, 256 MiB a file, 1 GiB in all, ratio 100 above 1 MiB.
    public static let standard = ZipLimits()
}
