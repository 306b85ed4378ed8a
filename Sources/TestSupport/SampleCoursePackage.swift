import Foundation

/// The sample cmi5 course package (content/sample-cmi5, docs/CONTENT.md) as a zip, for the tests
/// that import it. In-process suites use ``zip(into:as:)``, which writes a stored (uncompressed)
/// archive itself: no child process, so it never races the suites that start tools. The
/// integration tests use ``zipWithScript(into:)``, the repository's own script, as the demo does.
///
/// ```swift
/// let zip = try SampleCoursePackage.zip(into: folder)   // folder + "/sample-cmi5.zip"
/// ```
public enum SampleCoursePackage {
    /// The repository's root folder (this file is Sources/TestSupport/SampleCoursePackage.swift).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The sample package's source folder.
    public static var sources: URL { repositoryRoot.appendingPathComponent("content/sample-cmi5") }

    /// Writes the sample package's files, sorted by name, as a stored ZIP archive to `path`
    /// (default `folder/sample-cmi5.zip`) and answers the path.
    @discardableResult
    public static func zip(into folder: String, as path: String? = nil) throws -> String {
        let out = path ?? folder + "/sample-cmi5.zip"
        let names = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { !$0.hasPrefix(".") }.sorted()
        let files = try names.map { ($0, [UInt8](try Data(contentsOf: sources.appendingPathComponent($0)))) }
        try Data(StoredZip.archive(files)).write(to: URL(fileURLWithPath: out))
        return out
    }

    /// Zips the sample package with scripts/make-sample-cmi5.sh (deflated, as the demo makes it).
    @discardableResult
    public static func zipWithScript(into folder: String) throws -> String {
        let out = folder + "/sample-cmi5.zip"
        let run = try ProcessRun(executable: repositoryRoot.appendingPathComponent("scripts/make-sample-cmi5.sh").path, arguments: [out])
        guard run.status == 0 else { throw ScriptFailed(status: run.status, output: run.output) }
        return out
    }

    /// scripts/make-sample-cmi5.sh exited with `status`.
    public struct ScriptFailed: Error, CustomStringConvertible {
        public let status: Int32
        public let output: String
        public var description: String { "scripts/make-sample-cmi5.sh exited with \(status): \(output)" }
    }
}

/// A ZIP archive of stored (uncompressed) files, Unix attributes, UTF-8 names: the smallest
/// honest archive, for tests.
///
/// ```swift
/// let bytes = StoredZip.archive([("cmi5.xml", Array(xml.utf8)), ("index.html", Array(html.utf8))])
/// ```
public enum StoredZip {
    public static func archive(_ files: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for (name, data) in files {
            let crc = crc32(data), size = UInt32(data.count), nameBytes = Array(name.utf8), offset = UInt32(out.count)
            // version 20, flags: UTF-8 names, method 0 (stored), a fixed time and date
            let common = u16(20) + u16(0x0800) + u16(0) + u16(0) + u16(0x5C21) + u32(crc) + u32(size) + u32(size) + u16(UInt16(nameBytes.count)) + u16(0)
            out += u32(0x0403_4b50) + common + nameBytes + data
            directory += u32(0x0201_4b50) + u16(0x031E) + common + u16(0) + u16(0) + u16(0) + u32(0o100644 << 16) + u32(offset) + nameBytes
        }
        let directoryOffset = UInt32(out.count)
        out += directory
        out += u32(0x0605_4b50) + u16(0) + u16(0) + u16(UInt16(files.count)) + u16(UInt16(files.count))
        out += u32(UInt32(directory.count)) + u32(directoryOffset) + u16(0)
        return out
    }

    /// CRC-32 (IEEE 802.3, reflected, as ZIP uses), bit by bit: test archives are small.
    public static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func u16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
    private static func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xff) } }
}
