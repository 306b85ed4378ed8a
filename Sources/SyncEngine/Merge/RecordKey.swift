/// The keys of a learner's mutable records: profile fields and enrolments.
///
/// ```swift
/// RecordKey.validate("profile/email")                       // ok
/// RecordKey.validate("enrolment/https://catalog.example/c1") // ok
/// RecordKey.validate("secrets/pin")                         // error message
/// ```
public enum RecordKey {
    public static let profileFields = ["name", "email", "phone", "language"]
    public static let profilePrefix = "profile/"
    public static let enrolmentPrefix = "enrolment/"
    public static let enrolmentStatuses = ["enrolled", "withdrawn", "completed"]
    /// Credentials issued by the repository, written by its replica only: PCs read them, never write.
    public static let credentialPrefix = "credential/"
    public static let maxKeyBytes = 512
    public static let maxValueBytes = 4_096
    /// An issued credential (eleven EU elements, every learning outcome's text, the proof) is larger.
    public static let maxCredentialValueBytes = 65_536

    /// The most bytes a value of `key` may take.
    public static func maxValueBytes(for key: String) -> Int {
        key.hasPrefix(credentialPrefix) ? maxCredentialValueBytes : maxValueBytes
    }

    /// Whether only the repository may write this record.
    public static func isReserved(_ key: String) -> Bool { key.hasPrefix(credentialPrefix) }

    /// nil when the key is acceptable, else a message saying what is allowed.
    public static func problem(with key: String) -> String? {
        guard key.utf8.count <= maxKeyBytes else { return "record key is longer than \(maxKeyBytes) bytes" }
        if key.hasPrefix(profilePrefix) {
            let field = String(key.dropFirst(profilePrefix.count))
            return profileFields.contains(field) ? nil : "unknown profile field '\(field)': use one of \(profileFields.joined(separator: ", "))"
        }
        if key.hasPrefix(enrolmentPrefix) {
            let course = key.dropFirst(enrolmentPrefix.count)
            return course.isEmpty || course.contains(" ") ? "enrolment keys are enrolment/COURSE-ID" : nil
        }
        if key.hasPrefix(credentialPrefix) {
            let id = key.dropFirst(credentialPrefix.count)
            return id.isEmpty || id.contains(" ") ? "credential keys are credential/CREDENTIAL-ID" : nil
        }
        return "record keys start with \(profilePrefix), \(enrolmentPrefix) or \(credentialPrefix)"
    }
}
