/// A ZIP archive read strictly from its central directory, with random access to a file on disk:
/// only the directory (bounded) is held in memory, and each entry is read a piece at a time.
/// Opening checks everything that can be checked without unpacking: one disk, no ZIP64, entry
/// count, names (``PackagePath``), duplicates (ignoring case, and a file used as a folder), links
/// and special files, encryption, methods (stored and deflate), declared sizes, ratios and
/// totals, and that each entry's local header agrees and no two entries share bytes. Reading an
/// entry (``ZipEntryReader``) checks its real size and CRC-32.
///
/// ```swift
/// let archive = try ZipArchive(path: "/tmp/course.zip", limits: .standard)
/// if let structure = archive.entry(named: "cmi5.xml") {
///     let xml = try archive.contents(of: structure, limit: 1 << 20)
/// }
/// ```
public final class ZipArchive {
    public let file: RandomAccessFile
    public let limits: ZipLimits
    public let entries: [ZipEntry]
    /// Declared unpacked bytes of all files.
    public let totalUncompressedSize: Int
    private let byPath: [String: Int]

    public convenience init(path: String, limits: ZipLimits) throws(ZipError) {
        try self.init(file: RandomAccessFile(path: path), limits: limits)
    }

    public init(file: RandomAccessFile, limits: ZipLimits) throws(ZipError) {
        self.file = file
        self.limits = limits
        let end = try Self.endOfCentralDirectory(file)
        guard end.entries <= limits.maxEntries else { throw .tooManyEntries(count: end.entries, limit: limits.maxEntries) }
        let maxDirectory = limits.maxEntries * (46 + limits.maxNameBytes + 2 * 1024)
        guard end.directorySize <= maxDirectory else {
            throw .centralDirectoryTooLarge(bytes: end.directorySize, limit: maxDirectory)
        }
        let directory = try file.read(at: end.directoryOffset, count: end.directorySize, what: "the central directory")
        var entries = try Self.parseDirectory(directory, count: end.entries, limits: limits)
        try Self.readLocalHeaders(&entries, file: file, directoryOffset: end.directoryOffset)
        var total = 0
        var byPath: [String: Int] = [:]
        var folded: [String: String] = [:]
        for (index, entry) in entries.enumerated() {
            total += entry.uncompressedSize
            guard total <= limits.maxTotalBytes else { throw .totalTooLarge(bytes: total, limit: limits.maxTotalBytes) }
            let key = PackagePath.folded(entry.path)
            if let other = folded[key] { throw .duplicateName(name: entry.name, other: other) }
            folded[key] = entry.name
            byPath[entry.path] = index
        }
        // A name used both as a file and as a folder ("a" and "a/b") cannot be unpacked either.
        var files: [String: String] = [:]
        for entry in entries where !entry.isDirectory { files[PackagePath.folded(entry.path)] = entry.name }
        for entry in entries {
            var prefix = Substring(PackagePath.folded(entry.path))
            while let slash = prefix.lastIndex(of: "/") {
                prefix = prefix[..<slash]
                if let file = files[String(prefix)] { throw .duplicateName(name: entry.name, other: file) }
            }
        }
        self.entries = entries
        self.byPath = byPath
        self.totalUncompressedSize = total
    }

    /// The entry whose checked path is `path` exactly (`cmi5.xml`, `js/au.js`).
    public func entry(named path: String) -> ZipEntry? {
        byPath[path].map { entries[$0] }
    }

    /// The whole content of a small entry, checked (size, CRC-32), refused beyond `limit` bytes.
    public func contents(of entry: ZipEntry, limit: Int) throws(ZipError) -> [UInt8] {
        guard entry.uncompressedSize <= limit else { throw .entryTooLarge(name: entry.name, bytes: entry.uncompressedSize, limit: limit) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entry.uncompressedSize)
        do { try ZipEntryReader(archive: self, entry: entry).read { bytes.append(contentsOf: $0) } }
        catch let error as ZipError { throw error }
        catch { throw .corruptData(name: entry.name) }   // appending throws nothing else
        return bytes
    }

    // MARK: Reading the records

    struct EndRecord {
        let entries: Int
        let directorySize: Int
        let directoryOffset: Int
        let recordOffset: Int
    }

    static let endSignature: UInt32 = 0x0605_4b50
    static let zip64LocatorSignature: UInt32 = 0x0706_4b50
    static let directorySignature: UInt32 = 0x0201_4b50
    static let localSignature: UInt32 = 0x0403_4b50

