import Basics

/// How long a cmi5 launch session and its auth token live (cmi5 8.2.1: the token is limited to
/// the session). A session is abandoned when no statement arrives for `idleMs` (long: a learner
/// may read one page of a unit for an hour without a statement) or it reaches `maxMs` (a
/// centre's day) without terminated; its token then resolves no more. After terminated, the token still
/// resolves for `afterTerminatedMs` so the content can read its State and hear why a late
/// statement is refused (9.3.8), then never again.
///
/// ```swift
/// let policy = Cmi5SessionPolicy(idleMs: 30 * 60_000)
/// ```
public struct Cmi5SessionPolicy: Sendable, Equatable {
    public var idleMs: Int64
    public var maxMs: Int64
    public var afterTerminatedMs: Int64

    public init(idleMs: Int64 = 4 * 3_600_000, maxMs: Int64 = 12 * 3_600_000, afterTerminatedMs: Int64 = 60_000) {
        self.idleMs = idleMs
        self.maxMs = maxMs
        self.afterTerminatedMs = afterTerminatedMs
    }

    public static let standard = Cmi5SessionPolicy()
}

/// The answer to a POST on a launch's fetch URL (cmi5 8.2): always HTTP 200 with this JSON.
///
/// ```swift
/// let answer = try await store.answerCmi5Fetch(fetchID: id, nowMs: now)
/// return JSONResponse.make(status: .ok, body: answer.json)
/// ```
public enum Cmi5FetchAnswer: Sendable, Equatable {
    /// The first POST: the auth token, to be sent as `Authorization: Basic <token>`.
    case token(String)
    /// 8.2.3.2: 1 already returned or expired, 2 a security error (unknown fetch URL), 3 an
    /// application error (the store failed).
    case error(code: Int, text: String)

    public static let alreadyReturned = Cmi5FetchAnswer.error(code: 1, text: "The authorization token has already been returned.")
    public static let expired = Cmi5FetchAnswer.error(code: 1, text: "The launch session has ended; launch the unit again.")
    public static let unknown = Cmi5FetchAnswer.error(code: 2, text: "This fetch URL is not known here; launch the unit again.")
    public static let applicationError = Cmi5FetchAnswer.error(code: 3, text: "walletd could not give out a token just now; launch the unit again.")

    public var json: JSONValue {
        switch self {
        case .token(let token): ["auth-token": .string(token)]
        case .error(let code, let text): ["error-code": .string(String(code)), "error-text": .string(text)]
        }
    }
}
