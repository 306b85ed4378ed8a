import Basics
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WalletAPI

/// The route audit (docs/ROUTES.md): every route of both daemons, called about learner A's data by
/// every kind of caller, answers exactly as its daemon's table says; no answer to anyone else holds
/// A's data, and nobody else's call changes it. Each cell runs on a world of its own, so no call
/// depends on another. A route without a row (or a row without a route) fails the coverage tests.
@Suite("Route audit: who may call what")
struct RouteAuditTests {
    @Test func walletdsTableHasARowForEveryRoute() throws {
        let registered = RouteRecorder.registered(try WalletdHarness.make().router)
        let declared = Set(Endpoints.all.map { "\($0.method.rawValue) \($0.template)" })
        let problems = WalletdAuditTable.table.problems(registered: registered.union(declared))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func walletPagesTableHasARowForEveryRoute() throws {
        let harness = try WalletdHarness.make()
        defer { try? FileManager.default.removeItem(atPath: harness.folder) }
        let problems = WalletPageAuditTable.table.problems(registered: RouteRecorder.registered(harness.webRouter))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// The wallet page's routes, each called by a browser of each kind of caller, on the same
    /// planted walletd as the socket's cells.
    @Test(.serialized, arguments: WalletPageAuditTable.table.cells)
    func walletPage(_ cell: AuditCell) async throws {
        let harness = try WalletdHarness.make()
        defer { try? FileManager.default.removeItem(atPath: harness.folder) }
        try WalletPageAuditWorld.importSample(harness)
        let daemon = WalletdAuditWorld.Daemon(harness)
        let webApplication = Application(router: harness.webRouter)
        try await Application(router: harness.router).test(.router) { socketClient in
            let socket = try await WalletdAuditWorld.make(socketClient, harness: daemon)
            try await webApplication.test(.router) { web in
                let world = try await WalletPageAuditWorld.make(socket: socket, socketClient: socketClient, web: web)
                let problems = try await AuditRunner.run(cell, in: world, client: web)
                #expect(problems.isEmpty, "\(cell): \(problems.joined(separator: "; "))")
            }
        }
    }

    @Test func repositorydsTableHasARowForEveryRoute() throws {
        let registered = RouteRecorder.registered(try RepositorydRouteTests.harness().router)
        let documented = RouteRecorder.documented(RepositorydAuditWorld.document)
        let problems = RepositorydAuditTable.table.problems(registered: registered.union(documented))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// One cell at a time: each world logs three learners in, and walletd's scrypt runs share one
    /// bound per process (`KeyDerivation`: two at once, 32 waiting, then 503).
    @Test(.serialized, arguments: WalletdAuditTable.table.cells)
    func walletd(_ cell: AuditCell) async throws {
        let harness = try WalletdHarness.make()
        defer { try? FileManager.default.removeItem(atPath: harness.folder) }
        let daemon = WalletdAuditWorld.Daemon(harness)
        try await Application(router: harness.router).test(.router) { client in
            let world = try await WalletdAuditWorld.make(client, harness: daemon)
            let problems = try await AuditRunner.run(cell, in: world, client: client)
            #expect(problems.isEmpty, "\(cell): \(problems.joined(separator: "; "))")
        }
    }

    @Test(arguments: RepositorydAuditTable.table.cells)
    func repositoryd(_ cell: AuditCell) async throws {
        let (router, store) = try RepositorydRouteTests.harness()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        try await Application(router: router).test(.router) { client in
            let world = try await RepositorydAuditWorld.make(client, store: store)
            let problems = try await AuditRunner.run(cell, in: world, client: client)
            #expect(problems.isEmpty, "\(cell): \(problems.joined(separator: "; "))")
        }
    }

    /// The checks can fail: an answer to another learner that holds A's record value, or a refusal
    /// with another code, is caught.
    @Test func theChecksSeeALeakAndAWrongRefusal() {
        let canaries: [AuditCanary: String] = [.record: "ana.canary@example.org"]
        let request = AuditRequest(path: "/v1/learners/ana/records")
        let leak = AuditCheck.Seen(status: 200, code: nil, json: nil, text: #"{"records":[{"values":["ana.canary@example.org"]}]}"#)
        let allowed = AuditCell(route: "GET /v1/learners/{id}/records", caller: .otherLearner, outcome: .ok())
        #expect(AuditCheck.problems(allowed, request: request, seen: leak, canaries: canaries, owner: "ana", before: "x", after: "x").count == 1)
        let refusal = AuditCell(route: "GET /v1/learners/{id}/records", caller: .otherLearner, outcome: .refused(403, .forbidden))
        let other = AuditCheck.Seen(status: 401, code: .unauthenticated, json: nil, text: "")
        #expect(AuditCheck.problems(refusal, request: request, seen: other, canaries: canaries, owner: "ana", before: "x", after: "y").count == 2)
    }
}

extension AuditCell: CustomTestStringConvertible {
    var testDescription: String { description }
}
