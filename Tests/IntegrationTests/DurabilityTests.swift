import Foundation
import Testing
import WalletAPI

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
        let http = HTTP(socket: daemon.socket, token: token)
        var acknowledged: [String] = []
        for i in 0..<200 {
            let statement = Sample.statement(activity: "https://vet.example.eu/c/1/lo/\(i)")
            let answer = try http.send(.post, "/xapi/statements", json: statement)
            #expect(answer.status == 200)
            if answer.status == 200, let id = statement["id"]?.stringValue { acknowledged.append(id) }
        }
        daemon.stop(signal: SIGKILL)
        try daemon.start()
        // The session survives too: tokens are stored (hashed) in the database.
        for id in acknowledged {
            #expect(try http.get("/xapi/statements?statementId=\(id)").status == 200, "lost \(id)")
        }
        #expect(try http.get("/v1/health").json?["counts"]?["statements"] == 200)
    }
}
