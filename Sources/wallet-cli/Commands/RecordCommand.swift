import ArgumentParser
import WalletAPI
import WalletClient

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record an xAPI statement about the logged-in learner (e.g. a passed activity).",
        discussion: """
            Builds an xAPI 2.0.0 statement: the learner as actor, an ADL verb, the activity, a \
            result (completion for completed/passed, success for passed/failed, the scaled score \
            with --score), the current time and a fresh id.

            Example:
              wallet-cli record --activity https://example.org/courses/wiring/lo/1 --verb passed --score 0.85 --name "Wiring basics"
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The activity's IRI.", valueName: "iri"))
    var activity: String

    @Option(name: .long, help: "What happened.")
    var verb: RecordVerb

    // Unconditional, so that a negative score (`--score -0.5`) is not taken for an option.
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Scaled score, from -1 to 1 (0.8 = 80 %).", valueName: "scaled"))
    var score: Double?

    @Option(name: .long, help: ArgumentHelp("The activity's name, for people.", valueName: "text"))
    var name: String?

    func validate() throws {
        guard StatementBuilder.isAbsoluteIRI(activity) else {
            throw ValidationError("--activity must be an absolute IRI such as https://example.org/courses/wiring/lo/1.")
        }
        if let score, !(score.isFinite && (-1...1).contains(score)) {
            throw ValidationError("--score is a scaled score and must be between -1 and 1 (0.8 means 80 %).")
        }
    }

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            let statement = StatementBuilder(
                learnerId: loggedIn.session.learnerId,
                learnerName: loggedIn.session.learnerName,
                verb: verb,
                activity: activity,
                activityName: name,
                score: score
            ).build()
            let reply = try loggedIn.walletd { try $0.reply(Endpoints.postStatements, body: statement, token: loggedIn.token) }
            if options.json { return try Output.json(reply.response.body) }
            // walletd answers the ids of the statements it stored: here the one we sent.
            let ids = reply.answer.arrayValue?.compactMap(\.stringValue) ?? []
            var what = "\(loggedIn.session.learnerName) \(verb.rawValue) \(name.map { "\"\($0)\" (\(activity))" } ?? activity)"
            if let score { what += " with score \(Output.score(score))" }
            Output.line("Recorded: \(what).")
            Output.line("Statement id: \(ids.first ?? statement["id"]?.stringValue ?? "?")")
        }
    }
}
