import Foundation
import Testing
import Basics
import WalletAPI
import WalletClient
import TestSupport

/// Issue 13 item 3: cmi5 course packages with the real walletd and wallet-cli. The sample package
/// (content/sample-cmi5, zipped by scripts/make-sample-cmi5.sh) is imported, listed, replaced and
/// removed; hostile packages are refused with words an admin can act on while the daemon keeps
/// serving; a package over --max-package-bytes is refused before it is stored.
@Suite("cmi5 content packages (real walletd and wallet-cli)", .serialized)
struct ContentPackageTests {
    static let root = SampleCoursePackage.repositoryRoot
    static let outcomes = [
        "https://catalog.vet-centre.example/courses/food-hygiene-haccp/outcomes/personal-hygiene",
        "https://catalog.vet-centre.example/courses/food-hygiene-haccp/outcomes/temperature-control",
        "https://catalog.vet-centre.example/courses/food-hygiene-haccp/outcomes/allergens",
        "https://catalog.vet-centre.example/courses/food-hygiene-haccp/outcomes/haccp-records",
    ]

    /// A zip made by Python's zipfile from (name, text) pairs, deflated; names are written as given.
    static func zip(_ files: [(String, String)], at path: String) throws {
        // The entries go through a file: a bomb's megabytes are too long for an argument list.
        let spec = path + ".json"
        try JSONSerialization.data(withJSONObject: files.map { [$0.0, $0.1] }).write(to: URL(fileURLWithPath: spec))
        defer { try? FileManager.default.removeItem(atPath: spec) }
        _ = try Repositoryd.run("/usr/bin/python3", ["-c", """
            import json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                for name, text in json.load(open(sys.argv[2])):
                    z.writestr(zipfile.ZipInfo(name), text.encode('utf-8'), compress_type=zipfile.ZIP_DEFLATED)
            """, path, spec])
    }

