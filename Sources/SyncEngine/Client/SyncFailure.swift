import Basics

/// What a failed sync request means for the rest of the run. Every error a transport or hub
/// throws is sorted into one of three, explicitly, so that one bad item or one refused learner
/// never stops a PC's whole sync, while a network that is down still ends the run (and walletd
/// retries later with backoff).
///
/// ```swift
/// switch SyncFailure.classify(error) {
/// case .endRun: throw error
/// case .holdLearner(let code, let message): report.hold(learner, .push, code, message)
/// case .refuseItems: split the batch, quarantine a lone item
/// }
/// ```
public enum SyncFailure: Sendable, Equatable {
    /// Transient (network down, timeouts, 5xx, 429, a garbled answer) or true of the whole PC
    /// (unknown device token, wrong replica, unsupported format): the run ends and is retried.
    case endRun
    /// The hub refuses this learner (403 `learner_not_held`, or a refusal no rule here knows):
    /// their changes wait, other learners and the pull go on; tried again next run.
    case holdLearner(code: ErrorCode, message: String)
    /// The hub refuses what the batch carries (a 413, an invalid or reserved item): the batch is
    /// split to find the item, and an item refused on its own is quarantined.
    case refuseItems(code: ErrorCode, message: String)

    /// The meaning of `error`; an error that does not say (`SyncFailureClassifying`) ends the run,
    /// as every error did before: never guess that a failure is the item's fault.
    public static func classify(_ error: any Error) -> SyncFailure {
        (error as? any SyncFailureClassifying)?.syncFailure ?? .endRun
    }
}

/// An error that says what it means for a sync run; transports throw these for refusals.
///
/// ```swift
/// struct Refused: SyncFailureClassifying { var syncFailure: SyncFailure { .endRun } }
/// ```
public protocol SyncFailureClassifying: Error {
    var syncFailure: SyncFailure { get }
}

/// The hub answered a request with an error (an HTTP status and the `{"error": {code, message}}`
/// body): how walletd's transport reports a refusal, and what the in-memory links of the tests
/// throw for the same refusals.
///
/// ```swift
/// throw SyncRefusal(status: 413, code: .bodyTooLarge, message: "…")   // the batch is split
/// ```
public struct SyncRefusal: SyncFailureClassifying, Equatable, CustomStringConvertible {
    public var status: Int
    public var code: ErrorCode
    public var message: String

    public init(status: Int, code: ErrorCode, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { "the repository refused (\(status) \(code.rawValue)): \(message)" }

    /// Codes that blame what a push carries, not the learner or the PC.
    static let itemCodes: Set<ErrorCode> = [
        .invalidSyncMessage, .invalidStatement, .invalidJSON, .statementTooLarge, .statementTooDeep, .tooLarge, .bodyTooLarge,
        .reservedRecord, .invalidRecordKey, .invalidRecordValue, .tooManyValues, .statementConflict,
    ]
    /// Codes true of every request this PC makes: nothing else would get through either. A
    /// server that is not a repository (a wrong URL, a proxy's own page) answers `not_found`,
    /// `method_not_allowed` or no JSON error at all (`http_error`): that ends the run with its
    /// error shown, rather than holding back every learner.
    static let deviceCodes: Set<ErrorCode> = [
        .unauthenticated, .unknownDevice, .wrongReplica, .unsupportedFormat, .notRegistered, .notFound, .methodNotAllowed, .httpError,
        .unsupportedMediaType,
    ]

    public var syncFailure: SyncFailure {
        switch status {
        case 413: return .refuseItems(code: code, message: message)
        case 401, 407, 408, 425, 429: return .endRun
        case 400..<500:
            if Self.deviceCodes.contains(code) { return .endRun }
            if Self.itemCodes.contains(code) { return .refuseItems(code: code, message: message) }
            return .holdLearner(code: code, message: message)
        default: return .endRun
        }
    }
}

extension SyncHubError: SyncFailureClassifying {
    public var syncFailure: SyncFailure {
        switch self {
        case .learnerNotHeld: .holdLearner(code: .learnerNotHeld, message: description)
        case .learnerClaimRefused: .holdLearner(code: .learnerClaimRefused, message: description)
        case .reservedRecord: .refuseItems(code: .reservedRecord, message: description)
        // The record whose merge would pass the cap is found by splitting and quarantined.
        case .tooManySiblings: .refuseItems(code: .tooManyValues, message: description)
        }
    }
}
