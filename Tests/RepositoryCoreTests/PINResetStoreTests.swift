import Credentials
import Foundation
import Testing
import Basics
import SecurityPrimitives
@testable import RepositoryCore
@testable import SyncEngine

/// The repository's side of a PIN reset: a one-time code, made by the admin and stored hashed,
/// lets the learner's PC replace their PIN hash and holder key (a new DID) once; wrong, expired,
/// used or another learner's codes change nothing and are counted towards a lock; and the
/// learner's credentials are issued again to the new DID.
@Suite("PIN reset at the repository")
struct PINResetStoreTests {
    static let now: Int64 = 1_795_000_000_000
    let code = "K7QF-3MZP-XD2A-9WRB"

    /// `ana` known to the store with her first key, a claim of generation 0 and a self-assessed
    /// course completed (one credential issued to her first DID).
    func fixture() throws -> CredentialFixtures {
        let fx = try CredentialFixtures()
        try fx.store.push(fx.push(learner: claimed(fx.learner("ana"), key: try #require(fx.holders["ana"]), generation: 0),
                                  statements: fx.passing(fx.selfAssessed)), device: "pc-a")
        return fx
    }

    /// `learner` with a claim of `generation` signed by `key` (whose DID its holder key names).
    func claimed(_ learner: WireLearner, key: SigningKey, generation: Int64) throws -> WireLearner {
        var learner = learner
        let holderKey = try #require(learner.holderKey)
        learner.claim = try WireLearnerClaim(learner: learner, holderKey: holderKey, generation: generation, replica: nil, issuedMs: Self.now)
            .signed { try key.signature(for: $0) }
        return learner
    }

    /// The record a PC sends at a reset: a new PIN hash, a new key sealed under it, and the claim
    /// of `generation` signed by that new key.
    func resetRecord(_ fx: CredentialFixtures, id: String = "ana", key: SigningKey, generation: Int64 = 1) throws -> WireLearner {
        var learner = HubFixtures.learner(id, salt: "bmV3LXNhbHQ", hash: "bmV3LWhhc2g")
        learner.holderKey = WireHolderKey(did: key.didKey.did, sealed: "bmV3LXNlYWxlZA", salt: "bmV3LWtleS1zYWx0", cost: ScryptCost(logN: 10))
        return try claimed(learner, key: key, generation: generation)
    }

    func reset(_ fx: CredentialFixtures, _ record: WireLearner, code: String? = nil, device: String = "pc-b", at nowMs: Int64 = now) throws -> LearnerResetOutcome {
        let repositoryKey = try fx.keyring.repositoryKey()
        let reset = LearnerReset(learner: record, code: code ?? self.code) { claim in
            try LearnerResetStatement.sign(learner: claim.learner, generation: claim.generation, holderDID: claim.holderDID, atMs: nowMs, key: repositoryKey)
        }
        return try fx.store.resetLearner(reset, device: device, nowMs: nowMs)
    }

    @Test func aCodeResetsThePINAndKeyOnceAndTheRepositorySignsTheNewDID() throws {
        let fx = try fixture()
        #expect(try fx.store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
        let newKey = SigningKey.generate()
        // The code is read as typed: lowercase, spaces, L for 1.
        guard case .reset(let stored) = try reset(fx, try resetRecord(fx, key: newKey), code: "k7qf 3mzp xd2a 9wrb") else {
            Issue.record("the reset was refused"); return
        }
        #expect(stored.holderKey?.did == newKey.didKey.did && stored.pinHash == "bmV3LWhhc2g" && stored.claim?.generation == 1)
        #expect(try fx.store.learner(id: "ana")?.learner.holderKey?.sealed == "bmV3LXNlYWxlZA", "the new sealed key is served (unwrapped) by a fetch")
        let statement = try #require(stored.reset)
        #expect(LearnerResetStatement.problem(statement, learner: "ana", generation: 1, holderDID: newKey.didKey.did,
                                              pinned: try fx.keyring.repositoryKey().didKey.did, successions: []) == nil)
        // The device that reset holds the learner now: its pull gets the new claim and statement.
        let pull = try fx.store.pull(PullRequest(replica: HubFixtures.pcB, limit: 100, partitions: [.init(learner: "ana", since: 0, claim: 0)]), device: "pc-b")
        #expect(pull.partitions.first?.claimed?.reset == statement)
        // Once only, even with another new key.
        #expect(try reset(fx, try resetRecord(fx, key: SigningKey.generate(), generation: 2)) == .codeRefused)
        #expect(try fx.store.learner(id: "ana")?.learner.holderKey?.did == newKey.didKey.did)
        let kinds = try fx.store.auditLog().entries.map(\.kind)
        #expect(kinds.contains("pin_reset_code") && kinds.contains("pin_reset") && kinds.contains("pin_reset_refused"))
        #expect(try fx.store.auditLog().entries.allSatisfy { !$0.detail.contains("K7QF") }, "never the code")
    }

    @Test func anExpiredCodeAnotherLearnersCodeAndAnOlderReplacedCodeChangeNothing() throws {
        let fx = try fixture()
        try fx.store.push(fx.push(learner: fx.learner("ben"), statements: []), device: "pc-a")
        #expect(try !fx.store.addResetCode(code, learnerID: "nobody", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 1_000))
        #expect(try fx.store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 1_000))
        #expect(try reset(fx, try resetRecord(fx, key: SigningKey.generate()), at: Self.now + 2_000) == .codeRefused, "expired")
        // Ana's code does not reset Ben (who has none), nor once Ben has his own.
        #expect(try reset(fx, try resetRecord(fx, id: "ben", key: SigningKey.generate(), generation: 0)) == .codeRefused)
        #expect(try fx.store.addResetCode("AAAA-BBBB-CCCC-DDDD", learnerID: "ben", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
        #expect(try reset(fx, try resetRecord(fx, id: "ben", key: SigningKey.generate(), generation: 0)) == .codeRefused)
        // A newer code replaces the older one.
        #expect(try fx.store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
        #expect(try fx.store.addResetCode("ZZZZ-YYYY-XXXX-WWWW", learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
        #expect(try reset(fx, try resetRecord(fx, key: SigningKey.generate())) == .codeRefused)
        #expect(try fx.store.learner(id: "ana")?.learner.holderKey?.did == fx.holders["ana"]?.didKey.did, "nothing changed")
        #expect(try fx.store.learner(id: "ana")?.learner.pinHash == "aGFzaA")
        guard case .reset = try reset(fx, try resetRecord(fx, key: SigningKey.generate()), code: "ZZZZ-YYYY-XXXX-WWWW") else {
            Issue.record("the newer code was refused"); return
        }
    }

    @Test func guessedCodesLockTheLearnerSoARightCodeWaitsToo() throws {
        let fx = try fixture()
        #expect(try fx.store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
        var outcomes: [LearnerResetOutcome] = []
        for guess in 0..<LoginThrottle.freeAttempts {
            outcomes.append(try reset(fx, try resetRecord(fx, key: SigningKey.generate()), code: "GUES-S000-0000-000\(guess)"))
        }
        #expect(outcomes.dropLast().allSatisfy { $0 == .codeRefused })
        guard case .locked(let until) = outcomes.last else { Issue.record("no lock after \(LoginThrottle.freeAttempts) wrong codes: \(outcomes)"); return }
        #expect(until > Self.now)
        guard case .locked = try reset(fx, try resetRecord(fx, key: SigningKey.generate())) else { Issue.record("the right code was checked while locked"); return }
        guard case .reset = try reset(fx, try resetRecord(fx, key: SigningKey.generate()), at: until + 1) else { Issue.record("refused after the lock"); return }
    }

    @Test func aRightCodeWithAClaimOfTheWrongGenerationOrSignerIsRefusedAndTheCodeStays() throws {
        let fx = try fixture()
        #expect(try fx.store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
        let newKey = SigningKey.generate()
        guard case .claimRefused(let why) = try reset(fx, try resetRecord(fx, key: newKey, generation: 5)) else { Issue.record("generation 5 taken"); return }
        #expect(why.contains("generation"), "\(why)")
        // Signed by another key than the one it names.
        var forged = try resetRecord(fx, key: newKey)
        forged.claim = try #require(forged.claim).signed { try SigningKey.generate().signature(for: $0) }
        guard case .claimRefused = try reset(fx, forged) else { Issue.record("a forged claim was taken"); return }
        guard case .reset = try reset(fx, try resetRecord(fx, key: newKey)) else { Issue.record("the code was spent by a refused claim"); return }
    }

    @Test func aRepositoryRestoredFromBeforeTheResetTakesTheNewDIDOnlyWithItsOwnStatement() throws {
        let fx = try fixture()
        // The "backup": a second store with the same keys, holding Ana as before the reset.
        let restored = try SQLiteRepositoryStore(directory: try HubFixtures.folder(), durability: .normal, authority: fx.authority)
        try restored.importCatalog(json: try #require(try fx.store.catalog()).json, version: try #require(try fx.store.catalog()).version, nowMs: 1)
        let before = try claimed(fx.learner("ana"), key: try #require(fx.holders["ana"]), generation: 0)
        try restored.push(fx.push(learner: before, statements: fx.passing(fx.selfAssessed)), device: "pc-a")
        #expect(try fx.store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
        let newKey = SigningKey.generate()
        guard case .reset(let after) = try reset(fx, try resetRecord(fx, key: newKey), device: "pc-a") else { Issue.record("refused"); return }
        // A statement signed by another key: the restored repository keeps the old DID.
        var forged = after
        forged.reset = try LearnerResetStatement.sign(learner: "ana", generation: 1, holderDID: newKey.didKey.did, atMs: Self.now, key: SigningKey.generate())
        try restored.push(fx.push(learner: forged, statements: []), device: "pc-a")
        #expect(try restored.learner(id: "ana")?.learner.holderKey?.did == fx.holders["ana"]?.didKey.did)
        // Its own statement: the new DID, PIN hash and claim, and the credential issued again.
        try restored.push(fx.push(learner: after, statements: []), device: "pc-a")
        let now = try #require(try restored.learner(id: "ana")?.learner)
        #expect(now.holderKey?.did == newKey.didKey.did && now.pinHash == after.pinHash && now.claim?.generation == 1 && now.reset == after.reset)
        #expect(try restored.issuedCredentials(learner: "ana").count == 2)
    }

    @Test func credentialsAreIssuedAgainToTheNewDIDAndTheOldOnesStay() throws {
        let fx = try fixture()
        let assessor = SigningKey.generate()
        try fx.store.addAssessor(id: "a-1", name: "Eva Berger", awardingBody: CredentialFixtures.logistik.name, did: assessor.didKey.did, nowMs: 1)
        // A supervised course attested for her first DID before the reset.
        try fx.store.push(fx.push(learner: fx.learner("ana"), statements: try fx.attested(fx.supervised, by: assessor)), device: "pc-a")
        let before = try fx.store.issuedCredentials(learner: "ana")
        #expect(before.count == 2)
        #expect(try fx.store.addResetCode(code, learnerID: "ana", assessor: "Eva Berger", nowMs: Self.now, expiresMs: Self.now + 3_600_000))
        let newKey = SigningKey.generate()
        guard case .reset = try reset(fx, try resetRecord(fx, key: newKey)) else { Issue.record("refused"); return }
        let after = try fx.store.issuedCredentials(learner: "ana")
        #expect(after.count == 4, "both courses again, to the new DID")
        let subjects = try after.map { try MicroCredentialSummary(json: try JSONValue(data: Data($0.json.utf8))).subjectDID }
        #expect(subjects.filter { $0 == newKey.didKey.did }.count == 2)
        #expect(subjects.filter { $0 == fx.holders["ana"]?.didKey.did }.count == 2, "the old ones stay, for the admin to revoke")
        // The new ones reach the PC as records; a later push issues nothing more.
        let records = try #require(try fx.pullAll("ana")).records.filter { $0.key.hasPrefix(RecordKey.credentialPrefix) }
        #expect(records.count == 4)
        try fx.store.push(fx.push(learner: try resetRecord(fx, key: newKey), statements: fx.passing(fx.selfAssessed), replica: HubFixtures.pcB), device: "pc-b")
        #expect(try fx.store.issuedCredentials(learner: "ana").count == 4)
    }
}
