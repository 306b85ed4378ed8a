import Foundation
import WalletAPI
import WalletClient
import Basics

/// The statements `wallet-bench views` records for one learner, numbered: statement `index` is
/// about activity `index % 500`, or every tenth about a catalog outcome, with a verb in turn from
/// five (a fifth `passed` with a score). Built with the canonical JSON writer so that recording
/// costs the client little next to walletd.
///
/// ```swift
/// let statements = ViewsStatements(learner: session.learner, outcomes: outcomeIDs)
/// try statements.record(10_000, from: 0, token: session.token, client: client)
/// ```
struct ViewsStatements {
    let learner: LearnerSummary
    let outcomes: [String]
    /// One request's statements while filling (walletd's xAPI API takes arrays).
    static let batchSize = 500

    /// Records `count` statements numbered from `first`, `batchSize` per request.
    func record(_ count: Int, from first: Int, token: String, client: WalletdClient) throws {
        var done = 0
        while done < count {
            let n = min(Self.batchSize, count - done)
            try post(n, from: first + done, token: token, client: client)
            done += n
        }
    }

    /// POSTs statements `first ..< first + count` as one array.
    func post(_ count: Int, from first: Int, token: String, client: WalletdClient) throws {
        var body = Data("[".utf8)
        for i in 0..<count {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            body.append(statement(first + i))
        }
        body.append(UInt8(ascii: "]"))
        _ = try client.send(Endpoints.postStatements, rawBody: body, token: token).succeeded()
    }

    /// Statement number `index`.
    func statement(_ index: Int) -> Data {
        let activity = !outcomes.isEmpty && index % 10 == 0
            ? outcomes[(index / 10) % outcomes.count]
            : "https://bench.learner-wallet.invalid/views/activities/\(index % 500)"
        let verbs = ["attempted", "progressed", "passed", "completed", "failed"]
        return statement(verb: verbs[index % verbs.count], activity: activity, name: "Activity \(index % 500)",
                         score: Double(50 + index % 50) / 100)
    }

    /// One statement of the learner's; `passed` carries success, completion and `score`.
    func statement(verb: String, activity: String, name: String, score: Double) -> Data {
        var fields: [String: JSONValue] = [
            "id": .string(UUID().uuidString.lowercased()),
            "actor": XAPI.learnerAgent(id: learner.id, name: learner.name),
            "verb": ["id": .string(XAPI.verbs[verb] ?? ""), "display": ["en-US": .string(verb)]],
            "object": ["objectType": "Activity", "id": .string(activity), "definition": ["name": ["en-US": .string(name)]]],
            "timestamp": .string(Self.timestampStyle.format(Date())),
        ]
        if verb == "passed" {
            fields["result"] = ["success": true, "completion": true, "score": ["scaled": .number(score)]]
        }
        return JSONValue.object(fields).encoded()
    }

    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}

extension WalletdResponse {
    /// The response itself when walletd answered 2xx; otherwise a failure naming the status.
    func succeeded() throws(BenchSession.Failure) -> WalletdResponse {
        guard (200..<300).contains(status) else {
            throw BenchSession.Failure(message: "walletd answered HTTP \(status): \(text.prefix(300))")
        }
        return self
    }
}
