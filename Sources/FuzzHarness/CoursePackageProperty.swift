import CoursePackage
import Foundation

/// cmi5 course packages (docs/CONTENT.md), the two readers an imported package goes through.
///
/// `cmi5`: `Cmi5Parser.parse` (with `StrictXMLParser`). An accepted structure has at least one
/// AU, absolute-IRI ids, mastery scores within 0…1, launch paths `PackagePath` takes, and reads
/// back from its JSON form (what walletd stores) to the same value.
///
/// `zip`: the bytes as a package file, opened by `ZipArchive` (with small limits, so each input
/// stays fast) and every entry read through `ZipEntryReader`. An accepted archive stays within
/// the limits, its entries' paths pass `PackagePath` and no two fold to the same name, and each
/// entry reads to exactly its declared size.
///
/// ```swift
/// try CoursePackageProperty.checkStructure(Array(xml.utf8))
/// try CoursePackageProperty.checkArchive(zipBytes)
/// ```
enum CoursePackageProperty {
    static let limits = ZipLimits(maxEntries: 64, maxEntryBytes: 1 << 20, maxTotalBytes: 4 << 20)

    static func checkStructure(_ bytes: [UInt8]) throws(FuzzViolation) {
        let structure: CourseStructure
        do throws(Cmi5Error) { structure = try Cmi5Parser.parse(bytes) } catch {
            try FuzzViolation.requireMessage(error.message, from: "Cmi5Parser.parse")
            return
        }
        let units = structure.assignableUnits
        guard !units.isEmpty else { throw FuzzViolation("cmi5 structure", "accepted a course without AUs") }
        for unit in units {
            guard Cmi5Parser.isAbsoluteIRI(unit.id) else { throw FuzzViolation("cmi5 structure", "accepted the AU id \(unit.id)") }
            if let mastery = unit.masteryScore, !(0...1).contains(mastery) {
                throw FuzzViolation("cmi5 structure", "accepted masteryScore \(mastery)")
            }
            do throws(PathRefusal) { _ = try PackagePath.check(unit.launchPath) } catch {
                throw FuzzViolation("cmi5 structure", "accepted the launch path \(unit.launchPath): \(error.reason)")
            }
        }
        do {
            let json = try JSONEncoder().encode(structure)
            guard try JSONDecoder().decode(CourseStructure.self, from: json) == structure else {
                throw FuzzViolation("cmi5 round trip", "the stored JSON reads back to another structure")
            }
        } catch let error as FuzzViolation {
            throw error
        } catch {
            throw FuzzViolation("cmi5 round trip", "the structure's JSON does not read back: \(error)")
        }
    }

    /// One file per process, written anew for each input: the archive reader reads files.
    nonisolated(unsafe) static var scratch: String?

    static func checkArchive(_ bytes: [UInt8]) throws(FuzzViolation) {
        let path = scratch ?? NSTemporaryDirectory() + "wallet-fuzz-zip-\(getpid()).zip"
        scratch = path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw FuzzViolation("zip setup", "could not write \(path)")
        }
        let archive: ZipArchive
        do throws(ZipError) { archive = try ZipArchive(path: path, limits: limits) } catch {
            try FuzzViolation.requireMessage(error.message, from: "ZipArchive")
            return
        }
        guard archive.entries.count <= limits.maxEntries, archive.totalUncompressedSize <= limits.maxTotalBytes else {
            throw FuzzViolation("zip bounds", "accepted \(archive.entries.count) entries, \(archive.totalUncompressedSize) bytes")
        }
        var folded: Set<String> = []
        for entry in archive.entries {
            do throws(PathRefusal) { _ = try PackagePath.check(entry.name) } catch {
                throw FuzzViolation("zip names", "accepted the entry \(entry.name): \(error.reason)")
            }
            guard folded.insert(PackagePath.folded(entry.path)).inserted else {
                throw FuzzViolation("zip names", "accepted two entries named \(entry.path)")
            }
        }
        for entry in archive.entries where !entry.isDirectory {
            var count = 0
            do {
                try ZipEntryReader(archive: archive, entry: entry).read { count += $0.count }
            } catch let error as ZipError {
                try FuzzViolation.requireMessage(error.message, from: "ZipEntryReader")
                continue
            } catch {
                throw FuzzViolation("zip read", "an error of another type: \(error)")
            }
            guard count == entry.uncompressedSize else {
                throw FuzzViolation("zip read", "\(entry.name) read to \(count) bytes, declared \(entry.uncompressedSize)")
            }
        }
    }
}
