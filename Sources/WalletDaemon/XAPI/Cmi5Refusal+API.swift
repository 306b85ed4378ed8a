import WalletCore
import DaemonKit

extension Cmi5Refusal {
    /// The xAPI-style answer: 403 `forbidden` when the launch's token may not say this at all,
    /// 400 `cmi5_rule` when the statement breaks a rule of cmi5 section 9; the message names the
    /// statement of a batch and says that nothing of the request was stored.
    ///
    /// ```swift
    /// catch let refusal as Cmi5Refusal { throw refusal.apiError(batchSize: statements.count) }
    /// ```
    func apiError(batchSize: Int) -> APIError {
        let which = batchSize > 1 ? "Statement \((position ?? 0) + 1) of \(batchSize): " : ""
        let text = "\(which)\(message)\(batchSize > 1 ? " Nothing of this request was stored." : "")"
        return kind == .forbidden ? APIError(.forbidden, .forbidden, text) : APIError(.badRequest, .cmi5Rule, text)
    }
}
