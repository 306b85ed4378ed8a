import CoursePackage
import Foundation
import Testing
import TestSupport
@testable import WalletCore

/// The content library as launching and serving use it: an AU found by its id with its package
/// and rules, and request paths resolved to files inside the package only.
@Suite("ContentLibrary: stored packages, AU lookup, file resolution")
struct ContentLibraryTests {
    static let personalHygiene = "https://catalog.vet-centre.example/courses/food-hygiene-haccp/outcomes/personal-hygiene"

    /// A fresh store and library with the sample package imported.
    static func library() async throws -> (StoreFixture, ContentLibrary, ContentPackage) {
        let fixture = try await StoreFixture()
        let library = ContentLibrary(store: fixture.store, dataDirectory: fixture.directory)
        let upload = try SampleCoursePackage.zip(into: fixture.directory, as: library.newUploadPath())
        let (package, replaced) = try library.importPackage(at: upload, nowMs: 1_000)
        #expect(replaced == nil)
        #expect(!FileManager.default.fileExists(atPath: upload), "the upload is removed")
        return (fixture, library, package)
    }

    /// The admin restores a backup of the database made before the package was imported again:
    /// the database names a folder that is gone, and walletd's start sweeps the folder it does not
    /// name. The package is listed, but offers nothing to launch until it is imported again.
    @Test func aRestoredDatabaseWhosePackageFilesAreGoneOffersNoLesson() async throws {
        let (fixture, _, _) = try await Self.library()
        defer { fixture.remove() }
        let backup = fixture.directory + "/before-reimport.sqlite"
        try fixture.store.backup(to: backup)
        let again = ContentLibrary(store: fixture.store, dataDirectory: fixture.directory)
        _ = try again.importPackage(at: SampleCoursePackage.zip(into: fixture.directory, as: again.newUploadPath()), nowMs: 2_000)

        let restored = fixture.directory + "/restored"
        try FileManager.default.createDirectory(atPath: restored, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: backup, toPath: restored + "/wallet.sqlite")
        try FileManager.default.copyItem(atPath: fixture.directory + "/content", toPath: restored + "/content")
        let store = try WalletStore(directory: restored, durability: .normal)
        let library = ContentLibrary(store: store, dataDirectory: restored)
        let listed = try #require(try library.packages().first)
        #expect(!library.hasFiles(listed), "the folder the restored database names is gone")
        #expect(try library.assignableUnit(id: Self.personalHygiene) == nil, "nothing to launch")

        _ = try library.importPackage(at: SampleCoursePackage.zip(into: restored, as: library.newUploadPath()), nowMs: 3_000)
        #expect(library.hasFiles(try #require(try library.packages().first)))
        #expect(try library.assignableUnit(id: Self.personalHygiene) != nil, "imported again, launchable again")
    }

    @Test func findsAnAUWithItsRulesAndPackage() async throws {
        let (fixture, library, package) = try await Self.library()
        defer { fixture.remove() }
        let launch = try #require(try library.assignableUnit(id: Self.personalHygiene))
        #expect(launch.unit.url == "index.html?unit=personal-hygiene")
        #expect(launch.unit.launchPath == "index.html")
        #expect(launch.unit.moveOn == .passed && launch.unit.masteryScore == 0.8 && launch.unit.launchMethod == .anyWindow)
        #expect(LangString.pick(launch.unit.title, for: ["nl"]) == "Persoonlijke hygiëne")
        #expect(launch.package.id == package.id && launch.package.courseId == "https://catalog.vet-centre.example/courses/food-hygiene-haccp")
        guard case .block(let block)? = launch.package.structure.items.first else { Issue.record("no block"); return }
        #expect(block.items.count == 4)
        #expect(try library.assignableUnit(id: "https://example.org/not-an-au") == nil)
        #expect(package.id == ContentLibrary.packageId(course: package.courseId) && package.id.count == 18)
        // In the values the cmi5 launch and satisfaction code takes.
        let course = launch.package.cmi5Course
        #expect(course.id == package.courseId && course.units.map(\.id).contains(Self.personalHygiene))
        #expect(course.blocks == [Cmi5Block(id: "https://catalog.vet-centre.example/courses/food-hygiene-haccp/cmi5/self-check",
                                            unitIDs: course.units.map(\.id))])
        #expect(launch.cmi5Unit == Cmi5AssignableUnit(id: Self.personalHygiene, url: "index.html?unit=personal-hygiene", moveOn: .passed,
                                                      masteryScore: 0.8, launchMethod: "AnyWindow"))
    }

    @Test func resolvesPathsInsideThePackageOnly() async throws {
        let (fixture, library, package) = try await Self.library()
        defer { fixture.remove() }
        let script = try library.file(inPackage: package.id, path: "au.js")
        #expect(script.contentType == "text/javascript; charset=utf-8")
        #expect(script.path.hasPrefix(library.root + "/" + package.folder + "/") && script.size > 1000)
        #expect(try library.file(inPackage: package.id, path: "index.html").contentType == "text/html; charset=utf-8")
        for path in ["../wallet.sqlite", "/etc/passwd", "a/../au.js", ".hidden", "a\\b", "", "x//y"] {
            #expect(throws: ContentError.self, "\(path)") { try library.file(inPackage: package.id, path: path) }
        }
        #expect(throws: ContentError.self) { try library.file(inPackage: package.id, path: "missing.js") }
        #expect(throws: ContentError.self) { try library.file(inPackage: "c-0000000000000000", path: "au.js") }
        // A link planted in the package folder behind walletd's back is not followed.
        let folder = library.root + "/" + package.folder
        try FileManager.default.createSymbolicLink(atPath: folder + "/leak.js", withDestinationPath: fixture.directory + "/wallet.sqlite")
        try FileManager.default.createDirectory(atPath: fixture.directory + "/outside", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: fixture.directory + "/outside/x.js", contents: Data("x".utf8))
        try FileManager.default.createSymbolicLink(atPath: folder + "/sub", withDestinationPath: fixture.directory + "/outside")
        #expect(throws: ContentError.self) { try library.file(inPackage: package.id, path: "leak.js") }
        #expect(throws: ContentError.self) { try library.file(inPackage: package.id, path: "sub/x.js") }
    }

    @Test func reimportReplacesAndRemoveDeletes() async throws {
        let (fixture, library, package) = try await Self.library()
        defer { fixture.remove() }
        let upload = try SampleCoursePackage.zip(into: fixture.directory, as: library.newUploadPath())
        let (again, replaced) = try library.importPackage(at: upload, nowMs: 2_000)
        #expect(replaced?.folder == package.folder && again.folder != package.folder && again.id == package.id)
        #expect(!FileManager.default.fileExists(atPath: library.root + "/" + package.folder))
        #expect(try library.packages().count == 1)
        // A crash's leftovers are swept by the next library (walletd's next start).
        try FileManager.default.createDirectory(atPath: library.root + "/.staging-dead", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: library.root + "/c-0000000000000000-dead", withIntermediateDirectories: true)
        _ = ContentLibrary(store: fixture.store, dataDirectory: fixture.directory)
        #expect(try FileManager.default.contentsOfDirectory(atPath: library.root) == [again.folder])
        let removed = try library.remove(again.courseId, nowMs: 3_000)
        #expect(removed.id == package.id)
        #expect(try library.packages().isEmpty && library.assignableUnit(id: Self.personalHygiene) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: library.root).isEmpty)
        #expect(throws: ContentError.self) { try library.remove(package.id, nowMs: 4_000) }
    }
}
