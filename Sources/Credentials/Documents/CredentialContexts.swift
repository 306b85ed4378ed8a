/// The JSON-LD contexts our documents name. They are identifiers here: nothing fetches a context
/// at run time (JCS signs the JSON as it is, and the files are pinned in the tests' fixtures).
///
/// ```swift
/// let context: [String] = [CredentialContexts.credentialsV2, CredentialContexts.openBadgesV3, MicroCredentialContext.url]
/// ```
public enum CredentialContexts {
    public static let credentialsV2 = "https://www.w3.org/ns/credentials/v2"
    public static let openBadgesV3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
}
