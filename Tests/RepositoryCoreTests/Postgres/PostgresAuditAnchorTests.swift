import Foundation
import Testing
import SecurityPrimitives
import SyncEngine
@testable import RepositoryCore

/// `AuditAnchorTests` on the PostgreSQL store, and two instances anchoring one PC at once.
@Suite("PostgreSQL: audit anchors")
struct PostgresAuditAnchorTests {
    static func anchor(_ seq: Int64, _ n: Int) -> AuditAnchor { AuditAnchor(seq: seq, hash: AuditAnchorTests.hash(n)) }

    func broken(_ store: PostgresRepositoryStore) async throws -> [AuditEntry] {
        try await store.auditLog().entries.filter { $0.kind == AuditEvent.Kind.auditAnchorBroken.rawValue }
    }

    @Test func aGrowingLogStaysAnchoredAndEveryWayOfLosingTheAnchorIsRecorded() async throws {
        try await PostgresCredentialFixtures.with(label: "anchor") { fx in
            let store = fx.store
            #expect(try await store.auditAnchor(device: "pc-1") == nil)
            #expect(try await store.anchorAudit(AuditAnchorRequest(head: Self.anchor(4, 4), since: nil), device: "pc-1", nowMs: 10).broken == false)
            let grown = try await store.anchorAudit(AuditAnchorRequest(head: Self.anchor(9, 9), since: Self.anchor(4, 4)), device: "pc-1", nowMs: 20)
            #expect(grown == AuditAnchorResponse(anchor: AuditAnchor(seq: 9, hash: AuditAnchorTests.hash(9), atMs: 20), broken: false))
            #expect(try await store.auditAnchor(device: "pc-1") == AuditAnchor(seq: 9, hash: AuditAnchorTests.hash(9), atMs: 20))
            #expect(try await store.auditAnchor(device: "pc-2") == nil)
            #expect(try await broken(store).isEmpty)
            let cases: [(String, AuditAnchorRequest)] = [
                ("cut off", AuditAnchorRequest(head: Self.anchor(3, 3), since: nil)),
                ("rewritten with new hashes", AuditAnchorRequest(head: Self.anchor(12, 12), since: Self.anchor(9, 99))),
                ("head behind the anchor", AuditAnchorRequest(head: Self.anchor(8, 8), since: Self.anchor(9, 9))),
                ("another entry shown", AuditAnchorRequest(head: Self.anchor(12, 12), since: Self.anchor(8, 8))),
            ]
            for (n, (name, request)) in cases.enumerated() {
                let device = "pc-case-\(n)"
                _ = try await store.anchorAudit(AuditAnchorRequest(head: Self.anchor(9, 9), since: nil), device: device, nowMs: 10)
                #expect(try await store.anchorAudit(request, device: device, nowMs: 20).broken, "\(name)")
                let events = try await broken(store).filter { $0.device == device }
                #expect(events.count == 1 && events.first?.detail.contains(#""anchored_seq":"9""#) == true, "\(name)")
                #expect(try await store.auditAnchor(device: device)?.seq == request.head.seq, "\(name): anchored again at the new head")
            }
            #expect(try await store.auditLog().firstBroken == nil)
        }
    }

    @Test func twoInstancesAnchoringOnePCAtOnceCompareWithTheLatestAnchor() async throws {
        try await PostgresCredentialFixtures.with(label: "anchorrace") { fx in
            let other = try await fx.another()
            _ = try await fx.store.anchorAudit(AuditAnchorRequest(head: Self.anchor(1, 1), since: nil), device: "pc-1", nowMs: 1)
            // The same honest request (showing the first anchor, a longer head) to both at once:
            // whichever goes second sees the other's anchor, which the request does not show.
            let request = AuditAnchorRequest(head: Self.anchor(5, 5), since: Self.anchor(1, 1))
            async let a = fx.store.anchorAudit(request, device: "pc-1", nowMs: 2)
            async let b = other.anchorAudit(request, device: "pc-1", nowMs: 2)
            let answers = try await [a, b]
            #expect(answers.filter(\.broken).count == 1, "one after the other: \(answers)")
            #expect(try await broken(fx.store).count == 1)
            #expect(try await other.auditAnchor(device: "pc-1")?.seq == 5)
        }
    }
}
