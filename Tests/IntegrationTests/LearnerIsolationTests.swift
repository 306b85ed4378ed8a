import Foundation
import Testing
import WalletAPI
import WalletClient
import Basics

/// Two learners on one PC: a session reaches its own learner's wallet and nothing of the other's.
@Suite("Learner isolation")
struct LearnerIsolationTests {
    @Test("A's session gets 403 or 404 for everything of B's")
    func sessionsCannotCross() throws {
        let daemon = try Walletd().start()
        let (anaID, anaToken) = try daemon.learnerSession(name: "Ana", pin: "111100")
        let (benID, benToken) = try daemon.learnerSession(name: "Ben", pin: "222200")
        let client = daemon.client
        /// `GET /xapi/statements?QUERY` with `token`.
        func statements(_ query: [String: String], _ token: String) throws -> WalletdResponse {
            try client.send(Endpoints.getStatements, query: query, token: token)
        }

        var benIDs: [String] = []
        for i in 0..<12 {
            let statement = Sample.statement(verb: "passed", activity: "https://vet.example.eu/c/ben/\(i)", email: "ben@example.org")
            benIDs.append(statement["id"]?.stringValue ?? "")
            #expect(try client.send(Endpoints.postStatements, body: statement, token: benToken).status == 200)
        }
        #expect(try client.send(Endpoints.postStatements, body: Sample.statement(), token: anaToken).status == 200)

        // Progress of the other learner.
        let refused = try client.send(Endpoints.progress, benID, token: anaToken)
        #expect(refused.status == 403)
        #expect(refused.errorBody?.error.code == .forbidden)
        #expect(try client.send(Endpoints.progress, anaID, token: anaToken).status == 200)
        // Reading B's statements by id, voided or not.
        for id in benIDs {
            #expect(try statements(["statementId": id], anaToken).status == 404)
            #expect(try statements(["voidedStatementId": id], anaToken).status == 404)
        }
        // Queries never include B's statements, whatever the filter.
        for query: [String: String] in [[:], ["agent": #"{"mbox":"mailto:ben@example.org"}"#],
                      ["verb": "http://adlnet.gov/expapi/verbs/passed"],
                      ["activity": "https://vet.example.eu/c/ben/1", "related_activities": "true"], ["limit": "0"]] {
            let ids = try statements(query, anaToken).json?["statements"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(Set(ids).isDisjoint(with: benIDs), "query \(query)")
        }
        // Writing over B's ids: refused, and B's statement is unchanged.
        let hijack = Sample.statement(id: benIDs[0], verb: "failed", email: "ana@example.org")
        #expect(try client.send(Endpoints.postStatements, body: hijack, token: anaToken).status == 409)
        #expect(try client.send(Endpoints.putStatement, query: ["statementId": benIDs[0]], body: hijack, token: anaToken).status == 409)
        let sameContent = Sample.statement(id: benIDs[1], verb: "passed", activity: "https://vet.example.eu/c/ben/1", email: "ben@example.org")
        #expect(try client.send(Endpoints.postStatements, body: sameContent, token: anaToken).status == 409, "even an identical copy does not enter A's wallet")
        #expect(try statements(["statementId": benIDs[0]], benToken).json?["verb"]?["id"] == "http://adlnet.gov/expapi/verbs/passed")
        // Voiding B's statement from A's session voids nothing of B's.
        let voiding: JSONValue = ["actor": ["mbox": "mailto:ana@example.org"], "verb": ["id": "http://adlnet.gov/expapi/verbs/voided"],
                                  "object": ["objectType": "StatementRef", "id": .string(benIDs[2])]]
        _ = try client.send(Endpoints.postStatements, body: voiding, token: anaToken)
        #expect(try statements(["statementId": benIDs[2]], benToken).status == 200)
        // B's continuation token is refused for A.
        let benPage = try statements(["limit": "5"], benToken)
        let more = try #require(benPage.json?["more"]?.stringValue)
        #expect(!more.isEmpty)
        #expect([400, 403].contains(try client.follow(more, token: anaToken).status))
        #expect(try client.follow(more, token: benToken).status == 200)
        // Logging out A does not touch B's session.
        #expect(try client.send(Endpoints.logout, token: anaToken).status == 204)
        #expect(try statements(["limit": "1"], benToken).status == 200)
    }
}
