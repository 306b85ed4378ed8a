import CoursePackage
import Foundation
import Testing
import TestSupport

/// cmi5.xml (cmi5 spec section 13) through walletd's own strict XML reader.
@Suite("Cmi5Parser: the course structure")
struct Cmi5ParserTests {
    static let ns = Cmi5Parser.namespace

    static func xml(_ body: String, course: String = "https://example.org/course/1") -> [UInt8] {
        Array("""
        <?xml version="1.0" encoding="utf-8"?>
        <!-- made by hand -->
        <courseStructure xmlns="\(ns)" xmlns:ext="urn:example:ext" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <course id="\(course)">
            <title><langstring lang="en-US">Course</langstring><langstring lang="nl">Cursus</langstring></title>
            <description><langstring lang="en-US">About</langstring></description>
          </course>
          \(body)
        </courseStructure>
        """.utf8)
    }

    static let au = """
        <au id="https://example.org/au/1" moveOn="Passed" masteryScore="0.8" launchMethod="OwnWindow" ext:vendor="x">
          <title><langstring lang="en-US">Unit &amp; test</langstring></title>
          <description><langstring lang="en-US"><![CDATA[A <b>unit</b>]]></langstring></description>
          <url>content/index%20page.html?lang=en</url>
          <launchParameters>{"level": 2}</launchParameters>
          <entitlementKey> key-1 </entitlementKey>
          <ext:note>ignored</ext:note>
        </au>
        """

    @Test func parsesCourseBlocksAndAUs() throws {
        let structure = try Cmi5Parser.parse(Self.xml("""
            <block id="https://example.org/block/1">
              <title><langstring lang="en-US">Block</langstring></title>
              <description><langstring lang="en-US">B</langstring></description>
              \(Self.au)
            </block>
            <au id="https://example.org/au/2"><title><langstring>Two</langstring></title><description><langstring/></description><url>two.html</url></au>
            """))
        #expect(structure.course.id == "https://example.org/course/1")
        #expect(structure.course.title == [LangString(lang: "en-US", text: "Course"), LangString(lang: "nl", text: "Cursus")])
        let aus = structure.assignableUnits
        #expect(aus.map(\.id) == ["https://example.org/au/1", "https://example.org/au/2"])
        let first = aus[0]
        #expect(first.title.first?.text == "Unit & test")
        #expect(first.description.first?.text == "A <b>unit</b>")
        #expect(first.url == "content/index%20page.html?lang=en")
        #expect(first.launchPath == "content/index page.html")
        #expect(first.moveOn == .passed && first.masteryScore == 0.8 && first.launchMethod == .ownWindow)
        #expect(first.launchParameters == "{\"level\": 2}")
        #expect(first.entitlementKey == "key-1")
        let second = aus[1]
        #expect(second.moveOn == .notApplicable && second.launchMethod == .anyWindow && second.masteryScore == nil)
        #expect(second.title == [LangString(lang: "und", text: "Two")])
        guard case .block(let block) = structure.items[0] else { Issue.record("no block first"); return }
        #expect(block.id == "https://example.org/block/1" && block.items.count == 1)
        // The JSON form walletd stores round-trips.
        let json = try JSONEncoder().encode(structure)
        #expect(try JSONDecoder().decode(CourseStructure.self, from: json) == structure)
    }

    static let refused: [(String, String, String)] = [
        ("<au id='https://x/au'><title><langstring>a</langstring></title><description><langstring>a</langstring></description><url>https://cdn.example/au.html</url></au>", "absolute_au_url", "absolute"),
        ("<au id='https://x/au'><title><langstring>a</langstring></title><description><langstring>a</langstring></description><url>/au.html</url></au>", "absolute_au_url", "absolute"),
        ("<au id='https://x/au'><title><langstring>a</langstring></title><description><langstring>a</langstring></description><url>../au.html</url></au>", "invalid_au_url", ".."),
        ("<au id='https://x/au'><title><langstring>a</langstring></title><description><langstring>a</langstring></description></au>", "invalid_course_structure", "<url>"),
        ("<au id='not-an-iri'><title><langstring>a</langstring></title><description><langstring>a</langstring></description><url>a.html</url></au>", "invalid_course_structure", "absolute IRI"),
        ("<au id='https://x/au' moveOn='Sometimes'><title><langstring>a</langstring></title><description><langstring>a</langstring></description><url>a.html</url></au>", "invalid_course_structure", "moveOn"),
        ("<au id='https://x/au' masteryScore='1.5'><title><langstring>a</langstring></title><description><langstring>a</langstring></description><url>a.html</url></au>", "invalid_course_structure", "masteryScore"),
        ("<au id='https://x/au' launchMethod='Popup'><title><langstring>a</langstring></title><description><langstring>a</langstring></description><url>a.html</url></au>", "invalid_course_structure", "launchMethod"),
        ("<au id='https://x/au'><description><langstring>a</langstring></description><url>a.html</url></au>", "invalid_course_structure", "<title>"),
        ("<au id='https://x/au'><title><langstring>a</langstring></title><description><langstring>a</langstring></description><url>a.html</url></au><au id='https://x/au'><title><langstring>a</langstring></title><description><langstring>a</langstring></description><url>b.html</url></au>", "invalid_course_structure", "used twice"),
        ("<au id='https://example.org/course/1'><title><langstring>a</langstring></title><description><langstring>a</langstring></description><url>a.html</url></au>", "invalid_course_structure", "used twice"),
        ("<chapter/>", "invalid_course_structure", "<chapter>"),
        ("", "invalid_course_structure", "no <au> or <block>"),
        ("<block id='https://x/b'><title><langstring>a</langstring></title><description><langstring>a</langstring></description></block>", "invalid_course_structure", "holds no"),
    ]

