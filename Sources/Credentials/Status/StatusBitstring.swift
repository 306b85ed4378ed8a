import CZlib
import Basics

/// The bits of a Bitstring Status List (W3C, v1.0): `statusSize` bits per credential, index 0 in
/// the most significant bits of byte 0; published as `u` + base64url(no padding) of its GZIP.
/// At least 131,072 entries, so that one credential's status check does not single it out.
///
/// ```swift
/// var list = StatusBitstring()                     // 131,072 entries × 2 bits, all valid
/// list[7] = .suspended
/// let text = list.encodedList()                    // "uH4sI…"
/// let again = try StatusBitstring(encodedList: text)
/// again[7]                                         // .suspended
/// ```
public struct StatusBitstring: Sendable, Equatable {
    public static let minimumEntries = 131_072
    /// Far beyond any awarding body's list; bounds what a downloaded list may inflate to (8 MiB).
    public static let maximumBytes = 8 << 20

    public let statusSize: Int
    public private(set) var bytes: [UInt8]

    public var entries: Int { bytes.count * 8 / statusSize }

    public init(entries: Int = minimumEntries, statusSize: Int = 2) {
        precondition(statusSize == 1 || statusSize == 2 || statusSize == 4 || statusSize == 8, "statusSize must divide 8")
        let count = max(entries, Self.minimumEntries)
        self.statusSize = statusSize
        bytes = [UInt8](repeating: 0, count: (count * statusSize + 7) / 8)
    }

    /// `maximumBytes`: what the list may inflate to (a caller with a smaller budget passes less).
    public init(encodedList: String, statusSize: Int = 2, maximumBytes: Int = StatusBitstring.maximumBytes) throws(CredentialError) {
        guard [1, 2, 4, 8].contains(statusSize) else { throw .invalid("statusSize \(statusSize) is not supported (1, 2, 4 or 8)") }
        guard encodedList.hasPrefix("u") else { throw .invalid("encodedList must be multibase base64url (start with 'u')") }
        guard let compressed = Base64URL.decode(String(encodedList.dropFirst())).map(Array.init) else { throw .invalid("encodedList is not base64url") }
        let raw = try Self.gunzip(compressed, limit: min(maximumBytes, Self.maximumBytes))
        guard raw.count * 8 >= Self.minimumEntries else {
            throw .invalid("the status list holds \(raw.count * 8) bits; the standard asks for at least \(Self.minimumEntries)")
        }
        self.statusSize = statusSize
        bytes = raw
    }

    public subscript(index: Int) -> CredentialStatusValue {
        get { CredentialStatusValue(bits: bits(at: index)) }
        set { setBits(newValue.rawValue, at: index) }
    }

    /// The status at `index`, nil when the list has no such entry (an index read from a document).
    public func status(at index: Int) -> CredentialStatusValue? {
        guard index >= 0, index < entries else { return nil }
        return CredentialStatusValue(bits: bits(at: index))
    }

    /// The raw value of entry `index`; callers check `entries` first.
    public func bits(at index: Int) -> UInt8 {
        precondition(index >= 0 && index < entries, "status index out of range")
        let bit = index * statusSize
        let shift = 8 - statusSize - bit % 8
        let mask = UInt8((1 << statusSize) - 1)
        return (bytes[bit / 8] >> shift) & mask
    }

    mutating func setBits(_ value: UInt8, at index: Int) {
        precondition(index >= 0 && index < entries, "status index out of range")
        let bit = index * statusSize
        let shift = 8 - statusSize - bit % 8
        let mask = UInt8((1 << statusSize) - 1) << shift
        bytes[bit / 8] = (bytes[bit / 8] & ~mask) | ((value << shift) & mask)
    }

    public func encodedList() -> String { "u" + Base64URL.encode(Self.gzip(bytes)) }
}

extension StatusBitstring {
    static func gzip(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: a gzip header and trailer, as the standard asks.
        guard deflateInit2_(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        var input = input
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                let status = deflate(&stream, Z_FINISH)
                return status == Z_STREAM_END ? Int(stream.total_out) : -1
            }
        }
        return produced < 0 ? [] : Array(output.prefix(produced))
    }

    static func gunzip(_ input: [UInt8], limit: Int = maximumBytes) throws(CredentialError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .invalid("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var input = input
        var result: [UInt8] = []
        // GZIP's trailer gives the inflated size (mod 2^32): reserving it (within the limit) keeps
        // the array from doubling past what it holds. A lying trailer only costs the limit.
        if input.count >= 18 {
            let tail = input.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
            result.reserveCapacity(min(tail, limit) + 1)
        }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    result.append(contentsOf: outBuf.prefix(outBuf.count - Int(stream.avail_out)))
                }
            } while status == Z_OK && result.count <= limit
        }
        guard result.count <= limit else { throw .invalid("the status list inflates beyond \(limit) bytes") }
        guard status == Z_STREAM_END else { throw .invalid("encodedList is not valid GZIP data (zlib status \(status))") }
        return result
    }
}
