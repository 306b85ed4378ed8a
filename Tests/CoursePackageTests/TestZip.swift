import CZlib
import Foundation
import TestSupport

/// Builds ZIP archives byte by byte for the tests, honest or hostile: each entry's header fields
/// can be set to lie (CRC, sizes, attributes, flags), and names can be anything.
///
/// ```swift
/// var zip = TestZip()
/// zip.add("cmi5.xml", Array(xml.utf8))
/// zip.add("../evil", [1], method: 0)
/// let path = try zip.write(in: folder)
/// ```
struct TestZip {
    struct Entry {
        var name: [UInt8]
        var data: [UInt8]
        var method: UInt16 = 8
        var crc: UInt32?
        var declaredSize: Int?
        var declaredPacked: Int?
        var flags: UInt16 = 0x0800
        var madeBy: UInt16 = 0x031E   // Unix, version 3.0
        var external: UInt32 = 0o100644 << 16
        var localName: [UInt8]?
    }

    var entries: [Entry] = []
    var comment: [UInt8] = []

    mutating func add(_ name: String, _ data: [UInt8], method: UInt16 = 8, edit: (inout Entry) -> Void = { _ in }) {
        var entry = Entry(name: Array(name.utf8), data: data, method: method)
        if name.hasSuffix("/") { entry.external = 0o040755 << 16; entry.method = 0 }
        edit(&entry)
        entries.append(entry)
    }

    mutating func add(_ name: String, _ text: String, method: UInt16 = 8, edit: (inout Entry) -> Void = { _ in }) {
        add(name, Array(text.utf8), method: method, edit: edit)
    }

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let packed = entry.method == 8 ? Self.deflate(entry.data) : entry.data
            let crc = entry.crc ?? StoredZip.crc32(entry.data)
            let size = entry.declaredSize ?? entry.data.count
            let packedSize = UInt32(entry.declaredPacked ?? packed.count)
            let offset = out.count
            let localName = entry.localName ?? entry.name
            out += u32(0x0403_4b50) + u16(20) + u16(entry.flags) + u16(entry.method) + u16(0) + u16(0x21)
            out += u32(crc) + u32(packedSize) + u32(UInt32(size)) + u16(UInt16(localName.count)) + u16(0)
            out += localName + packed
            directory += u32(0x0201_4b50) + u16(entry.madeBy) + u16(20) + u16(entry.flags) + u16(entry.method) + u16(0) + u16(0x21)
            directory += u32(crc) + u32(packedSize) + u32(UInt32(size))
            directory += u16(UInt16(entry.name.count)) + u16(0) + u16(0) + u16(0) + u16(0) + u32(entry.external) + u32(UInt32(offset))
            directory += entry.name
        }
        let directoryOffset = out.count
        out += directory
        out += u32(0x0605_4b50) + u16(0) + u16(0) + u16(UInt16(entries.count)) + u16(UInt16(entries.count))
        out += u32(UInt32(directory.count)) + u32(UInt32(directoryOffset)) + u16(UInt16(comment.count)) + comment
        return out
    }

    func write(in folder: URL, name: String = "package.zip") throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes()).write(to: url)
        return url.path
    }

    static func deflate(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        var input = input
        let produced: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                return CZlib.deflate(&stream, Z_FINISH) == Z_STREAM_END ? Int(stream.total_out) : -1
            }
        }
        return produced < 0 ? [] : Array(output.prefix(produced))
    }

    private func u16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
    private func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xff) } }
}
