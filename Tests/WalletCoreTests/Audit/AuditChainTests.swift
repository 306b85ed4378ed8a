import Foundation
import Testing
import SecurityPrimitives
import TestSupport

/// The audit log's hash chain, pure: a chain as written verifies, and any single-byte change,
/// removal (of any entry but the newest) or reordering is found at the first entry it touches.
@Suite("Audit log: the hash chain")
struct AuditChainTests {
    static func chain(_ count: Int, random: inout SplitMix) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        var previous = AuditChain.genesis
        let kinds: [AuditEvent.Kind] = [.login, .pinWrong, .lockout, .export, .forget, .deviceEnrol]
        for index in 0..<count {
            let event = AuditEvent(kinds[random.int(0...(kinds.count - 1))],
                                   learner: random.int(0...3) == 0 ? nil : "learner-\(random.int(0...5))",
                                   device: random.int(0...1) == 0 ? nil : "device-\(random.int(0...3))",
                                   detail: ["n": String(random.int(0...1_000)), "note": "é ✓ \(index)"])
            let seq = Int64(index + 1), at = Int64(1_700_000_000_000 + index * 1_000)
            let hash = AuditChain.hash(previous: previous, seq: seq, atMs: at, event: event)
            entries.append(AuditEntry(seq: seq, atMs: at, kind: event.kind.rawValue, learner: event.learner, device: event.device,
                                      detail: event.detail, hash: hash))
            previous = hash
        }
        return entries
    }

    /// One byte of one field of `entry` changed (text fields through their UTF-8).
    static func flipOneByte(of entry: AuditEntry, random: inout SplitMix) -> AuditEntry {
        var changed = entry
        func flip(_ text: String) -> String {
            var bytes = Array(text.utf8)
            guard !bytes.isEmpty else { return "x" }
            let at = random.int(0...(bytes.count - 1))
            bytes[at] ^= UInt8(random.int(1...255))
            return String(decoding: bytes, as: UTF8.self) == text ? text + "x" : String(decoding: bytes, as: UTF8.self)
        }
        switch random.int(0...6) {
        case 0: changed.seq ^= 1 << Int64(random.int(0...7))
        case 1: changed.atMs ^= 1 << Int64(random.int(0...40))
        case 2: changed.kind = flip(entry.kind)
        case 3: changed.learner = entry.learner.map(flip) ?? "x"
        case 4: changed.device = entry.device.map(flip) ?? "x"
        case 5: changed.detail = flip(entry.detail)
        default:
            var hash = entry.hash
            hash[hash.startIndex + random.int(0...31)] ^= UInt8(random.int(1...255))
            changed.hash = hash
        }
        return changed
    }

    @Test func aChainAsWrittenVerifiesAndAnEmptyOneToo() {
        var random = SplitMix(seed: 11)
        for count in [0, 1, 2, 17] {
            #expect(AuditChain.firstBroken(Self.chain(count, random: &random)) == nil)
        }
    }

    @Test func eachEntryHashesItsPredecessorsHashAndItsOwnFields() {
        var random = SplitMix(seed: 3)
        let entries = Self.chain(3, random: &random)
        #expect(entries[0].hash.count == 32)
        #expect(AuditChain.hash(previous: AuditChain.genesis, entry: entries[0]) == entries[0].hash)
        #expect(AuditChain.hash(previous: entries[0].hash, entry: entries[1]) == entries[1].hash)
        // An absent id and an empty one encode differently, so they cannot be swapped unseen.
        var empty = entries[0]
        empty.learner = entries[0].learner == nil ? "" : nil
        #expect(empty.canonicalEncoding != entries[0].canonicalEncoding)
    }

    /// Property (1,000 seeded cases): one byte changed in any field of any entry is found, at
    /// that entry.
    @Test func anySingleByteChangeIsFoundAtTheEntryChanged() {
        for seed in UInt64(0)..<1_000 {
            var random = SplitMix(seed: seed)
            var entries = Self.chain(random.int(1...12), random: &random)
            let at = random.int(0...(entries.count - 1))
            let original = entries[at]
            entries[at] = Self.flipOneByte(of: original, random: &random)
            guard entries[at] != original else { continue }
            #expect(AuditChain.firstBroken(entries) == entries[at].seq, "seed \(seed)")
        }
    }

    /// Property: removing any entry but the newest is found at the entry that now follows the
    /// gap. (Cutting entries off the end is not: docs/SECURITY.md says so.)
    @Test func removingAnEntryIsFoundWhereTheGapIs() {
        for seed in UInt64(0)..<500 {
            var random = SplitMix(seed: seed)
            var entries = Self.chain(random.int(2...12), random: &random)
            let at = random.int(0...(entries.count - 2))
            entries.remove(at: at)
            #expect(AuditChain.firstBroken(entries) == entries[at].seq, "seed \(seed)")
        }
    }

    /// Property: swapping two different entries, or renumbering them to hide it, is found at the
    /// earlier of the two places.
    @Test func reorderingIsFound() {
        for seed in UInt64(0)..<500 {
            var random = SplitMix(seed: seed)
            var entries = Self.chain(random.int(2...12), random: &random)
            let first = random.int(0...(entries.count - 2)), second = random.int((first + 1)...(entries.count - 1))
            entries.swapAt(first, second)
            #expect(AuditChain.firstBroken(entries) != nil, "seed \(seed)")
            // The seqs put back in order: only the hashes can tell now.
            let renumbered = entries.enumerated().map { index, entry in
                var copy = entry
                copy.seq = Int64(index + 1)
                return copy
            }
            #expect(AuditChain.firstBroken(renumbered) == Int64(first + 1), "seed \(seed)")
        }
    }

    @Test func detailsAreBoundedAndCanonical() {
        let long = String(repeating: "z", count: 5_000)
        var fields: [String: String] = [:]
        for index in 0..<20 { fields["k\(index)"] = long }
        let event = AuditEvent(.export, learner: "ana", detail: fields)
        #expect(event.detail.utf8.count < 2_200, "8 fields of at most 200 characters")
        #expect(AuditEvent(.export, detail: ["b": "2", "a": "1"]).detail == #"{"a":"1","b":"2"}"#)
        #expect(event.learner == AuditEvent.learnerReference("ana") && event.learner?.count == 64, "the id is kept only as its SHA-256")
    }
}
