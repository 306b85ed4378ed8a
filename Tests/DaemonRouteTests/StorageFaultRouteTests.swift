import Basics
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
@testable import RepositoryCore
import SecurityPrimitives
import SyncEngine
import Testing
import WalletAPI
@testable import WalletCore
@testable import RepositoryDaemon
@testable import WalletDaemon

/// A full disk, a read-only and a damaged database seen from the API: each answers its own code
/// and status with a message a person can act on (never a generic 500), reads go on, health says
/// what is wrong, and it recovers when space comes back. Answers are checked against each
/// daemon's OpenAPI document.
@Suite("Storage faults at the routes")
struct StorageFaultRouteTests {
    static func limitPages(_ writer: some DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
    }

    static func liftLimit(_ writer: some DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
    }

    /// What SQLite answers on a read-only file or filesystem: SQLITE_READONLY for every write.
    static func makeReadOnly(_ writer: some DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = 1") }
    }

    static func newFolder() throws -> String { try WalletdHarness.newFolder("walletd-storage") }

    static func walletd(folder: String? = nil) throws -> (router: Router<WalletRequestContext>, store: WalletStore) {
        let harness = try WalletdHarness.make(folder: folder)
        return (harness.router, harness.store)
    }

    static func statements(_ count: Int, learner: LearnerSummary) -> Data {
        .json(.array((0..<count).map { _ in WalletdRouteTests.statement(UUID().uuidString.lowercased(), learner: learner) }))
    }

    @Test func walletdAnswers507WhenTheDiskIsFullAndRecoversWhenSpaceComesBack() async throws {
        let (router, store) = try Self.walletd()
        let recorder = RouteRecorder(document: try await WalletdRouteTests.document(router))
        try await Application(router: router).test(.router) { client in
            var answer = try await recorder.call(client, .post, Endpoints.createLearner.template, body: .json(["name": "Ana", "pin": "246800"]))
            let ana = try JSONDecoder().decode(LearnerSummary.self, from: answer.body)
            answer = try await recorder.call(client, .post, Endpoints.login.template, body: .json(["learner": .string(ana.id), "pin": "246800"]))
            let token = try JSONDecoder().decode(SessionResponse.self, from: answer.body).token
            var headers = WalletdRouteTests.xapi
            headers[.authorization] = "Bearer \(token)"
            answer = try await recorder.call(client, .post, Endpoints.postStatements.template, headers: headers, body: Self.statements(3, learner: ana))
            #expect(answer.status == 200)

            try Self.limitPages(store.pool)
            answer = try await recorder.call(client, .post, Endpoints.postStatements.template, headers: headers, body: Self.statements(200, learner: ana))
            #expect(answer.status == 507)
            #expect(answer.json?["error"]?["code"]?.stringValue == "disk_full")
            #expect(answer.json?["error"]?["message"]?.stringValue?.contains("Free disk space") == true)

            // Health says what is wrong. Asked first: any later request of the session that
            // commits a write (its idle deadline moves at most every 5 s) counts as the disk
            // taking writes again, which a slow run may reach before health is asked.
            answer = try await recorder.call(client, .get, Endpoints.health.template)
            #expect(answer.status == 200)
            #expect(answer.json?["storage"]?.stringValue == "full")
            #expect(answer.json?["status"]?.stringValue == "degraded")
            // Reads go on.
            answer = try await recorder.call(client, .get, Endpoints.getStatements.template, headers: headers)
            #expect(answer.json?["statements"]?.arrayValue?.count == 3, "what was acknowledged is there, nothing of the refused batch")

            try Self.liftLimit(store.pool)
            answer = try await recorder.call(client, .post, Endpoints.postStatements.template, headers: headers, body: Self.statements(200, learner: ana))
            #expect(answer.status == 200)
            answer = try await recorder.call(client, .get, Endpoints.health.template)
            #expect(answer.json?["storage"]?.stringValue == "ok")
            #expect(answer.json?["status"]?.stringValue == "ok")
        }
    }

    @Test func walletdAnswers503WhenTheDatabaseIsReadOnly() async throws {
        let (router, store) = try Self.walletd()
        let recorder = RouteRecorder(document: try await WalletdRouteTests.document(router))
        try Self.makeReadOnly(store.pool)
        try await Application(router: router).test(.router) { client in
            var answer = try await recorder.call(client, .post, Endpoints.createLearner.template, body: .json(["name": "Ana", "pin": "246800"]))
            #expect(answer.status == 503)
            #expect(answer.json?["error"]?["code"]?.stringValue == "storage_read_only")
            answer = try await recorder.call(client, .get, Endpoints.listLearners.template)
            #expect(answer.status == 200)
            answer = try await recorder.call(client, .get, Endpoints.health.template)
            #expect(answer.json?["storage"]?.stringValue == "read_only")
        }
    }