    /// The end-of-central-directory record: the last one whose comment runs exactly to the end
    /// of the file (a strict reader takes no trailing junk).
    static func endOfCentralDirectory(_ file: RandomAccessFile) throws(ZipError) -> EndRecord {
        guard file.size >= 22 else { throw .notAZip }
        let tailLength = min(file.size, 22 + 0xFFFF)
        let tailStart = file.size - tailLength
        let tail = try file.read(at: tailStart, count: tailLength, what: "the end of the archive")
        var position = tail.count - 22
        while position >= 0 {
            if LE.u32(tail, position) == endSignature, position + 22 + Int(LE.u16(tail, position + 20)) == tail.count {
                let disk = LE.u16(tail, position + 4), directoryDisk = LE.u16(tail, position + 6)
                let onDisk = LE.u16(tail, position + 8), total = LE.u16(tail, position + 10)
                let size = LE.u32(tail, position + 12), offset = LE.u32(tail, position + 16)
                if total == 0xFFFF || onDisk == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw .zip64 }
                if position >= 20, LE.u32(tail, position - 20) == zip64LocatorSignature { throw .zip64 }
                guard disk == 0, directoryDisk == 0, onDisk == total else { throw .multiDisk }
                let recordOffset = tailStart + position
                guard Int(offset) + Int(size) <= recordOffset else { throw .truncated("the central directory") }
                return EndRecord(entries: Int(total), directorySize: Int(size), directoryOffset: Int(offset), recordOffset: recordOffset)
            }
            position -= 1
        }
        throw .notAZip
    }

    static func parseDirectory(_ bytes: [UInt8], count: Int, limits: ZipLimits) throws(ZipError) -> [ZipEntry] {
        var entries: [ZipEntry] = []
        entries.reserveCapacity(count)
        var position = 0
        for _ in 0..<count {
            guard position + 46 <= bytes.count, LE.u32(bytes, position) == directorySignature else {
                throw .truncated("the central directory")
            }
            let madeBy = LE.u16(bytes, position + 4)
            let flags = LE.u16(bytes, position + 8)
            let method = LE.u16(bytes, position + 10)
            let crc = LE.u32(bytes, position + 16)
            let compressed = Int(LE.u32(bytes, position + 20))
            let uncompressed = Int(LE.u32(bytes, position + 24))
            let nameLength = Int(LE.u16(bytes, position + 28))
            let extraLength = Int(LE.u16(bytes, position + 30))
            let commentLength = Int(LE.u16(bytes, position + 32))
            let diskStart = LE.u16(bytes, position + 34)
            let external = LE.u32(bytes, position + 38)
            let localOffset = Int(LE.u32(bytes, position + 42))
            let nameStart = position + 46
            position = nameStart + nameLength + extraLength + commentLength
            guard position <= bytes.count else { throw .truncated("the central directory") }
            let raw = Array(bytes[nameStart..<nameStart + nameLength])
            // Names must be UTF-8 (bit 11, or plain ASCII): an old code page would unpack under
            // another name than the one checked.
            guard let name = String(validating: raw, as: UTF8.self) else {
                throw .unsafeName(name: String(decoding: raw, as: UTF8.self), reason: "the name is not UTF-8 text")
            }
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF { throw .zip64 }
            guard diskStart == 0 else { throw .multiDisk }
            if flags & 0x0001 != 0 || flags & 0x0040 != 0 { throw .encrypted(name: name) }
            guard method == 0 || method == 8 else { throw .unsupportedMethod(name: name, method: Int(method)) }
            let segments: [Substring]
            do throws(PathRefusal) { segments = try PackagePath.check(name, maxBytes: limits.maxNameBytes, maxDepth: limits.maxDepth) }
            catch { throw .unsafeName(name: name, reason: error.reason) }
            let isDirectory = name.hasSuffix("/")
            // Unix attributes (made by 3 = Unix): the file type in the top 16 bits.
            if madeBy >> 8 == 3 {
                let type = (external >> 16) & 0o170000
                if type == 0o120000 { throw .symlink(name: name) }
                if type != 0, type != 0o100000, type != 0o040000 { throw .specialFile(name: name) }
                if type == 0o040000 && !isDirectory { throw .unsafeName(name: name, reason: "a folder entry must end in \"/\"") }
            }
            if isDirectory && uncompressed != 0 { throw .sizeMismatch(name: name) }
            if method == 0 && compressed != uncompressed { throw .sizeMismatch(name: name) }
            guard uncompressed <= limits.maxEntryBytes else {
                throw .entryTooLarge(name: name, bytes: uncompressed, limit: limits.maxEntryBytes)
            }
            if uncompressed >= limits.ratioFloorBytes {
                let ratio = uncompressed / max(compressed, 1)
                if ratio > limits.maxRatio { throw .compressionRatio(name: name, ratio: ratio, limit: limits.maxRatio) }
            }
            entries.append(ZipEntry(name: name, path: segments.joined(separator: "/"), isDirectory: isDirectory, method: method,
                                    crc32: crc, compressedSize: compressed, uncompressedSize: uncompressed,
                                    localHeaderOffset: localOffset))
        }
        return entries
    }

    /// Reads each local header: it must name the same file with the same method, and the entries'
    /// bytes, in file order, must not overlap one another or the central directory.
    static func readLocalHeaders(_ entries: inout [ZipEntry], file: RandomAccessFile, directoryOffset: Int) throws(ZipError) {
        for index in entries.indices {
            let entry = entries[index]
            let header = try file.read(at: entry.localHeaderOffset, count: 30, what: "the local header of \(entry.name)")
            guard LE.u32(header, 0) == localSignature, LE.u16(header, 8) == entry.method else {
                throw .localHeaderMismatch(name: entry.name)
            }
            let nameLength = Int(LE.u16(header, 26)), extraLength = Int(LE.u16(header, 28))
            let name = try file.read(at: entry.localHeaderOffset + 30, count: nameLength, what: "the local header of \(entry.name)")
            guard name.elementsEqual(entry.name.utf8) else { throw .localHeaderMismatch(name: entry.name) }
            entries[index].dataOffset = entry.localHeaderOffset + 30 + nameLength + extraLength
        }
        let order = entries.indices.sorted { entries[$0].localHeaderOffset < entries[$1].localHeaderOffset }
        for (position, index) in order.enumerated() {
            let entry = entries[index]
            let end = entry.dataOffset + entry.compressedSize
            let next = position + 1 < order.count ? entries[order[position + 1]].localHeaderOffset : directoryOffset
            if end > directoryOffset { throw .truncated("the data of \(entry.name)") }
            if end > next { throw .overlapping(name: entry.name) }
        }
    }
}

/// Little-endian integers out of a byte array (the caller has checked the bounds).
enum LE {
    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
