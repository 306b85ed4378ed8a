import ArgumentParser
import WalletAPI
import WalletClient

/// `wallet-cli xapi-credentials`: plain xAPI credentials for the logged-in learner's own `/xapi/`
/// on walletd's loopback listener, for an xAPI conformance suite or an authoring tool's preview.
/// The login session itself is bound to this OS account and does not work there; these are a new,
/// short-lived session that reaches `/xapi/` only (`POST /v1/learners/{id}/xapi-credentials`).
struct XAPICredentialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xapi-credentials",
        abstract: "Print xAPI credentials (HTTP Basic) for the logged-in learner's xAPI endpoint on walletd's loopback listener.",
        discussion: """
            For xAPI tools (a conformance suite, an authoring tool's preview) on this PC. The \
            credentials reach the logged-in learner's own xAPI data only, on the xAPI endpoint only, and end \
            after an hour unused or two hours after they were made. Anyone who reads them can act \
            as this learner on the xAPI endpoint until then: do not paste them anywhere else.
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let reply = try loggedIn.walletd { try $0.reply(Endpoints.xapiCredentials, loggedIn.learnerId, token: loggedIn.token) }
            if options.json { return try Output.json(reply.response.body) }
            let answer = reply.answer
            let fallback = "none: walletd runs without its loopback listener (start it with --http 127.0.0.1:7480); on the socket use \(Endpoints.xapiPrefix)"
            Output.line("Endpoint:      \(answer.endpoint ?? fallback)")
            Output.line("Authorization: \(answer.authorization)")
            Output.line("User:          \(answer.user)")
            Output.line("Password:      \(answer.password)")
            Output.line("Valid for \(answer.maxLifetimeSeconds / 60) minutes at most, \(answer.idleTimeoutSeconds / 60) minutes unused; xAPI routes only.")
        }
    }
}
