import CZlib

/// Streams one entry's unpacked bytes in pieces of at most 64 KiB: stored entries are copied,
/// deflate entries go through zlib's raw inflate. It stops with an error as soon as the output
/// passes the size the central directory declared (so a lying archive costs at most that), and
/// at the end checks the exact size, that the deflate stream ended where the entry's data ends,
/// and the CRC-32.
///
/// ```swift
/// try ZipEntryReader(archive: archive, entry: entry).read { piece in try sink.write(piece) }
/// ```
public struct ZipEntryReader {
    let archive: ZipArchive
    let entry: ZipEntry
    static let piece = 64 * 1024

    public init(archive: ZipArchive, entry: ZipEntry) {
        self.archive = archive
        self.entry = entry
    }

    /// What has come out so far: bytes and their running CRC-32.
    struct Tally {
        var produced = 0
        var crc = crc32(0, nil, 0)
    }

    /// Calls `consume` with each piece, in order. Errors `consume` throws pass through unchanged.
    public func read(_ consume: ([UInt8]) throws -> Void) throws {
        var tally = Tally()
        if entry.method == 0 {
            var offset = 0
            while offset < entry.compressedSize {
                let count = min(Self.piece, entry.compressedSize - offset)
                try emit(try archive.file.read(at: entry.dataOffset + offset, count: count, what: "the data of \(entry.name)"), &tally, consume)
                offset += count
            }
        } else {
            try inflateEntry(&tally, consume)
        }
        guard tally.produced == entry.uncompressedSize else { throw ZipError.sizeMismatch(name: entry.name) }
        guard UInt32(truncatingIfNeeded: tally.crc) == entry.crc32 else { throw ZipError.badCRC(name: entry.name) }
    }

    /// Counts a piece against the declared size (stopping a lying archive at once) and hands it on.
    private func emit(_ piece: [UInt8], _ tally: inout Tally, _ consume: ([UInt8]) throws -> Void) throws {
        tally.produced += piece.count
        guard tally.produced <= entry.uncompressedSize else { throw ZipError.sizeMismatch(name: entry.name) }
        tally.crc = piece.withUnsafeBufferPointer { crc32(tally.crc, $0.baseAddress, uInt($0.count)) }
        try consume(piece)
    }

    private func inflateEntry(_ tally: inout Tally, _ consume: ([UInt8]) throws -> Void) throws {
        var stream = z_stream()
        // Negative window bits: raw deflate, as ZIP stores it (no zlib header or trailer).
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipError.corruptData(name: entry.name)
        }
        defer { inflateEnd(&stream) }
        var offset = 0
        var output = [UInt8](repeating: 0, count: Self.piece)
        var ended = false
        while !ended {
            // Input left over while the stream has not ended: the deflate data is cut short.
            guard offset < entry.compressedSize else { throw ZipError.corruptData(name: entry.name) }
            let count = min(Self.piece, entry.compressedSize - offset)
            var input = try archive.file.read(at: entry.dataOffset + offset, count: count, what: "the data of \(entry.name)")
            offset += count
            try input.withUnsafeMutableBufferPointer { inBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                defer { stream.next_in = nil; stream.avail_in = 0 }
                while true {
                    let (status, made) = output.withUnsafeMutableBufferPointer { outBuf -> (Int32, Int) in
                        stream.next_out = outBuf.baseAddress
                        stream.avail_out = uInt(outBuf.count)
                        let status = inflate(&stream, Z_NO_FLUSH)
                        return (status, outBuf.count - Int(stream.avail_out))
                    }
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw ZipError.corruptData(name: entry.name)
                    }
                    if made > 0 { try emit(Array(output[0..<made]), &tally, consume) }
                    if status == Z_STREAM_END { ended = true; return }
                    if stream.avail_out == 0 { continue }       // more output is waiting
                    if stream.avail_in == 0 { return }          // the next piece of input
                    if made == 0 { throw ZipError.corruptData(name: entry.name) }
                }
            }
        }
        // The deflate stream must use exactly the entry's bytes: data after its end is a crafted
        // archive hiding something.
        guard Int(stream.total_in) == entry.compressedSize else { throw ZipError.corruptData(name: entry.name) }
    }
}
