import Foundation
import Testing
import WalletAPI
import WalletClient

#if canImport(Glibc)
import Glibc
import Basics
#endif

/// Issue 10 item 2 (the device half): revoking a PC must not cost it its learners. Before, the
/// documented revoke (delete the row, enrol again) left the re-enrolled PC refused with 403
/// `learner_not_held`, and its fetched learners' pulls came back empty.
@Suite("Revoking and re-enrolling a PC with repositoryd device", .serialized)
struct DeviceRevokeTests {
    @Test func aRevokedPCEnrolledAgainKeepsItsLearners() throws {
        let repository = try Repositoryd().start()
        let pc1 = try Walletd(arguments: SyncTests.manualSync).start()
        let pc2 = try Walletd(arguments: SyncTests.manualSync).start()
        try pc1.register(with: repository)
        try pc2.register(with: repository)
        let ana = try pc1.learnerSession(name: "Ana", pin: "246800")
        var expected = Set(try pc1.record(2, token: ana.token))
        #expect(try pc1.syncNow()["ok"] == true)
        // Ana is fetched onto PC 2: PC 2 holds her through the fetch.
        #expect(try pc2.client.send(Endpoints.fetchLearner, body: FetchLearnerRequest(learner: ana.id, pin: "246800")).status == 201)
        #expect(try pc2.syncNow()["ok"] == true)

        let device2 = try #require(try pc2.client.call(Endpoints.device).device)
        let out = try Repositoryd.run(try Walletd.binary("repositoryd"), ["device", "revoke", device2, "--data-dir", repository.dataDirectory])
        #expect(out.contains("revoked"))
        let refused = try pc2.syncNow()
        #expect(refused["ok"] == false)
        #expect(refused["error"]?.stringValue?.contains("device_revoked") == true, "\(refused)")

        // The admin gives PC 2 a new code; its walletd proves its old token.
        try pc2.register(with: repository)
        let ana2 = try pc2.client.call(Endpoints.login, body: CreateSessionRequest(learner: ana.id, pin: "246800")).token
        expected.formUnion(try pc2.record(2, token: ana2))
        expected.formUnion(try pc1.record(1, token: ana.token))
        #expect(try pc1.syncNow()["ok"] == true)
        let again = try pc2.syncNow()
        #expect(again["ok"] == true, "\(again)")
        #expect(try pc1.syncNow()["ok"] == true)
        #expect(try pc2.statementIDs(token: ana2) == expected)
        #expect(try pc1.statementIDs(token: ana.token) == expected)

        let list = try JSONValue(data: Data(try Repositoryd.run(try Walletd.binary("repositoryd"),
                                                                ["device", "list", "--json", "--data-dir", repository.dataDirectory]).utf8))
        let statuses = (list.arrayValue ?? []).compactMap { $0["status"]?.stringValue }.sorted()
        #expect(statuses == ["live", "live", "replaced"], "\(list)")
    }

    /// New hardware takes a PC's place with a code from `repositoryd device replace`: it holds
    /// the old PC's learners, and the old device is refused from then on.
    @Test func aReplaceCodeHandsTheLearnersToTheNewPC() throws {
        let repository = try Repositoryd().start()
        let old = try Walletd(arguments: SyncTests.manualSync).start()
        try old.register(with: repository)
        let ana = try old.learnerSession(name: "Ana", pin: "246800")
        _ = try old.record(1, token: ana.token)
        #expect(try old.syncNow()["ok"] == true)
        let oldDevice = try #require(try old.client.call(Endpoints.device).device)

        let output = try Repositoryd.run(try Walletd.binary("repositoryd"), ["device", "replace", oldDevice, "--data-dir", repository.dataDirectory])
        let code = try #require(output.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.count == 19 && $0.filter { $0 == "-" }.count == 3 })
        let new = try Walletd(arguments: SyncTests.manualSync).start()
        let admin = try String(contentsOfFile: new.dataDirectory + "/admin.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let enrolled = try new.client.send(Endpoints.enrol, body: EnrolDeviceRequest(repository: repository.url, code: String(code), caFile: nil, name: "new"),
                                           adminToken: admin)
        #expect(enrolled.status == 201, "\(enrolled.text)")
        let newDevice = try #require(try new.client.call(Endpoints.device).device)

        let refused = try old.syncNow()
        #expect(refused["error"]?.stringValue?.contains("device_revoked") == true, "\(refused)")
        let list = try JSONValue(data: Data(try Repositoryd.run(try Walletd.binary("repositoryd"),
                                                                ["device", "list", "--json", "--data-dir", repository.dataDirectory]).utf8))
        let rows = list.arrayValue ?? []
        let oldRow = rows.first { $0["id"]?.stringValue == oldDevice }
        let newRow = rows.first { $0["id"]?.stringValue == newDevice }
        #expect(oldRow?["status"]?.stringValue == "replaced" && oldRow?["replacedBy"]?.stringValue == newDevice)
        #expect(newRow?["status"]?.stringValue == "live" && newRow?["learners"]?.doubleValue == 1)
    }
}
