import Credentials
import Foundation
import Testing
import Basics
import SecurityPrimitives
@testable import RepositoryCore
@testable import SyncEngine

/// `PINResetStoreTests` and `LearnerErasureTests` on the PostgreSQL store.
@Suite("PostgreSQL: PIN reset and erasure")
struct PostgresPINResetAndErasureTests {
    static let now: Int64 = 1_795_000_000_000
    let code = "K7QF-3MZP-XD2A-9WRB"

    /// `learner` with a claim of `generation` signed by `key` (as the SQLite tests make it).
    func claimed(_ learner: WireLearner, key: SigningKey, generation: Int64) throws -> WireLearner {
        try PINResetStoreTests().claimed(learner, key: key, generation: generation)
    }

    func resetRecord(id: String = "ana", key: SigningKey, generation: Int64 = 1) throws -> WireLearner {
        var learner = HubFixtures.learner(id, salt: "bmV3LXNhbHQ", hash: "bmV3LWhhc2g")
        learner.holderKey = WireHolderKey(did: key.didKey.did, sealed: "bmV3LXNlYWxlZA", salt: "bmV3LWtleS1zYWx0", cost: ScryptCost(logN: 10))
        return try claimed(learner, key: key, generation: generation)
    }

    func reset(_ fx: PostgresCredentialFixtures, _ record: WireLearner, code: String? = nil, device: String = "pc-b",
               at nowMs: Int64 = now, store: PostgresRepositoryStore? = nil) async throws -> LearnerResetOutcome {
        let repositoryKey = try fx.keyring.repositoryKey()
        let reset = LearnerReset(learner: record, code: code ?? self.code) { claim in
            try LearnerResetStatement.sign(learner: claim.learner, generation: claim.generation, holderDID: claim.holderDID, atMs: nowMs, key: repositoryKey)
        }
        return try await (store ?? fx.store).resetLearner(reset, device: device, nowMs: nowMs)
    }

