/// Every error code walletd and repositoryd answer with, in `{"error": {"code": …}}`: stable
/// words for programs. wallet-cli and walletd match these cases, never the message text; the
/// list in docs/API.md is checked against this enum by a test.
///
/// A code this build does not know (from a newer daemon) decodes as ``unrecognized``, so an
/// older client still shows the message.
///
/// ```swift
/// if body.error.code == .sessionExpired { print("Run `wallet-cli login NAME` to log in again.") }
/// ```
public enum ErrorCode: String, CaseIterable, Sendable, Codable {
    case adminRequired = "admin_required"
    case badRequest = "bad_request"
    case bodyTooLarge = "body_too_large"
    case busy = "busy"
    case cmi5Rule = "cmi5_rule"
    case credentialNotFound = "credential_not_found"
    case credentialNotVerified = "credential_not_verified"
    case deviceRevoked = "device_revoked"
    case diskFull = "disk_full"
    case documentConflict = "document_conflict"
    case forbidden = "forbidden"
    case holderKeyUnreadable = "holder_key_unreadable"
    case httpError = "http_error"
    case internalError = "internal_error"
    case invalidAttestation = "invalid_attestation"
    case invalidCAFile = "invalid_ca_file"
    case invalidContext = "invalid_context"
    case invalidEnrolmentCode = "invalid_enrolment_code"
    case invalidExport = "invalid_export"
    case invalidJSON = "invalid_json"
    case invalidLearner = "invalid_learner"
    case invalidName = "invalid_name"
    case invalidParameter = "invalid_parameter"
    case invalidPackage = "invalid_package"
    case invalidPIN = "invalid_pin"
    case invalidRecordKey = "invalid_record_key"
    case invalidRecordValue = "invalid_record_value"
    case invalidRepositoryURL = "invalid_repository_url"
    case invalidStatement = "invalid_statement"
    case invalidStatusList = "invalid_status_list"
    case invalidSyncMessage = "invalid_sync_message"
    case invalidTrustList = "invalid_trust_list"
    case keyLocked = "key_locked"
    case learnerHasNoKey = "learner_has_no_key"
    case learnerLocked = "learner_locked"
    case learnerNotFound = "learner_not_found"
    case learnerClaimRefused = "learner_claim_refused"
    case learnerNotHeld = "learner_not_held"
    case methodNotAllowed = "method_not_allowed"
    case missingVersionHeader = "missing_version_header"
    case noCatalog = "no_catalog"
    case noTrustList = "no_trust_list"
    case notAnAssessor = "not_an_assessor"
    case notFound = "not_found"
    case rateLimited = "rate_limited"
    case notRegistered = "not_registered"
    case notYetSynced = "not_yet_synced"
    case outcomeAmbiguous = "outcome_ambiguous"
    case packageNotFound = "package_not_found"
    case packageTooLarge = "package_too_large"
    case outcomeNotFound = "outcome_not_found"
    case pinChanged = "pin_changed"
    case pinHashUnusable = "pin_hash_unusable"
    case preconditionFailed = "precondition_failed"
    case replicaInUse = "replica_in_use"
    case repositoryError = "repository_error"
    case repositoryUnreachable = "repository_unreachable"
    case reservedRecord = "reserved_record"
    case resetCodeRefused = "reset_code_refused"
    case resetNeedsRepository = "reset_needs_repository"
    case selfAssessment = "self_assessment"
    case sessionExpired = "session_expired"
    case statementConflict = "statement_conflict"
    case statementTooDeep = "statement_too_deep"
    case statementTooLarge = "statement_too_large"
    case storageDamaged = "storage_damaged"
    case storageReadOnly = "storage_read_only"
    case tooLarge = "too_large"
    case tooManyValues = "too_many_values"
    case unauthenticated = "unauthenticated"
    case unknownDevice = "unknown_device"
    case unknownStatusList = "unknown_status_list"
    case unsupportedFormat = "unsupported_format"
    case unsupportedMediaType = "unsupported_media_type"
    case unsupportedVersion = "unsupported_version"
    case wrongPIN = "wrong_pin"
    case wrongReplica = "wrong_replica"
    /// Not sent by any daemon: what a client reads for a code it does not know.
    case unrecognized = "unrecognized"

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        self = ErrorCode(rawValue: raw) ?? .unrecognized
    }

    /// The codes daemons send (all but ``unrecognized``).
    public static var sent: [ErrorCode] { allCases.filter { $0 != .unrecognized } }
}
