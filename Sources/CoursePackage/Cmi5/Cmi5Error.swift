/// Why a package's course structure was refused: what is wrong, where, and what to do.
///
/// ```swift
/// do { _ = try Cmi5Parser.parse(bytes) } catch { print(error.code, error.message) }   // "invalid_course_structure", "cmi5.xml line 4: …"
/// ```
public enum Cmi5Error: Error, Equatable, Sendable, CustomStringConvertible {
    case missing
    case tooLarge(bytes: Int, limit: Int)
    case notXML(line: Int, reason: String)
    case invalid(line: Int, String)
    case absoluteURL(au: String, url: String)
    case badURL(au: String, url: String, reason: String)
    case launchFileMissing(au: String, path: String)

    private static let fix = "Correct cmi5.xml (the cmi5 specification, section 13, describes it), make the package again and import it."

    public var code: String {
        switch self {
        case .missing: "no_course_structure"
        case .tooLarge: "course_structure_too_large"
        case .notXML: "course_structure_not_xml"
        case .invalid: "invalid_course_structure"
        case .absoluteURL: "absolute_au_url"
        case .badURL: "invalid_au_url"
        case .launchFileMissing: "au_file_missing"
        }
    }

    public var message: String {
        switch self {
        case .missing:
            "The package has no cmi5.xml at its top folder, so it is not a cmi5 course package. Zip the course from inside its folder, so that cmi5.xml is at the top of the zip."
        case .tooLarge(let bytes, let limit):
            "cmi5.xml is \(bytes) bytes; walletd reads at most \(limit). \(Self.fix)"
        case .notXML(let line, let reason):
            "cmi5.xml line \(line) is not XML walletd reads: \(reason). \(Self.fix)"
        case .invalid(let line, let reason):
            "cmi5.xml line \(line): \(reason). \(Self.fix)"
        case .absoluteURL(let au, let url):
            "The AU \(au) has the absolute url \(url). A centre PC serves courses offline, so every AU must be a file inside the package, named by a relative url (such as index.html). Put the AU's files in the package and give its relative path."
        case .badURL(let au, let url, let reason):
            "The AU \(au) has the url \"\(url)\", which is refused: \(reason). Give the relative path of a file inside the package."
        case .launchFileMissing(let au, let path):
            "The AU \(au) starts at \"\(path)\", but the package has no such file (names are compared exactly, case included). Add the file or correct the url in cmi5.xml, then make the package again."
        }
    }

    public var description: String { message }
}