    /// Ana with her first key and a claim of generation 0, one self-assessed course issued.
    func anaWithACredential(_ fx: PostgresCredentialFixtures) async throws {
        _ = try await fx.store.push(fx.push(learner: claimed(fx.learner("ana"), key: try #require(fx.holders["ana"]), generation: 0),
                                            statements: fx.passing(fx.selfAssessed)), device: "pc-a")
    }

    @Test func aCodeResetsOnceTheCredentialGoesToTheNewDIDAndTheOldStays() async throws {
        try await PostgresCredentialFixtures.with(label: "reset") { fx in
            try await anaWithACredential(fx)
            let other = try await fx.another()
            #expect(try await !fx.store.addResetCode(code, learnerID: "nobody", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
            #expect(try await fx.store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
            let newKey = SigningKey.generate()
            guard case .reset(let stored) = try await reset(fx, try resetRecord(key: newKey), code: "k7qf 3mzp xd2a 9wrb", store: other) else {
                Issue.record("the reset was refused"); return
            }
            #expect(stored.holderKey?.did == newKey.didKey.did && stored.pinHash == "bmV3LWhhc2g" && stored.claim?.generation == 1)
            #expect(stored.holderKey?.sealed == "bmV3LXNlYWxlZA" && stored.name == HubFixtures.learner("ana").name)
            let statement = try #require(stored.reset)
            #expect(LearnerResetStatement.problem(statement, learner: "ana", generation: 1, holderDID: newKey.didKey.did,
                                                  pinned: try fx.keyring.repositoryKey().didKey.did, successions: []) == nil)
            #expect(try fx.database.psql("SELECT holder_did FROM learner WHERE id = 'ana'") == newKey.didKey.did)
            #expect(try fx.database.psql("SELECT holder_sealed <> 'bmV3LXNlYWxlZA' FROM learner WHERE id = 'ana'") == "t", "kept wrapped")
            #expect(try fx.count("SELECT count(*) FROM device_learner WHERE device = 'pc-b' AND learner_id = 'ana'") == 1)
            #expect(try fx.database.psql("SELECT did FROM learner_former_did WHERE learner_id = 'ana'") == fx.holders["ana"]?.didKey.did)
            // Issued again to the new DID; the first stays.
            let issued = try await fx.store.issuedCredentials(learner: "ana")
            #expect(issued.count == 2 && issued.allSatisfy { $0.status == .valid })
            #expect(try fx.credentialRecordKeys("ana").count == 2)
            #expect(try fx.count("SELECT max(seq) FROM hub_head") == fx.count("SELECT max(hub_seq) FROM hub_record"), "the reset left its mark")
            let chain = try await fx.store.auditLog().entries.map(\.kind).suffix(2)
            #expect(Array(chain) == ["pin_reset", "credential_issue"], "the reset, then what it issued")
            // Once only.
            #expect(try await reset(fx, try resetRecord(key: SigningKey.generate(), generation: 2)) == .codeRefused)
            let kinds = try await fx.store.auditLog().entries.map(\.kind)
            #expect(kinds.contains("pin_reset_code") && kinds.contains("pin_reset") && kinds.contains("pin_reset_refused"))
            #expect(try await fx.store.auditLog().entries.allSatisfy { !$0.detail.contains("K7QF") }, "never the code")
            #expect(try await fx.store.auditLog().firstBroken == nil)
        }
    }

    @Test func aResetOnOneInstanceWhileOthersIssueOnAnotherTakesItsOwnSlot() async throws {
        try await PostgresCredentialFixtures.with(label: "resetrace") { fx in
            try await anaWithACredential(fx)
            let other = try await fx.another()
            #expect(try await fx.store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
            let record = try resetRecord(key: SigningKey.generate())
            let learners = (0..<10).map { "learner-\($0)" }
            let outcome = try await withThrowingTaskGroup(of: LearnerResetOutcome?.self) { group in
                for id in learners {
                    let push = fx.push(learner: fx.learner(id), statements: fx.passing(fx.selfAssessed, learner: id))
                    group.addTask { _ = try await fx.store.push(push, device: "pc-a"); return nil }
                }
                group.addTask { try await self.reset(fx, record, store: other) }
                var outcome: LearnerResetOutcome?
                for try await answer in group { if let answer { outcome = answer } }
                return outcome
            }
            guard case .reset = outcome else { Issue.record("\(String(describing: outcome))"); return }
            let issued = try await fx.store.issuedCredentials(learner: nil)
            #expect(issued.count == learners.count + 2, "ten learners, Ana's first DID and her new one")
            #expect(Set(issued.map(\.statusIndex)).count == issued.count)
            #expect(try await fx.store.auditLog().firstBroken == nil)
        }
    }

    @Test func expiredOrReplacedCodesAndWrongClaimsChangeNothingAndGuessesLock() async throws {
        try await PostgresCredentialFixtures.with(label: "refused") { fx in
            try await anaWithACredential(fx)
            _ = try await fx.store.push(fx.push(learner: fx.learner("ben"), statements: []), device: "pc-a")
            #expect(try await reset(fx, try resetRecord(id: "nobody", key: SigningKey.generate(), generation: 0)) == .notFound)
            #expect(try await reset(fx, try resetRecord(id: "ben", key: SigningKey.generate(), generation: 0)) == .codeRefused, "no code")
            #expect(try await fx.store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 1_000))
            #expect(try await reset(fx, try resetRecord(key: SigningKey.generate()), at: Self.now + 2_000) == .codeRefused, "expired")
            #expect(try await fx.store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
            #expect(try await fx.store.addResetCode("ZZZZ-YYYY-XXXX-WWWW", learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
            #expect(try await reset(fx, try resetRecord(key: SigningKey.generate())) == .codeRefused, "replaced")
            // The right code with a claim of the wrong generation: refused, the code stays.
            guard case .claimRefused(let why) = try await reset(fx, try resetRecord(key: SigningKey.generate(), generation: 5), code: "ZZZZ-YYYY-XXXX-WWWW") else {
                Issue.record("generation 5 taken"); return
            }
            #expect(why.contains("generation"), "\(why)")
            #expect(try fx.database.psql("SELECT holder_did FROM learner WHERE id = 'ana'") == fx.holders["ana"]?.didKey.did, "nothing changed")
            // Guesses lock it, the right code waits too.
            var outcomes: [LearnerResetOutcome] = []
            for guess in 0..<LoginThrottle.freeAttempts {
                outcomes.append(try await reset(fx, try resetRecord(key: SigningKey.generate()), code: "GUES-S000-0000-000\(guess)"))
            }
            guard case .locked(let until) = outcomes.last else { Issue.record("no lock: \(outcomes)"); return }
            guard case .locked = try await reset(fx, try resetRecord(key: SigningKey.generate()), code: "ZZZZ-YYYY-XXXX-WWWW") else {
                Issue.record("checked while locked"); return
            }
            guard case .reset = try await reset(fx, try resetRecord(key: SigningKey.generate()), code: "ZZZZ-YYYY-XXXX-WWWW", at: until + 1) else {
                Issue.record("refused after the lock"); return
            }
        }
    }

    @Test func erasureRemovesTheLearnersRowsRevokesTheirCredentialsAndKeepsOthers() async throws {
        try await PostgresCredentialFixtures.with(label: "erase") { fx in
            let marker = "erase-marker-5b1d0a"
            let marked = CredentialFixtures.statement(learner: "ana", verb: "experienced", activity: "https://vet.example.eu/\(marker)")
            _ = try await fx.store.push(fx.push(learner: fx.learner("ana"), statements: fx.passing(fx.selfAssessed) + [marked],
                                                records: [HubFixtures.record("profile/email", "\(marker)@example.org", by: HubFixtures.pcA)]), device: "pc-a")
            _ = try await fx.store.push(fx.push(learner: fx.learner("ben"), statements: fx.passing(fx.selfAssessed, learner: "ben")), device: "pc-a")
            try fx.database.psql("INSERT INTO device_learner (device, learner_id) VALUES ('pc-b', 'ana')")
            #expect(try await fx.store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
            let issued = try #require(try await fx.store.issuedCredentials(learner: "ana").first)
            let version = try #require(try await fx.store.statusList(slug: issued.awardingBody)?.version)

            let other = try await fx.another()
            let erased = try #require(try await other.eraseLearner(id: "ana", nowMs: 5))
            #expect(erased.statements == 3 && erased.records == 2 && erased.recordVersions == 2 && erased.deviceLinks == 2 && erased.batchLogEntries == 1,
                    "\(erased)")
            #expect(erased.revokedCredentials == [issued.id] && !erased.compacted)
            for table in ["hub_statement", "hub_statement_conflict", "hub_record", "hub_record_history", "device_learner", "hub_batch_log",
                          "issued_credential", "learner_reset_code", "learner_former_did"] {
                #expect(try fx.count("SELECT count(*) FROM \(table) WHERE learner_id = 'ana'") == 0, "\(table)")
            }
            #expect(try fx.count("SELECT count(*) FROM learner WHERE id = 'ana'") == 0)
            #expect(try fx.count("SELECT count(*) FROM hub_statement WHERE json LIKE '%\(marker)%'") == 0)
            #expect(try fx.database.psql("SELECT bool_and(last_vacuum IS NOT NULL) FROM pg_stat_user_tables WHERE relname IN ('hub_statement', 'learner')") == "t",
                    "the touched tables were vacuumed")
            let kept = try #require(try await fx.store.issuedCredential(id: issued.id))
            #expect(kept.status == .revoked && kept.statusIndex == issued.statusIndex && kept.json.isEmpty && kept.learnerID == "erased:" + issued.id)
            #expect(try fx.database.psql("SELECT holder_did IS NULL FROM issued_credential WHERE id = '\(issued.id)'") == "t", "the DID goes too")
            let list = try #require(try await fx.store.statusList(slug: issued.awardingBody))
            #expect(list.entries[issued.statusIndex] == .revoked && list.version == version + 1)
            #expect(try await fx.store.issuedCredentials(learner: "ben").first?.status == .valid)
            #expect(try fx.count("SELECT count(*) FROM hub_statement WHERE learner_id = 'ben'") == 2)
            #expect(try await fx.store.auditLog().entries.last?.kind == "erase")
            #expect(try await fx.store.eraseLearner(id: "ana", nowMs: 6) == nil, "erased already: nothing to do")

            // A PC that still holds her cannot create her again.
            await #expect(throws: SyncHubError.learnerNotHeld("ana")) {
                _ = try await fx.store.push(fx.push(learner: fx.learner("ana"), statements: [marked]), device: "pc-a")
            }
        }
    }
}
