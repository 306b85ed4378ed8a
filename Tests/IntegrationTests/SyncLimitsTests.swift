import Foundation
import Testing
import WalletAPI
import WalletClient
import Basics

/// A statement at walletd's limits (nesting, size) either is refused when posted, with a clear
/// error, or reaches every PC holding its learner; another learner on the same PC keeps syncing
/// all along (issue 10, item 1). Real repositoryd and two walletd.
@Suite("Sync at the statement limits", .serialized,
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct SyncLimitsTests {
    static let manualSync = SyncTests.manualSync

    enum Shape: CustomStringConvertible {
        case nested(Int)
        case padded(Int)
        var description: String {
            switch self {
            case .nested(let depth): "nested \(depth) deep"
            case .padded(let bytes): "\(bytes) bytes of padding"
            }
        }
    }

    /// A valid xAPI statement nesting exactly `depth` levels (it is level 1), or padded by `padding` bytes.
    static func statement(_ shape: Shape) -> JSONValue {
        guard case .object(var fields) = Sample.statement() else { return .null }
        switch shape {
        case .nested(let depth):
            // statement{ result{ extensions{ "…": V } } }: V nests depth - 3 levels.
            var value: JSONValue = 1
            for _ in 0..<max(0, depth - 3) { value = ["a": value] }
            fields["result"] = ["extensions": ["https://vet.example.eu/ext/deep": value]]
        case .padded(let bytes):
            fields["result"] = ["response": .string(String(repeating: "x", count: bytes))]
        }
        return .object(fields)
    }

    @Test func aStatementAtTheLimitsIsRefusedWhenPostedOrReachesTheOtherPC() throws {
        let repository = try Repositoryd().start()
        let pc1 = try Walletd(arguments: Self.manualSync).start()
        let pc2 = try Walletd(arguments: Self.manualSync).start()
        try pc1.register(with: repository)
        try pc2.register(with: repository)
        let ana = try pc1.learnerSession(name: "Ana", pin: "246800")
        let ben = try pc1.learnerSession(name: "Ben", pin: "135700")
        #expect(try pc1.syncNow()["ok"] == true)
        let fetched = try pc2.client.send(Endpoints.fetchLearner, body: FetchLearnerRequest(learner: ana.id, pin: "246800"))
        #expect(fetched.status == 201, "\(fetched.text)")
        let ana2 = try pc2.client.call(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800")).token

        var synced: Set<String> = []
        var bens = Set(try pc1.record(1, token: ben.token))
        let shapes: [Shape] = [.nested(90), .nested(96), .nested(97), .nested(98), .nested(99), .nested(100),
                               .padded(1_000_000), .padded(1 << 20)]
        for shape in shapes {
            let statement = Self.statement(shape)
            let id = statement["id"]?.stringValue ?? ""
            let posted = try pc1.client.send(Endpoints.postStatements, body: statement, token: ana.token)
            if posted.status == 200 {
                synced.insert(id)
            } else {
                #expect((400..<500).contains(posted.status), "\(shape): \(posted.status) \(posted.text.prefix(300))")
                let error = posted.json?["error"]
                #expect(error?["code"]?.stringValue.flatMap(ErrorCode.init(rawValue:)) != nil, "\(shape): a known error code")
                #expect((error?["message"]?.stringValue?.count ?? 0) > 20, "\(shape): a message a person can act on")
            }
            bens.formUnion(try pc1.record(2, token: ben.token))
            let one = try pc1.syncNow()
            #expect(one["ok"] == true, "\(shape): \(one)")
            let two = try pc2.syncNow()
            #expect(two["ok"] == true, "\(shape): \(two)")
            #expect(try pc2.statementIDs(token: ana2) == synced, "\(shape): every statement walletd took reached the other PC")
            let status = try pc1.client.call(Endpoints.syncStatus, token: ben.token)
            #expect(status.pending.first { $0.learner == ben.id }?.statements ?? 0 == 0, "\(shape): Ben keeps syncing")
        }
        #expect(synced.count >= 3, "the statements within the limits were taken")

        // PUT of one statement and POST of an array keep the same limits, all or nothing.
        let deep = Self.statement(.nested(StatementLimits.maxDepth + 1))
        let deepID = deep["id"]?.stringValue ?? ""
        let put = try pc1.client.send(Endpoints.putStatement, query: ["statementId": deepID], body: deep, token: ana.token)
        #expect(put.status == 400 && put.json?["error"]?["code"] == "statement_too_deep", "\(put.status) \(put.text.prefix(300))")
        let fine = Sample.statement()
        let array = try pc1.client.send(Endpoints.postStatements, body: JSONValue.array([fine, Self.statement(.padded(StatementLimits.maxBytes))]), token: ana.token)
        #expect(array.status == 413 && array.json?["error"]?["code"] == "statement_too_large", "\(array.status) \(array.text.prefix(300))")
        #expect(array.json?["error"]?["message"]?.stringValue?.hasPrefix("Statement 2 of 2") == true, "\(array.text.prefix(300))")
        #expect(!(try pc1.statementIDs(token: ana.token)).contains(fine["id"]?.stringValue ?? ""), "nothing of the refused array was stored")
        #expect(try repository.stat("statementsStored") == synced.count + bens.count)
    }
}