    static func packageFolders(_ pc: Walletd) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: pc.dataDirectory + "/content").filter { $0.hasPrefix("c-") }.sorted()
    }

    @Test func importListReplaceRemoveAndRefuseHostilePackages() throws {
        let pc = try Walletd().start()
        let cli = WalletCLIRunner(pc: pc)
        let sample = try SampleCoursePackage.zipWithScript(into: pc.folder)

        let imported = try cli("content", "import", sample)
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("Imported c-"), "\(imported)")
        let listed = try cli("content", "list", "--json")
        #expect(listed.status == 0, "\(listed)")
        let list = try JSONDecoder().decode(ContentPackageList.self, from: Data(listed.stdout.utf8))
        let package = try #require(list.packages.first)
        #expect(list.packages.count == 1)
        #expect(package.course == "https://catalog.vet-centre.example/courses/food-hygiene-haccp")
        #expect(package.units.map(\.id) == Self.outcomes, "AU ids are the self-assessed course's outcome ids")
        #expect(package.units.allSatisfy { $0.moveOn == "Passed" && $0.masteryScore == 0.8 })
        #expect(package.files == 4)
        let firstFolders = try Self.packageFolders(pc)
        #expect(firstFolders.count == 1)
        let unpacked = pc.dataDirectory + "/content/" + (firstFolders.first ?? "?")
        #expect(FileManager.default.fileExists(atPath: unpacked + "/au.js"))
        #expect(try String(contentsOfFile: unpacked + "/cmi5.xml", encoding: .utf8).contains("courseStructure"))
        let text = try cli("content", "list")
        #expect(text.status == 0 && text.stdout.contains(package.id) && text.stdout.contains("Food hygiene"), "\(text)")

        // The same course again, with one more file: replaced, one package, the old folder gone.
        let sources = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("content/sample-cmi5").path).sorted()
        var files = try sources.map { ($0, try String(contentsOf: Self.root.appendingPathComponent("content/sample-cmi5/" + $0), encoding: .utf8)) }
        files.append(("media/readme.txt", "added in version 2"))
        let second = pc.folder + "/sample-v2.zip"
        try Self.zip(files, at: second)
        let replaced = try cli("content", "import", second, "--json")
        #expect(replaced.status == 0, "\(replaced)")
        let summary = try JSONDecoder().decode(ContentPackageSummary.self, from: Data(replaced.stdout.utf8))
        #expect(summary.id == package.id && summary.replaced == true && summary.files == 5)
        let secondFolders = try Self.packageFolders(pc)
        #expect(secondFolders.count == 1 && secondFolders != firstFolders, "\(secondFolders)")
        #expect(FileManager.default.fileExists(atPath: pc.dataDirectory + "/content/" + (secondFolders.first ?? "?") + "/media/readme.txt"))

        // Hostile packages: refused with what to do; nothing stored, nothing left behind.
        let xml = files.first { $0.0 == "cmi5.xml" }?.1 ?? ""
        let hostile: [(String, [(String, String)], String)] = [
            ("traversal", [("cmi5.xml", xml), ("index.html", "x"), ("../../evil.html", "x")], "leaves the package folder"),
            ("no-structure", [("index.html", "x")], "no cmi5.xml"),
            ("missing-au-file", [("cmi5.xml", xml)], "no such file"),
            ("bomb", [("cmi5.xml", xml), ("index.html", "x"), ("zeros.bin", String(repeating: "0", count: 8 << 20))], "ZIP bomb"),
            ("absolute-url", [("cmi5.xml", xml.replacingOccurrences(of: "index.html?unit=personal-hygiene", with: "https://cdn.example/au.html")),
                              ("index.html", "x")], "absolute url"),
            ("duplicate", [("cmi5.xml", xml), ("index.html", "x"), ("INDEX.html", "y")], "name the same file"),
        ]
        for (name, entries, words) in hostile {
            let path = pc.folder + "/\(name).zip"
            try Self.zip(entries, at: path)
            let refused = try cli("content", "import", path)
            #expect(refused.status == 65, "\(name): \(refused)")
            #expect(refused.stderr.contains(words), "\(name): \(refused.stderr)")
        }
        let notZip = pc.folder + "/not-a.zip"
        try Data("just text".utf8).write(to: URL(fileURLWithPath: notZip))
        let refused = try cli("content", "import", notZip)
        #expect(refused.status == 65 && refused.stderr.contains("not a ZIP archive"), "\(refused)")
        #expect(try Self.packageFolders(pc) == secondFolders, "a refused import leaves the stored package alone")
        #expect(try FileManager.default.contentsOfDirectory(atPath: pc.dataDirectory + "/content").filter { $0.hasPrefix(".") }.isEmpty,
                "no upload or staging left behind")
        let health = try pc.client.call(Endpoints.health)
        #expect(health.status == "ok", "walletd still serves")
        #expect(try cli("content", "list", "--admin-token-file", "/dev/null").status != 0, "the admin only")

        // Remove: by id; the files go; a second removal says how to see what is there.
        let removed = try cli("content", "remove", package.id)
        #expect(removed.status == 0 && removed.stdout.contains("Removed \(package.id)"), "\(removed)")
        #expect(try Self.packageFolders(pc).isEmpty)
        let again = try cli("content", "remove", package.id)
        #expect(again.status == 66 && again.stderr.contains("wallet-cli content list"), "\(again)")
        let empty = try cli("content", "list")
        #expect(empty.status == 0 && empty.stdout.contains("wallet-cli content import"), "\(empty)")
    }

    @Test func aPackageOverTheSizeLimitIsRefusedBeforeItIsStored() throws {
        let pc = try Walletd(arguments: ["--max-package-bytes", "4096"]).start()
        let cli = WalletCLIRunner(pc: pc)
        let big = pc.folder + "/big.zip"
        var bytes = [UInt8](repeating: 0, count: 64 * 1024)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in bytes.indices { state = state &* 6_364_136_223_846_793_005 &+ 1; bytes[index] = UInt8(truncatingIfNeeded: state >> 33) }
        try Self.zip([("cmi5.xml", "x"), ("noise.txt", String(decoding: bytes.map { 0x41 + $0 % 26 }, as: UTF8.self))], at: big)
        let refused = try cli("content", "import", big)
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr.contains("--max-package-bytes"), "\(refused.stderr)")
        #expect(try pc.client.call(Endpoints.health).status == "ok")
        #expect(try FileManager.default.contentsOfDirectory(atPath: pc.dataDirectory + "/content").isEmpty)
    }
}
