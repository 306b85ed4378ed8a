import Foundation
import Testing
import GRDB
import SecurityPrimitives
import SyncEngine
@testable import RepositoryCore

/// The repository's side of anchoring PCs' audit logs (`SQLiteRepositoryStore+AuditAnchor`).
@Suite("Audit anchors: a PC's log cannot lose anchored entries unnoticed")
struct AuditAnchorTests {
    static func hash(_ n: Int) -> String { String(repeating: String(format: "%02x", n % 256), count: 32) }
    static func anchor(_ seq: Int64, _ n: Int) -> AuditAnchor { AuditAnchor(seq: seq, hash: hash(n)) }

    func brokenEvents(_ store: SQLiteRepositoryStore) throws -> [AuditEntry] {
        try store.auditLog().entries.filter { $0.kind == AuditEvent.Kind.auditAnchorBroken.rawValue }
    }

    @Test func aLogThatGrowsStaysAnchoredAndEachDeviceHasItsOwn() throws {
        let store = try HubFixtures.store()
        #expect(try store.auditAnchor(device: "pc-1") == nil)
        #expect(try store.anchorAudit(AuditAnchorRequest(head: Self.anchor(4, 4), since: nil), device: "pc-1", nowMs: 10).broken == false,
                "a first anchor needs nothing shown")
        let grown = try store.anchorAudit(AuditAnchorRequest(head: Self.anchor(9, 9), since: Self.anchor(4, 4)), device: "pc-1", nowMs: 20)
        #expect(grown == AuditAnchorResponse(anchor: AuditAnchor(seq: 9, hash: Self.hash(9), atMs: 20), broken: false))
        #expect(try store.auditAnchor(device: "pc-1") == AuditAnchor(seq: 9, hash: Self.hash(9), atMs: 20))
        #expect(try store.auditAnchor(device: "pc-2") == nil, "another device's anchor is its own")
        #expect(try brokenEvents(store).isEmpty)
    }

    /// Every way the anchored entry can fail to be shown as kept is a break: cut off (nothing
    /// shown), rewritten (another hash), a head behind the anchor, or another entry shown.
    @Test func everyWayOfLosingTheAnchoredEntryIsRecorded() throws {
        let cases: [(String, AuditAnchorRequest)] = [
            ("cut off", AuditAnchorRequest(head: Self.anchor(3, 3), since: nil)),
            ("rewritten with new hashes", AuditAnchorRequest(head: Self.anchor(12, 12), since: Self.anchor(9, 99))),
            ("head behind the anchor", AuditAnchorRequest(head: Self.anchor(8, 8), since: Self.anchor(9, 9))),
            ("another entry shown", AuditAnchorRequest(head: Self.anchor(12, 12), since: Self.anchor(8, 8))),
        ]
        for (name, request) in cases {
            let store = try HubFixtures.store()
            _ = try store.anchorAudit(AuditAnchorRequest(head: Self.anchor(9, 9), since: nil), device: "pc-1", nowMs: 10)
            let answer = try store.anchorAudit(request, device: "pc-1", nowMs: 20)
            #expect(answer.broken, "\(name)")
            let events = try brokenEvents(store)
            #expect(events.count == 1 && events.first?.device == "pc-1" && events.first?.detail.contains(#""anchored_seq":"9""#) == true, "\(name)")
            #expect(try store.auditAnchor(device: "pc-1")?.seq == request.head.seq, "\(name): anchored again at the new head")
            #expect(try store.auditLog().firstBroken == nil, "\(name): the repository's own chain holds")
        }
    }

    /// Property: over random histories of an honest PC (its log only grows, it shows the entry
    /// at the kept number as it was), no break is ever recorded; a PC that changed any entry up
    /// to the kept number is always caught at its next anchoring.
    @Test func anHonestLogIsNeverFlaggedAndAChangedOneAlwaysIs() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let store = try HubFixtures.store()
            var log: [String] = []   // log[i] is entry i + 1's hash
            var kept: AuditAnchor?
            var tampered = false
            for step in 0..<20 {
                for _ in 0..<Int.random(in: 1...5, using: &random) { log.append(Self.hash(Int.random(in: 0...255, using: &random))) }
                if let anchored = kept, !tampered, Int.random(in: 0..<6, using: &random) == 0 {
                    tampered = true
                    // Cut off at or below the anchor, or change an entry up to it and recompute.
                    let at = Int.random(in: 1...Int(anchored.seq), using: &random)
                    if Bool.random(using: &random) { log.removeSubrange((at - 1)...) } else {
                        for i in (at - 1)..<log.count { log[i] = Self.hash((Int(log[i].prefix(2), radix: 16) ?? 0) + 1) }
                    }
                    // A fresh entry after a cut to nothing: a hash no honest step makes.
                    if log.isEmpty { log.append(String(repeating: "0123456789abcdef", count: 4)) }
                }
                let head = AuditAnchor(seq: Int64(log.count), hash: log[log.count - 1])
                let since = kept.flatMap { $0.seq <= log.count ? AuditAnchor(seq: $0.seq, hash: log[Int($0.seq) - 1]) : nil }
                let answer = try store.anchorAudit(AuditAnchorRequest(head: head, since: since), device: "pc", nowMs: Int64(step))
                #expect(answer.broken == tampered, "step \(step)")
                if tampered { break }
                kept = answer.anchor
            }
        }
    }
}
