import Basics

/// The JSON Schema each micro-credential names in `credentialSchema` (VC 2.0 §5.4, OB 3.0
/// "CredentialSchema"): 1EdTech's AchievementCredential schema, with the validator type OB 3.0
/// defines, so an OB 3.0 verifier checks the credential against that schema before anything
/// else (OB 3.0 "OpenBadgeCredential Verification", step 1). Credentials issued before this
/// field existed name no schema; every verifier here accepts both.
///
/// ```swift
/// credential["credentialSchema"] = .array([CredentialSchemas.achievementCredential])
/// ```
public enum CredentialSchemas {
    /// The schema's address as the OB 3.0 examples give it. The file there says
    /// `…/schema/json-ld/…` as its own `$id`; the address is the published one, kept as 1EdTech writes it.
    public static let achievementCredentialURL = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
    /// The `type` OB 3.0 gives a JSON Schema (Draft 2019-09) check of the whole credential.
    public static let validatorType = "1EdTechJsonSchemaValidator2019"

    /// `{"id": achievementCredentialURL, "type": validatorType}`.
    public static var achievementCredential: JSONValue {
        ["id": .string(achievementCredentialURL), "type": .string(validatorType)]
    }
}
