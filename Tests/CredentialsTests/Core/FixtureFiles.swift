import Foundation
import Basics

/// Reads the pinned standards data in `Fixtures/` (see Fixtures/PROVENANCE.md).
enum FixtureFiles {
    static func url(_ path: String) throws -> URL {
        let name = (path as NSString).lastPathComponent
        let folder = (path as NSString).deletingLastPathComponent
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures/" + folder) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        return url
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONValue(data: Data(contentsOf: url(path)))
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