    @Test func refusesWhatTheSpecOrAnOfflinePCForbids() {
        for (body, code, words) in Self.refused {
            do {
                _ = try Cmi5Parser.parse(Self.xml(body))
                Issue.record("accepted: \(body)")
            } catch {
                #expect(error.code == code, "\(body): \(error.message)")
                #expect(error.message.contains(words), "\(body): \(error.message)")
            }
        }
    }

    @Test(arguments: [
        ("<!DOCTYPE x [<!ENTITY a 'aaaa'>]><courseStructure/>", "DOCTYPE"),
        ("<courseStructure xmlns='\(ns)'>&lol;</courseStructure>", "not defined"),
        ("<courseStructure xmlns='\(ns)'><course></courseStructure>", "closes"),
        ("<courseStructure xmlns='\(ns)'>", "ends inside"),
        ("<courseStructure xmlns='\(ns)' a='1' a='2'/>", "twice"),
        ("<courseStructure xmlns='\(ns)'/><extra/>", "after the root"),
        ("<x:courseStructure xmlns='\(ns)'/>", "prefix"),
        ("<?xml version='1.0' encoding='ISO-8859-1'?><courseStructure/>", "UTF-8"),
        ("<courseStructure xmlns='\(ns)'>]]></courseStructure>", "]]>"),
    ])
    func refusesXMLItDoesNotRead(document: String, words: String) {
        do {
            _ = try Cmi5Parser.parse(Array(document.utf8))
            Issue.record("accepted: \(document)")
        } catch {
            #expect(error.code == "course_structure_not_xml", "\(error.message)")
            #expect(error.message.contains(words), "\(error.message)")
        }
    }

    @Test func refusesTheWrongRootOrNamespace() {
        #expect(throws: Cmi5Error.self) { try Cmi5Parser.parse(Array("<courseStructure xmlns='http://www.adlnet.gov/cmi5/CourseStructure.xsd'/>".utf8)) }
        #expect(throws: Cmi5Error.self) { try Cmi5Parser.parse(Array("<manifest/>".utf8)) }
        #expect(throws: Cmi5Error.self) { try Cmi5Parser.parse([0xFF, 0xFE, 0x3C, 0x00]) }
    }

    @Test func deepNestingIsRefusedWithoutRecursion() {
        let deep = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        #expect(throws: XMLError.self) { try StrictXMLParser.parse(Array(deep.utf8)) }
    }

    @Test func characterReferencesAndPrefixedNamespacesResolve() throws {
        let tree = try StrictXMLParser.parse(Array("<c:r xmlns:c='urn:c'><c:t a='x&#10;y'>&#x41;&#66;&lt;</c:t></c:r>".utf8))
        #expect(tree.name == XMLName(namespace: "urn:c", local: "r"))
        #expect(tree.children.first?.text == "AB<")
        #expect(tree.children.first?.attribute("a") == "x\ny")
    }

    @Test func theSampleCourseOfTheRepositoryParses() throws {
        let root = SampleCoursePackage.repositoryRoot
        let xml = try Data(contentsOf: root.appendingPathComponent("content/sample-cmi5/cmi5.xml"))
        let structure = try Cmi5Parser.parse(Array(xml))
        #expect(!structure.assignableUnits.isEmpty)
        for au in structure.assignableUnits {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("content/sample-cmi5/" + au.launchPath).path))
        }
    }
}

/// The sample package as the repository's script zips it, checked and unpacked end to end.
@Suite("CheckedPackage: the sample package")
struct CheckedPackageTests {
    @Test func theSampleZipIsCheckedAndUnpacked() throws {
        let root = SampleCoursePackage.repositoryRoot
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checked-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = try SampleCoursePackage.zip(into: folder.path)
        let package = try CheckedPackage(path: zip, limits: .standard)
        #expect(package.structure.assignableUnits.count == 4 && package.fileCount == 4)
        let target = folder.appendingPathComponent("unpacked").path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try package.unpack(into: target)
        for name in ["cmi5.xml", "index.html", "au.js", "au.css"] {
            #expect(FileManager.default.contents(atPath: target + "/" + name) == FileManager.default.contents(atPath: root.path + "/content/sample-cmi5/" + name))
        }
        // Unpacking again into the same folder never overwrites (O_EXCL).
        #expect(throws: UnpackError.self) { try package.unpack(into: target) }
    }
}
