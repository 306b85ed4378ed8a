/// The one rule for a path inside a course package, used for ZIP entry names when a package is
/// checked and again for every request path when a file is served: a relative name of plain
/// segments. Nothing may climb out (`..`), start at the root, hide a Windows separator or drive
/// (`\`, `C:`), carry a NUL or control character, or name a hidden file (`.htaccess`, `.git/`):
/// content never needs those, and refusing them keeps what is served exactly what was listed.
///
/// ```swift
/// try PackagePath.check("js/au.js")           // ["js", "au.js"]
/// try PackagePath.check("../etc/passwd")      // throws: a ".." segment
/// PackagePath.folded("Index.HTML")            // "index.html": how duplicates are compared
/// ```
public enum PackagePath {
    /// The segments of `path`, or why it is refused (`reason` reads after "refused: ").
    public static func check(_ path: String, maxBytes: Int = 512, maxDepth: Int = 32) throws(PathRefusal) -> [Substring] {
        guard !path.isEmpty else { throw PathRefusal("the name is empty") }
        guard path.utf8.count <= maxBytes else { throw PathRefusal("the name is longer than \(maxBytes) bytes") }
        for scalar in path.unicodeScalars {
            if scalar.value == 0 { throw PathRefusal("the name holds a NUL character") }
            if scalar.value < 0x20 || scalar.value == 0x7f { throw PathRefusal("the name holds a control character") }
            if scalar == "\\" { throw PathRefusal("the name holds a backslash (a Windows path separator)") }
        }
        guard !path.hasPrefix("/") else { throw PathRefusal("the name is an absolute path") }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count <= maxDepth else { throw PathRefusal("the name is more than \(maxDepth) folders deep") }
        for (index, segment) in segments.enumerated() {
            if segment.isEmpty {
                // A trailing "/" marks a folder entry; an empty segment anywhere else is "a//b".
                if index == segments.count - 1 && index > 0 { continue }
                throw PathRefusal("the name has an empty segment (\"//\")")
            }
            if segment == ".." { throw PathRefusal("the name has a \"..\" segment, which leaves the package folder") }
            if segment == "." { throw PathRefusal("the name has a \".\" segment") }
            if segment.hasPrefix(".") { throw PathRefusal("\"\(segment)\" is a hidden file or folder (its name starts with a dot)") }
            if index == 0, segment.count == 2, segment.last == ":" { throw PathRefusal("the name starts with a drive letter") }
        }
        return segments.last?.isEmpty == true ? Array(segments.dropLast()) : segments
    }

    /// The form two names are compared in for duplicates: lowercased, so that a package does not
    /// unpack differently on a case-insensitive disk.
    public static func folded(_ path: String) -> String { path.lowercased() }
}

/// Why ``PackagePath/check(_:maxBytes:maxDepth:)`` refused a path, in words that follow "refused: ".
///
/// ```swift
/// do { _ = try PackagePath.check("a/../b") } catch { print(error.reason) }
/// ```
public struct PathRefusal: Error, Equatable, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}
