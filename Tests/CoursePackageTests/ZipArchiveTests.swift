import CoursePackage
import Foundation
import Testing

/// The ZIP reader against honest archives and hostile ones built byte by byte in the test.
@Suite("ZipArchive: strict, bounded reading")
struct ZipArchiveTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("zip-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func open(_ zip: TestZip, limits: ZipLimits = .standard) throws -> ZipArchive {
        try ZipArchive(path: try zip.write(in: folder), limits: limits)
    }

    func refusal(_ zip: TestZip, limits: ZipLimits = .standard, reading: Bool = false) -> ZipError? {
        do {
            let archive = try open(zip, limits: limits)
            if reading {
                for entry in archive.entries where !entry.isDirectory { _ = try archive.contents(of: entry, limit: 1 << 30) }
            }
            return nil
        } catch let error as ZipError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func readsStoredAndDeflatedEntriesWithFolders() throws {
        var zip = TestZip()
        zip.add("js/", [])
        zip.add("js/au.js", String(repeating: "console.log('hi');\n", count: 5000))
        zip.add("index.html", "<!doctype html><title>x</title>", method: 0)
        zip.add("empty.txt", [], method: 8)
        let archive = try open(zip)
        #expect(archive.entries.map(\.path) == ["js", "js/au.js", "index.html", "empty.txt"])
        #expect(archive.entries[0].isDirectory)
        let script = try #require(archive.entry(named: "js/au.js"))
        #expect(script.compressedSize < script.uncompressedSize)
        #expect(try archive.contents(of: script, limit: 1 << 20) == Array(String(repeating: "console.log('hi');\n", count: 5000).utf8))
        #expect(try archive.contents(of: #require(archive.entry(named: "index.html")), limit: 100) == Array("<!doctype html><title>x</title>".utf8))
        #expect(try archive.contents(of: #require(archive.entry(named: "empty.txt")), limit: 100) == [])
    }

    @Test func bigEntryIsStreamedInPiecesAndChecked() throws {
        var zip = TestZip()
        var data = [UInt8](repeating: 0, count: 600_000)
        for index in data.indices { data[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
        zip.add("media/clip.bin", data)
        let archive = try open(zip)
        var pieces = 0
        var joined: [UInt8] = []
        try ZipEntryReader(archive: archive, entry: #require(archive.entry(named: "media/clip.bin"))).read {
            pieces += 1
            #expect($0.count <= 64 * 1024)
            joined += $0
        }
        #expect(pieces > 1)
        #expect(joined == data)
    }

    @Test(arguments: [
        ("../evil.html", "\"..\""), ("a/../../evil", "\"..\""), ("/etc/passwd", "absolute"), ("a\\b.html", "backslash"),
        ("a\u{0}b", "NUL"), ("a//b", "empty segment"), (".htaccess", "hidden"), ("js/.git/config", "hidden"), ("C:/x", "drive"),
        ("./index.html", "\".\" segment"), ("a\u{7}b", "control"),
    ])
    func refusesUnsafeNames(name: String, words: String) {
        var zip = TestZip()
        zip.add(name, "x")
        guard case .unsafeName(_, let reason)? = refusal(zip) else {
            Issue.record("\(name) was not refused as unsafe")
            return
        }
        #expect(reason.contains(words), "\(reason)")
    }

    @Test func refusesNamesThatAreNotUTF8() {
        var zip = TestZip()
        zip.add("x", "x") { $0.name = [0x63, 0xFF, 0x2E, 0x6A, 0x73]; $0.localName = $0.name }
        #expect(refusal(zip)?.code == "unsafe_name")
    }

    @Test func refusesDuplicatesEvenIgnoringCaseAndFilesUsedAsFolders() {
        var same = TestZip()
        same.add("index.html", "a")
        same.add("index.html", "b")
        #expect(refusal(same) == .duplicateName(name: "index.html", other: "index.html"))
        var cased = TestZip()
        cased.add("Index.html", "a")
        cased.add("index.HTML", "b")
        #expect(refusal(cased) == .duplicateName(name: "index.HTML", other: "Index.html"))
        var folder = TestZip()
        folder.add("js", "a file")
        folder.add("JS/au.js", "b")
        #expect(refusal(folder)?.code == "duplicate_name")
    }

    @Test func refusesLinksAndSpecialFiles() {
        var link = TestZip()
        link.add("index.html", "/etc/passwd", method: 0) { $0.external = 0o120777 << 16 }
        #expect(refusal(link) == .symlink(name: "index.html"))
        var fifo = TestZip()
        fifo.add("pipe", [], method: 0) { $0.external = 0o010644 << 16 }
        #expect(refusal(fifo) == .specialFile(name: "pipe"))
        // Attributes of a non-Unix maker (MS-DOS) say nothing of links: accepted.
        var dos = TestZip()
        dos.add("index.html", "x") { $0.madeBy = 0x0014; $0.external = 0x20 }
        #expect(refusal(dos) == nil)
    }

    @Test func refusesEncryptionAndOtherMethods() {
        var encrypted = TestZip()
        encrypted.add("a.html", "x") { $0.flags |= 1 }
        #expect(refusal(encrypted) == .encrypted(name: "a.html"))
        var bzip = TestZip()
        bzip.add("a.html", "x", method: 0) { $0.method = 12 }
        #expect(refusal(bzip) == .unsupportedMethod(name: "a.html", method: 12))
    }

    @Test func refusesTooManyAndTooLarge() {
        var many = TestZip()
        for index in 0..<6 { many.add("f\(index).txt", "x") }
        #expect(refusal(many, limits: ZipLimits(maxEntries: 5)) == .tooManyEntries(count: 6, limit: 5))
        var large = TestZip()
        large.add("big.bin", [UInt8](repeating: 7, count: 5000))
        #expect(refusal(large, limits: ZipLimits(maxEntryBytes: 4096)) == .entryTooLarge(name: "big.bin", bytes: 5000, limit: 4096))
        var total = TestZip()
        for index in 0..<4 { total.add("f\(index).bin", [UInt8](repeating: 1, count: 3000)) }
        #expect(refusal(total, limits: ZipLimits(maxTotalBytes: 10_000)) == .totalTooLarge(bytes: 12_000, limit: 10_000))
    }

    @Test func refusesAZipBombByItsRatioBeforeUnpacking() {
        var bomb = TestZip()
        bomb.add("bomb.bin", [UInt8](repeating: 0, count: 4 << 20))   // deflates about 1000:1
        guard case .compressionRatio(let name, let ratio, let limit)? = refusal(bomb) else {
            Issue.record("the bomb was not refused by its ratio")
            return
        }
        #expect(name == "bomb.bin" && ratio > 100 && limit == 100)
    }

    @Test func aLyingSizeStopsTheInflaterAtTheDeclaredSize() throws {
        // Declares 1,000 bytes but inflates to a megabyte: the reader stops at byte 1,001.
        var liar = TestZip()
        liar.add("small.txt", [UInt8](repeating: 65, count: 1 << 20)) { $0.declaredSize = 1000 }
        let archive = try open(liar)
        var seen = 0
        #expect(throws: ZipError.sizeMismatch(name: "small.txt")) {
            try ZipEntryReader(archive: archive, entry: #require(archive.entry(named: "small.txt"))).read { seen += $0.count }
        }
        #expect(seen <= 1000)
        // And one that inflates to less than it declares.
        var short = TestZip()
        short.add("short.txt", "abc") { $0.declaredSize = 10 }
        #expect(refusal(short, reading: true) == .sizeMismatch(name: "short.txt"))
    }

    @Test func aBadCRCIsRefused() {
        var zip = TestZip()
        zip.add("index.html", "<p>hello</p>") { $0.crc = 0xDEAD_BEEF }
        #expect(refusal(zip, reading: true) == .badCRC(name: "index.html"))
        var stored = TestZip()
        stored.add("index.html", "<p>hello</p>", method: 0) { $0.crc = 1 }
        #expect(refusal(stored, reading: true) == .badCRC(name: "index.html"))
    }

    @Test func truncatedAndDamagedArchivesAreRefused() throws {
        var zip = TestZip()
        zip.add("index.html", String(repeating: "<p>hello</p>", count: 100))
        let whole = zip.bytes()
        let cut = folder.appendingPathComponent("cut.zip")
        try Data(whole.prefix(whole.count - 30)).write(to: cut)
        #expect(throws: ZipError.notAZip) { try ZipArchive(path: cut.path, limits: .standard) }
        // The directory intact but the data cut away: the local header or data is missing.
        var damaged = whole
        damaged.replaceSubrange(0..<30, with: [UInt8](repeating: 0, count: 30))
        let noHeader = folder.appendingPathComponent("damaged.zip")
        try Data(damaged).write(to: noHeader)
        #expect(throws: ZipError.localHeaderMismatch(name: "index.html")) { try ZipArchive(path: noHeader.path, limits: .standard) }
        // Corrupt deflate data.
        var corrupt = whole
        for index in 40..<60 { corrupt[index] ^= 0xFF }
        let corruptPath = folder.appendingPathComponent("corrupt.zip")
        try Data(corrupt).write(to: corruptPath)
        let archive = try ZipArchive(path: corruptPath.path, limits: .standard)
        #expect(throws: ZipError.self) { _ = try archive.contents(of: #require(archive.entry(named: "index.html")), limit: 1 << 20) }
        let empty = folder.appendingPathComponent("empty.zip")
        try Data().write(to: empty)
        #expect(throws: ZipError.notAZip) { try ZipArchive(path: empty.path, limits: .standard) }
        #expect(throws: ZipError.self) { try ZipArchive(path: folder.appendingPathComponent("missing.zip").path, limits: .standard) }
    }

    @Test func trailingBytesAfterTheArchiveAreRefused() throws {
        var zip = TestZip()
        zip.add("a.txt", "a")
        let path = folder.appendingPathComponent("junk.zip")
        try Data(zip.bytes() + [1, 2, 3]).write(to: path)
        #expect(throws: ZipError.notAZip) { try ZipArchive(path: path.path, limits: .standard) }
        zip.comment = Array("a comment".utf8)
        #expect(refusal(zip) == nil)
    }

    @Test func aLocalHeaderNamingAnotherFileIsRefused() {
        var zip = TestZip()
        zip.add("index.html", "x") { $0.localName = Array("../../evil".utf8) }
        #expect(refusal(zip) == .localHeaderMismatch(name: "index.html"))
    }

    @Test func entriesSharingBytesAreRefused() {
        // An entry whose data runs into the next entry's header: the overlap trick of crafted bombs.
        var zip = TestZip()
        zip.add("a.txt", "hello", method: 0) { $0.declaredPacked = 40; $0.declaredSize = 40 }
        zip.add("b.txt", "world", method: 0)
        #expect(refusal(zip) == .overlapping(name: "a.txt"))
        // One whose data runs into the central directory.
        var last = TestZip()
        last.add("a.txt", "hello", method: 0) { $0.declaredPacked = 400; $0.declaredSize = 400 }
        #expect(refusal(last)?.code == "truncated")
    }

    @Test func everyRefusalSaysWhatToDo() {
        let errors: [ZipError] = [.notAZip, .zip64, .multiDisk, .truncated("x"), .badCRC(name: "a"), .symlink(name: "a"),
                                  .compressionRatio(name: "a", ratio: 500, limit: 100), .unsafeName(name: "../a", reason: "r")]
        for error in errors {
            #expect(error.message.count > 40)
            #expect(!error.code.isEmpty)
        }
    }
}
