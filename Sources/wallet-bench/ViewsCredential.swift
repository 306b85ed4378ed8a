import Catalog
import Foundation
import WalletAPI
import WalletClient

/// A micro-credential for a views-benchmark learner to export, earned the way a learner earns
/// one: a `passed` statement for every outcome of the catalog's self-assessed course, a sync
/// that pushes them (the repository issues), and a second sync that brings the credential. Done
/// before the learners' histories are recorded, so the syncs move a few statements only.
///
/// ```swift
/// let earning = try ViewsCredential(catalog: client.call(Endpoints.courses), client: client)
/// try earning.pass(as: statements, token: session.token)
/// try earning.syncTwice()
/// let id = try earning.credential(of: session)
/// ```
struct ViewsCredential {
    let client: WalletdClient
    /// The self-assessed course's outcome ids.
    let outcomes: [String]

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    init(catalog: CoursesResponse, client: WalletdClient) throws {
        guard let course = catalog.courses.first(where: { $0.course.assessment == .selfAssessed }) else {
            throw Missing(description: "the PC's catalog has no self-assessed course to earn a credential in (is walletd enrolled, and synced once?)")
        }
        self.client = client
        outcomes = course.outcomes.map(\.id)
    }

    /// Records the learner's passes of every outcome of the course.
    func pass(as statements: ViewsStatements, token: String) throws {
        var body = Data("[".utf8)
        for (i, outcome) in outcomes.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            body.append(statements.statement(verb: "passed", activity: outcome, name: "Outcome \(i + 1)", score: 0.9))
        }
        body.append(UInt8(ascii: "]"))
        _ = try client.send(Endpoints.postStatements, rawBody: body, token: token).succeeded()
    }

    /// The first sync pushes the passes and the repository issues; the second brings the credentials.
    func syncTwice() throws {
        for _ in 0..<2 {
            // With `?wait=true` walletd answers the finished run, not the SyncStartedResponse of a start.
            let result = try client.send(Endpoints.startSync, query: ["wait": "true"]).succeeded().decoded(as: SyncRunResult.self)
            guard result.ok else { throw Missing(description: "sync failed: \(result.error ?? "?")") }
        }
    }

    /// The id of the learner's first verified credential.
    func credential(of session: BenchSession) throws -> String {
        let list = try client.call(Endpoints.credentials, session.learner.id, token: session.token)
        guard let credential = list.credentials.first(where: \.verified) else {
            throw Missing(description: "learner \(session.learner.id) holds no verified credential after two syncs: \(list.credentials.map { "\($0.id) \($0.problem ?? "")" })")
        }
        return credential.id
    }
}
