import Foundation

/// Something worth an audit-log line, before it has a place in the chain: what happened, to whom,
/// from which device, and a few details. Never a secret: no PIN, token, key or code goes in here.
///
/// The learner is kept only as the SHA-256 of their id (``learnerReference(_:)``, the form the
/// repository's `erased_learner` keeps): the log is never rewritten, and a forget or an erasure
/// must still leave no trace of the id in the data folder. Ids are random UUIDs or derived from
/// the learner's holder DID (which their credentials carry with the id anyway), so the hash says
/// nothing a credential does not; an admin who knows an id finds its entries by hashing it.
///
/// ```swift
/// let event = AuditEvent(.pinWrong, learner: "ana-7f3e", detail: ["failures": "2"])   // learner stored hashed
/// try AuditLogTable.append([event], atMs: now, db: db)
/// ```
public struct AuditEvent: Sendable, Equatable {
    /// What happened; stored as its raw text so old entries stay readable when kinds are added.
    public struct Kind: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        public static let login: Kind = "login"
        public static let logout: Kind = "logout"
        /// A learner asked for xAPI credentials (`wallet-cli xapi-credentials`): a short-lived
        /// session for `/xapi/` only, bound to no OS account.
        public static let xapiCredentials: Kind = "xapi_credentials"
        /// `wallet-cli lock`: every session of one OS account ended.
        public static let lock: Kind = "lock"
        public static let pinWrong: Kind = "pin_wrong"
        public static let lockout: Kind = "lockout"
        /// A learner's PIN changed (`wallet-cli pin change` here, or a newer claim pulled).
        public static let pinChange: Kind = "pin_change"
        public static let export: Kind = "export"
        public static let attestation: Kind = "attestation"
        public static let forget: Kind = "forget"
        public static let erase: Kind = "erase"
        public static let deviceEnrol: Kind = "device_enrol"
        public static let deviceRevoke: Kind = "device_revoke"
        public static let enrolmentCode: Kind = "enrolment_code"
        public static let learnerFetch: Kind = "learner_fetch"
        public static let credentialIssue: Kind = "credential_issue"
        /// A credential suspended, reinstated or revoked (`repositoryd credential revoke|suspend|…`).
        public static let credentialStatus: Kind = "credential_status"
        /// A PC's own audit log no longer holds the entry the repository anchored (`AuditAnchor`):
        /// entries were changed or removed there.
        public static let auditAnchorBroken: Kind = "audit_anchor_broken"
        /// An awarding body's key or the repository's trust-list key rotated (`repositoryd key
        /// rotate`, `repositoryd trust-anchor rotate`); details name both DIDs, never a key.
        public static let keyRotate: Kind = "key_rotate"
        /// A device token replaced on the PC's request (`wallet-cli device rotate-token`).
        public static let deviceTokenRotate: Kind = "device_token_rotate"
        /// A PIN reset code made for a learner (`repositoryd learner reset-pin`); never the code.
        public static let pinResetCode: Kind = "pin_reset_code"
        /// A learner's PIN reset with a code: new PIN hash and a new holder key (and DID).
        public static let pinReset: Kind = "pin_reset"
        /// A reset code refused (wrong, expired or used): counted towards the learner's lock.
        public static let pinResetRefused: Kind = "pin_reset_refused"
    }

    /// At most this many detail fields, each value cut to ``maxValueLength`` characters: an entry
    /// stays a few hundred bytes whatever a caller passes.
    public static let maxFields = 8
    public static let maxValueLength = 200

    public var kind: Kind
    public var learner: String?
    public var device: String?
    /// Canonical JSON object text (sorted keys), bounded as above.
    public var detail: String

    /// `learner` is the plain id: it is stored as ``learnerReference(_:)``.
    public init(_ kind: Kind, learner: String? = nil, device: String? = nil, detail: [String: String] = [:]) {
        self.kind = kind
        self.learner = learner.map(Self.learnerReference)
        self.device = device.map { String($0.prefix(Self.maxValueLength)) }
        self.detail = Self.encode(detail)
    }

    /// How the log names a learner: lowercase hex SHA-256 of the id. Use it too for a learner named
    /// in `detail` (an assessor).
    public static func learnerReference(_ id: String) -> String { SessionToken.sha256Hex(id) }

    /// Sorted keys so the same details always give the same bytes (and the same hash).
    static func encode(_ detail: [String: String]) -> String {
        let kept = detail.sorted { $0.key < $1.key }.prefix(maxFields)
            .map { (String($0.key.prefix(40)), String($0.value.prefix(maxValueLength))) }
        let bounded = Dictionary(kept, uniquingKeysWith: { first, _ in first })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(bounded) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
