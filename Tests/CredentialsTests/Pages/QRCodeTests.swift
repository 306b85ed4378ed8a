import CredentialPages
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite struct QRCodeTests {
    /// Collects the one path's `d` and the root's viewBox while checking the SVG parses as XML.
    final class SVGReader: NSObject, XMLParserDelegate {
        var viewBox: String?
        var paths: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "svg" { viewBox = attributes["viewBox"] }
            if name == "path" { paths.append(attributes["d"] ?? "") }
        }
    }

    /// Modules painted by `M x y h n v1 h-n z` runs.
    static func paintedModules(_ d: String) -> Set<[Int]> {
        var painted: Set<[Int]> = []
        for run in d.split(separator: "z") {
            let numbers = run.split(whereSeparator: { "Mhv ".contains($0) }).compactMap { Int($0) }
            guard numbers.count == 5 else { continue }
            for x in numbers[0]..<(numbers[0] + numbers[2]) { painted.insert([x, numbers[1]]) }
        }
        return painted
    }

    @Test(arguments: ["hello", "https://repo.example/verify?credential=urn%3Auuid%3A6f1c1d2e-0000-4000-8000-000000000001",
                      String(repeating: "Lernergebnis ü ", count: 40)])
    func svgIsWellFormedAndDrawsExactlyTheDarkModules(text: String) throws {
        let code = try QRCode(text: text)
        #expect(code.width == 17 + 4 * code.version)
        #expect(code.modules.count == code.width * code.width)
        let svg = code.svg(moduleSize: 4)
        let reader = SVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        let side = code.width + 2 * QRCode.quietZone
        #expect(reader.viewBox == "0 0 \(side) \(side)")
        #expect(reader.paths.count == 1)
        var dark: Set<[Int]> = []
        for y in 0..<code.width { for x in 0..<code.width where code.isDark(x: x, y: y) { dark.insert([x + 4, y + 4]) } }
        #expect(Self.paintedModules(reader.paths.first ?? "") == dark)
        // Every QR code has its three finder patterns: the corner modules are dark.
        #expect(code.isDark(x: 0, y: 0) && code.isDark(x: code.width - 1, y: 0) && code.isDark(x: 0, y: code.width - 1))
    }

    @Test func shortTextIsVersionOne() throws {
        let code = try QRCode(text: "hello")
        #expect(code.version == 1)
        #expect(code.width == 21)
    }

    @Test func impossibleTextIsRefusedInWords() {
        #expect(throws: QRCodeError.self) { try QRCode(text: "") }
        #expect(throws: QRCodeError.self) { try QRCode(text: "a\u{0}b") }
        do {
            _ = try QRCode(text: String(repeating: "x", count: QRCode.maximumBytes + 1))
            Issue.record("an oversized text was encoded")
        } catch {
            #expect(error.description.contains("do not fit"))
        }
    }
}
