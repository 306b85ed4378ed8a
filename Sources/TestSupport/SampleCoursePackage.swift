import Foundation

/// The sample cmi5 course package (content/sample-cmi5, docs/CONTENT.md) as a zip, made by the
/// repository's own script, for the tests that import it.
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

    /// Zips the sample package with scripts/make-sample-cmi5.sh to `path` (default
    /// `folder/sample-cmi5.zip`) and answers the path.
    @discardableResult
    public static func zip(into folder: String, as path: String? = nil) throws -> String {
        let out = path ?? folder + "/sample-cmi5.zip"
        let process = Process()
        process.executableURL = repositoryRoot.appendingPathComponent("scripts/make-sample-cmi5.sh")
        process.arguments = [out]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ScriptFailed(status: process.terminationStatus) }
        return out
    }

    /// scripts/make-sample-cmi5.sh exited with `status`.
    public struct ScriptFailed: Error, CustomStringConvertible {
        public let status: Int32
        public var description: String { "scripts/make-sample-cmi5.sh exited with \(status)" }
    }
}
