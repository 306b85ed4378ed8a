/// The one error shape of every route of walletd and repositoryd: `{"error": {"code": "…", "message": "…"}}`.
///
/// `code` is stable and meant for programs (`invalid_statement`, `session_expired`, …);
/// `message` is for the person reading it and says what to do next.
///
/// ```swift
/// let body = APIErrorBody(code: .learnerNotFound, message: "No learner with id 42. List learners with `wallet-cli learner list`.")
/// ```
public struct APIErrorBody: Codable, Sendable, Equatable {
    public struct Detail: Codable, Sendable, Equatable {
        public var code: ErrorCode
        public var message: String
        public init(code: ErrorCode, message: String) {
            self.code = code
            self.message = message
        }
    }

    public var error: Detail

    public init(code: ErrorCode, message: String) {
        self.error = Detail(code: code, message: message)
    }
}
