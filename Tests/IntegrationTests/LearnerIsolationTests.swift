import Foundation
import Testing
import WalletAPI
import Basics

/// Two learners on one PC: a session reaches its own learner's wallet and nothing of the other's.
@Suite("Learner isolation")
struct LearnerIsolationTests {
    @Test("A's session gets 403 or 404 for everything of B's")
    func sessionsCannotCross() throws {
        let daemon = try Walletd().start()
        let (anaID, anaToken) = try daemon.learnerSession(name: "Ana", pin: "1111")
        let (benID, benToken) = try daemon.learnerSession(name: "Ben", pin: "2222")
        let ana = HTTP(socket: daemon.socket, token: anaToken)
        let ben = HTTP(socket: daemon.socket, token: benToken)

        var benIDs: [String] = []
        for i in 0..<12 {
            let statement = Sample.statement(verb: "passed", activity: "https://vet.example.eu/c/ben/\(i)", email: "ben@example.org")
            benIDs.append(statement["id"]?.stringValue ?? "")
            #expect(try ben.send(.post, "/xapi/statements", json: statement).status == 200)
        }
        #expect(try ana.send(.post, "/xapi/statements", json: Sample.statement()).status == 200)

        // Progress of the other learner.
        #expect(try ana.get("/v1/learners/\(benID)/progress").status == 403)
        #expect(try ana.get("/v1/learners/\(anaID)/progress").status == 200)
        // Reading B's statements by id, voided or not.
        for id in benIDs {
            #expect(try ana.get("/xapi/statements?statementId=\(id)").status == 404)
            #expect(try ana.get("/xapi/statements?voidedStatementId=\(id)").status == 404)
        }
        // Queries never include B's statements, whatever the filter.
        for query in ["", "?agent=" + percentEncoded(#"{"mbox":"mailto:ben@example.org"}"#),
                      "?verb=" + percentEncoded("http://adlnet.gov/expapi/verbs/passed"),
                      "?activity=" + percentEncoded("https://vet.example.eu/c/ben/1") + "&related_activities=true", "?limit=0"] {
            let ids = try ana.get("/xapi/statements" + query).json?["statements"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(Set(ids).isDisjoint(with: benIDs), "query \(query)")
        }
        // Writing over B's ids: refused, and B's statement is unchanged.
        let hijack = Sample.statement(id: benIDs[0], verb: "failed", email: "ana@example.org")
        #expect(try ana.send(.post, "/xapi/statements", json: hijack).status == 409)
        #expect(try ana.send(.put, "/xapi/statements?statementId=\(benIDs[0])", json: hijack).status == 409)
        let sameContent = Sample.statement(id: benIDs[1], verb: "passed", activity: "https://vet.example.eu/c/ben/1", email: "ben@example.org")
        #expect(try ana.send(.post, "/xapi/statements", json: sameContent).status == 409, "even an identical copy does not enter A's wallet")
        #expect(try ben.get("/xapi/statements?statementId=\(benIDs[0])").json?["verb"]?["id"] == "http://adlnet.gov/expapi/verbs/passed")
        // Voiding B's statement from A's session voids nothing of B's.
        let voiding: JSONValue = ["actor": ["mbox": "mailto:ana@example.org"], "verb": ["id": "http://adlnet.gov/expapi/verbs/voided"],
                                  "object": ["objectType": "StatementRef", "id": .string(benIDs[2])]]
        _ = try ana.send(.post, "/xapi/statements", json: voiding)
        #expect(try ben.get("/xapi/statements?statementId=\(benIDs[2])").status == 200)
        // B's continuation token is refused for A.
        let benPage = try ben.get("/xapi/statements?limit=5")
        let more = try #require(benPage.json?["more"]?.stringValue)
        #expect(!more.isEmpty)
        #expect([400, 403].contains(try ana.get(more).status))
        #expect(try ben.get(more).status == 200)
        // Logging out A does not touch B's session.
        #expect(try ana.send(.delete, "/v1/sessions/current").status == 204)
        #expect(try ben.get("/xapi/statements?limit=1").status == 200)
    }
}
