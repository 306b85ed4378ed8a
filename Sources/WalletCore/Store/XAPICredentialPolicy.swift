/// The limits of xAPI credentials: a session a logged-in learner asks for
/// (`POST /v1/learners/{id}/xapi-credentials`, `wallet-cli xapi-credentials`) so that an xAPI
/// tool (a conformance suite, an authoring tool's preview) can reach their own `/xapi/` over the
/// loopback listener, where no OS account can be asked for.
///
/// Such a session is bound to no account, answers on `/xapi/` only, lives at most `lifetimeMs`
/// from its creation (2 hours) and ends after `idleMs` unused; it counts in the learner's session
/// limit like any login. Stored in `session` (migration "v19-xapi-conformance").
///
/// ```swift
/// try await store.insertSession(tokenHash: token.storageHash, learnerID: id, nowMs: now,
///                               policy: policy, ownerUID: nil, xapi: .standard)
/// ```
public struct XAPICredentialPolicy: Sendable, Equatable {
    public var idleMs: Int64
    public var lifetimeMs: Int64

    public init(idleMs: Int64, lifetimeMs: Int64) {
        self.idleMs = idleMs
        self.lifetimeMs = lifetimeMs
    }

    /// An hour idle, two hours at most: long enough for a conformance run or an afternoon's
    /// preview, short enough that a forgotten credential is soon worthless.
    public static let standard = XAPICredentialPolicy(idleMs: 3_600_000, lifetimeMs: 7_200_000)

    /// These limits, never longer than the login policy's.
    public func within(_ policy: SessionPolicy) -> SessionPolicy {
        SessionPolicy(idleMs: min(idleMs, policy.idleMs), maxLifetimeMs: min(lifetimeMs, policy.maxLifetimeMs), maxPerLearner: policy.maxPerLearner)
    }

    static let sessionColumnsSQL = """
        ALTER TABLE session ADD COLUMN xapi_only INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE session ADD COLUMN idle_ms INTEGER;
        ALTER TABLE session ADD COLUMN lifetime_ms INTEGER;
        """
}
