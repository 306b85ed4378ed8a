import DaemonKit

extension ErrorResponder {
    /// walletd's words for errors no route chose a code for.
    static let walletd = ErrorResponder(daemon: "walletd", routeList: "docs/API.md", internalAdvice: "Check walletd's log.")
}
