import Basics
import SecurityPrimitives
import PageText
import DaemonKit

/// An API error as the wallet page says it: by its code, in the visitor's language (the API's
/// own message is English and speaks of `wallet-cli`; the page speaks to a learner).
///
/// ```swift
/// let text = WebErrorWords.message(for: error, words: visitor.words)
/// ```
enum WebErrorWords {
    static func message(for error: APIError, words: Words) -> String {
        switch error.code {
        case .wrongPIN: words(.errorWrongPIN, ["tries": String(LoginThrottle.freeAttempts)])
        case .learnerLocked:
            if let seconds = error.headers[.retryAfter] { words(.errorLocked, ["seconds": seconds]) } else { words[.errorBusy] }
        case .sessionExpired, .unauthenticated: words[.errorSessionEnded]
        case .learnerNotFound: words[.errorLearnerGone]
        case .keyLocked: words[.errorKeyLocked]
        case .credentialNotVerified: words[.errorNotExportable]
        case .diskFull, .storageReadOnly, .storageDamaged: words[.errorStorage]
        case .notFound, .credentialNotFound: words[.errorNotFound]
        default: words(.errorGeneric, ["detail": error.message])
        }
    }
}
