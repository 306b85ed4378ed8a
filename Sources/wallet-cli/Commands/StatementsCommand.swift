import ArgumentParser
import Foundation
import WalletAPI
import WalletClient
import Basics

struct StatementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statements",
        abstract: "List the logged-in learner's xAPI statements, newest first.",
        discussion: """
            Without --limit, shows the first page walletd returns. With --limit N, follows \
            walletd's `more` links until N statements are shown or none are left. \
            --json prints the statements as one JSON array.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Only statements about this activity IRI.", valueName: "iri"))
    var activity: String?

    @Option(name: .long, help: ArgumentHelp("Only this verb: a name (\(RecordVerb.allCases.map(\.rawValue).joined(separator: ", ")), …) or a verb IRI.", valueName: "verb"))
    var verb: String?

    @Option(name: .long, help: ArgumentHelp("Show at most N statements.", valueName: "n"))
    var limit: Int?

    /// Guards against a daemon whose `more` links never end.
    private static let maxPages = 10_000

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
        if let activity, !StatementBuilder.isAbsoluteIRI(activity) {
            throw ValidationError("--activity must be an absolute IRI such as https://example.org/courses/wiring/lo/1.")
        }
        if let verb, verbIRI(verb) == nil {
            throw ValidationError("--verb must be one of \(XAPI.verbs.keys.sorted().joined(separator: ", ")), or a verb IRI.")
        }
    }

    func run() throws {
        try reportingErrors {
            let loggedIn = try LoggedIn.require(options)
            var query: [String: String] = [:]
            if let activity { query["activity"] = activity }
            if let verb, let iri = verbIRI(verb) { query["verb"] = iri }
            if let limit { query["limit"] = String(limit) }

            var statements: [JSONValue] = []
            var next: WalletdRequest? = WalletdRequest(Endpoints.getStatements, query: query, token: loggedIn.token)
            var pages = 0
            while let request = next, pages < Self.maxPages {
                pages += 1
                let response = try loggedIn.walletd { try $0.send(request).checked() }
                let page = try Self.parsePage(response.body)
                statements += page.statements
                // No --limit: one page, as walletd sends it.
                guard let limit, statements.count < limit, !page.statements.isEmpty else { break }
                next = page.more.map { WalletdRequest(method: .get, path: $0, token: loggedIn.token) }
            }
            if let limit, statements.count > limit { statements = Array(statements.prefix(limit)) }

            if options.json { return Output.json(.array(statements)) }
            guard !statements.isEmpty else {
                Output.line("No statements found. Record one with `wallet-cli record`.")
                return
            }
            Output.table(["TIME", "VERB", "ACTIVITY", "SCORE"], statements.map(Self.row))
        }
    }

    private func verbIRI(_ text: String) -> String? {
        if let known = XAPI.verbs[text.lowercased()] { return known }
        return StatementBuilder.isAbsoluteIRI(text) ? text : nil
    }

    /// A StatementResult page: its statements, and the path of the next page if any.
    static func parsePage(_ body: Data) throws(CLIError) -> (statements: [JSONValue], more: String?) {
        guard let value = try? JSONValue(data: body), let statements = value["statements"]?.arrayValue else {
            throw CLIError(.internalError, "walletd's statement list was not an xAPI StatementResult. Check walletd's log.")
        }
        guard let more = value["more"]?.stringValue, !more.isEmpty else { return (statements, nil) }
        // `more` is a relative IRL; an absolute one still names a path on the same daemon.
        if more.hasPrefix("/") { return (statements, more) }
        if let url = URLComponents(string: more), !url.percentEncodedPath.isEmpty {
            return (statements, url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? ""))
        }
        return (statements, Endpoints.getStatements.template + "/" + more)
    }

    private static func row(_ statement: JSONValue) -> [String] {
        let verbDisplay = statement["verb"]?["display"]?.objectValue
        let verbId = statement["verb"]?["id"]?.stringValue ?? ""
        let verb = verbDisplay?["en-US"]?.stringValue ?? verbDisplay?.values.first?.stringValue
            ?? verbId.split(separator: "/").last.map(String.init) ?? verbId
        let activity = statement["object"]?["id"]?.stringValue ?? ""
        let score = Output.score(statement["result"]?["score"]?["scaled"]?.doubleValue)
        return [statement["timestamp"]?.stringValue ?? "", verb, activity, score]
    }
}