    /// Flips the header bytes of a table's root page in the file (after folding the WAL in).
    static func damage(_ path: String, table: String) throws {
        let (root, pageSize): (Int, Int) = try {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                let root = try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table]) ?? 0
                return (root, try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
            }
        }()
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        defer { try? handle.close() }
        let offset = UInt64((root - 1) * pageSize)
        try handle.seek(toOffset: offset)
        let original = try handle.read(upToCount: 8) ?? Data()
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: Data(original.map { $0 ^ 0xFF }))
    }

    /// A page of the statement table damaged while walletd was stopped (and started anyway, say
    /// by an older build without the start check): the requests that touch it answer 503
    /// `storage_damaged`, the others go on, health says `damaged`.
    @Test func walletdAnswers503ForADamagedPageAndHealthSaysSo() async throws {
        let folder = try Self.newFolder()
        let token: String
        do {
            let (router, _) = try Self.walletd(folder: folder)
            token = try await Application(router: router).test(.router) { client in
                var answer = try await client.execute(uri: Endpoints.createLearner.template, method: .post,
                                                      body: ByteBuffer(data: .json(["name": "Ana", "pin": "246800"]))) { $0 }
                let ana = try JSONDecoder().decode(LearnerSummary.self, from: Data(buffer: answer.body))
                answer = try await client.execute(uri: Endpoints.login.template, method: .post,
                                                  body: ByteBuffer(data: .json(["learner": .string(ana.id), "pin": "246800"]))) { $0 }
                let token = try JSONDecoder().decode(SessionResponse.self, from: Data(buffer: answer.body)).token
                var headers = WalletdRouteTests.xapi
                headers[.authorization] = "Bearer \(token)"
                answer = try await client.execute(uri: Endpoints.postStatements.template, method: .post, headers: headers,
                                                  body: ByteBuffer(data: Self.statements(200, learner: ana))) { $0 }
                #expect(answer.status == .ok)
                return token
            }
        }
        try Self.damage(folder + "/" + WalletStore.fileName, table: "statement")
        let (router, _) = try Self.walletd(folder: folder)
        let recorder = RouteRecorder(document: try await WalletdRouteTests.document(router))
        try await Application(router: router).test(.router) { client in
            var headers = WalletdRouteTests.xapi
            headers[.authorization] = "Bearer \(token)"
            var answer = try await recorder.call(client, .get, Endpoints.getStatements.template, headers: headers)
            #expect(answer.status == 503)
            #expect(answer.json?["error"]?["code"]?.stringValue == "storage_damaged")
            answer = try await recorder.call(client, .get, Endpoints.listLearners.template)
            #expect(answer.status == 200, "what the damage does not touch still answers")
            answer = try await recorder.call(client, .get, Endpoints.health.template)
            #expect(answer.status == 200)
            #expect(answer.json?["storage"]?.stringValue == "damaged")
            #expect(answer.json?["status"]?.stringValue == "degraded")
        }
    }

    static func repository() throws -> (router: Router<RepositoryRequestContext>, store: SQLiteRepositoryStore) {
        try RepositorydRouteTests.harness()
    }

    @Test func repositorydAnswers507ToAPushWhenTheDiskIsFull() async throws {
        let (router, store) = try Self.repository()
        let document = try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { try JSONValue(data: Data(buffer: $0.body)) }
        }
        let recorder = RouteRecorder(document: document)
        let code = "K7QF3MZPXD2A9WRB"
        try store.addEnrolmentCode(code, label: nil, nowMs: 1, expiresMs: Int64.max / 2)
        let replica = UUID().uuidString.lowercased()
        let salt = Data("storage-test-salt".utf8)
        let hash = try PINHash.make(pin: "246800", cost: ScryptCost(logN: 4), salt: salt)
        let learner = WireLearner(id: "ana-storage", name: "Ana", pinSalt: Base64URL.encode(salt), pinHash: Base64URL.encode(hash.hash),
                                  pinCost: ScryptCost(logN: 4), createdMs: 1)
        try await Application(router: router).test(.router) { client in
            var answer = try await recorder.call(client, .post, "/sync/v1/devices",
                                                 body: .json(["format": 1, "code": .string(code), "replica": .string(replica), "name": "pc"]))
            #expect(answer.status == 201)
            let token = try #require(answer.json?["token"]?.stringValue)
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            func push(_ range: Range<Int>) throws -> Data {
                let request = PushRequest(replica: ReplicaID(replica), learner: learner, statements: range.map(Self.statement), records: [])
                return Data(request.body())
            }
            answer = try await recorder.call(client, .post, "/sync/v1/push", headers: auth, body: try push(0..<5))
            #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")

            try Self.limitPages(store.pool)
            answer = try await recorder.call(client, .post, "/sync/v1/push", headers: auth, body: try push(5..<400))
            #expect(answer.status == 507)
            #expect(answer.json?["error"]?["code"]?.stringValue == "disk_full")
            #expect(try store.stats().statementsStored == 5)
            answer = try await recorder.call(client, .get, "/health")
            #expect(answer.json?["storage"]?.stringValue == "full")
            #expect(answer.json?["status"]?.stringValue == "degraded")

            try Self.liftLimit(store.pool)
            answer = try await recorder.call(client, .post, "/sync/v1/push", headers: auth, body: try push(5..<400))
            #expect(answer.status == 200)
            #expect(try store.stats().statementsStored == 400)
            answer = try await recorder.call(client, .get, "/health")
            #expect(answer.json?["storage"]?.stringValue == "ok")
        }
    }

    static func statement(_ n: Int) -> WireStatement {
        let id = String(format: "00000000-0000-4000-8000-%012x", n)
        let text = #"{"actor":{"account":{"homePage":"https://learner-wallet.invalid/learners","name":"ana-storage"},"objectType":"Agent"},"#
            + #""authority":{"objectType":"Agent","account":{"homePage":"https://learner-wallet.invalid/learners","name":"ana-storage"}},"#
            + #""id":""# + id + #"","object":{"id":"https://catalog.vet-centre.example/x/"# + String(n) + #""},"#
            + #""stored":"2026-12-01T09:00:00.000Z","verb":{"id":"http://adlnet.gov/expapi/verbs/experienced"},"#
            + #""result":{"response":""# + String(repeating: "x", count: 400) + #""}}"#
        return WireStatement(id: id, json: text)
    }
}
