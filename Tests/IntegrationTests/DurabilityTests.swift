import Foundation
import Testing
import WalletAPI
import WalletClient

#if canImport(Glibc)
import Glibc
#endif

/// An acknowledged write survives `kill -9` of walletd.
@Suite("Durability")
struct DurabilityTests {
    @Test("statements acknowledged just before kill -9 are there after restart", arguments: ["full", "normal"])
    func killNine(synchronous: String) throws {
        let daemon = try Walletd(arguments: ["--synchronous", synchronous]).start()
        let (_, token) = try daemon.learnerSession()
        let before = daemon.client
        var acknowledged: [String] = []
        for i in 0..<200 {
            let statement = Sample.statement(activity: "https://vet.example.eu/c/1/lo/\(i)")
            let answer = try before.send(Endpoints.postStatements, body: statement, token: token)
            #expect(answer.status == 200)
            if answer.status == 200, let id = statement["id"]?.stringValue { acknowledged.append(id) }
        }
        daemon.stop(signal: SIGKILL)
        try daemon.start()
        // The session survives too: tokens are stored (hashed) in the database.
        let after = daemon.client
        for id in acknowledged {
            #expect(try after.send(Endpoints.getStatements, query: ["statementId": id], token: token).status == 200, "lost \(id)")
        }
        #expect(try after.call(Endpoints.health).counts.statements == 200)
    }
}
