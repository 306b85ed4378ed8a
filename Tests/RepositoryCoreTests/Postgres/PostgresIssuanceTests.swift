import Credentials
import Foundation
import Testing
import Basics
import SecurityPrimitives
@testable import RepositoryCore
@testable import SyncEngine

/// `CredentialIssuanceTests` on the PostgreSQL store, and what only several instances on one
/// database can show: a course issued once per learner however many pushes race, status slots
/// unique across instances.
@Suite("PostgreSQL: issuance and the credential admin")
struct PostgresIssuanceTests {
    @Test("a self-assessed course completed in a push is issued once, as a record of the learner with the push's numbers")
    func selfAssessedIssuedOnce() async throws {
        try await PostgresCredentialFixtures.with(label: "once") { fx in
            let statements = fx.passing(fx.selfAssessed)
            _ = try await fx.store.push(fx.push(learner: fx.learner("ana"), statements: [statements[0]]), device: "pc-a")
            #expect(try await fx.store.issuedCredentials(learner: "ana").isEmpty)
            let push = fx.push(learner: fx.learner("ana"), statements: [statements[1]])
            _ = try await fx.store.push(push, device: "pc-a")
            let issued = try await fx.store.issuedCredentials(learner: "ana")
            try #require(issued.count == 1)
            let record = issued[0]
            #expect(record.courseID == fx.selfAssessed.id && record.status == .valid && record.awardingBody == "gastro-akademie-rheinland")
            #expect(try fx.credentialRecordKeys("ana") == [RecordKey.credentialPrefix + record.id])
            // The same sync's pull, through another instance, brings it.
            let partition = try #require(try await fx.pullAll("ana", from: try await fx.another()))
            let credentialRecord = try #require(partition.records.first { $0.key == RecordKey.credentialPrefix + record.id })
            let credential = try #require(credentialRecord.state.values.first)
            let bodyKey = try fx.keyring.issuerKey(slug: "gastro-akademie-rheinland")
            #expect(DataIntegrity.verify(credential, purpose: .assertionMethod) == .valid(signer: bodyKey.didKey))
            let summary = try MicroCredentialSummary(json: credential)
            #expect(summary.subjectDID == fx.holders["ana"]?.didKey.did && summary.learnerID == "ana")
            #expect(summary.status?.index == record.statusIndex && credential.encodedString == record.json)
            // Two statements, then the credential record: the push's head covers it.
            #expect(try fx.count("SELECT max(hub_seq) FROM hub_record WHERE learner_id = 'ana'")
                    > fx.count("SELECT max(hub_seq) FROM hub_statement WHERE learner_id = 'ana'"))
            #expect(try fx.count("SELECT max(seq) FROM hub_head") == fx.count("SELECT max(hub_seq) FROM hub_record"))
            let stats = try await fx.store.stats()
            #expect(stats.changeSequence == 3 && stats.records == 1 && stats.recordVersions == 1, "two statements, then the credential record")
            #expect(try fx.count("SELECT count(*) FROM audit_log WHERE kind = 'credential_issue'") == 1)
            #expect(try await fx.store.statusList(slug: "gastro-akademie-rheinland")?.version == 2, "a row made at 1, one slot taken")
            #expect(try await fx.store.statusList(slug: "berufsbildungszentrum-logistik-steiermark")?.version == 0, "no list row left behind")

            // Replayed, resent, completed again: still one.
            let replay = try await fx.store.push(push, device: "pc-a")
            #expect(replay.replayed)
            _ = try await fx.store.push(fx.push(learner: fx.learner("ana"), statements: fx.passing(fx.selfAssessed)), device: "pc-a")
            #expect(try await fx.store.issuedCredentials(learner: "ana").count == 1)
            #expect(try fx.credentialRecordKeys("ana").count == 1)
            #expect(fx.events.all.filter { if case .issued = $0 { true } else { false } }.count == 1)
        }
    }

    @Test("pushes of one learner racing on two instances issue each course once")
    func racingPushesIssueOnce() async throws {
        try await PostgresCredentialFixtures.with(label: "race") { fx in
            let other = try await fx.another()
            let assessor = SigningKey.generate()
            try await fx.store.addAssessor(id: "a-1", name: "Eva Berger", awardingBody: CredentialFixtures.logistik.name, did: assessor.didKey.did, nowMs: 1)
            let ana = fx.learner("ana")
            // The learner exists first, so every racer is a push of a known learner.
            _ = try await fx.store.push(fx.push(learner: ana, statements: []), device: "pc-a")
            // Each push completes both courses with statements of its own.
            let pushes = try (0..<24).map { _ in
                fx.push(learner: ana, statements: fx.passing(fx.selfAssessed) + (try fx.attested(fx.supervised, by: assessor)))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (n, push) in pushes.enumerated() {
                    let store = n.isMultiple(of: 2) ? fx.store : other
                    group.addTask { _ = try await store.push(push, device: "pc-a") }
                }
                try await group.waitForAll()
            }
            let issued = try await fx.store.issuedCredentials(learner: "ana")
            #expect(issued.map(\.courseID).sorted() == [fx.selfAssessed.id, fx.supervised.id].sorted(), "\(issued.map(\.courseID))")
            #expect(try fx.credentialRecordKeys("ana").count == 2)
            #expect(try fx.count("SELECT count(*) FROM audit_log WHERE kind = 'credential_issue'") == 2)
            #expect(try fx.count("SELECT count(*) FROM hub_statement WHERE learner_id = 'ana'") == 24 * 4)
            #expect(!fx.events.all.contains { if case .failed = $0 { true } else { false } }, "\(fx.events.all)")
            #expect(try await fx.store.auditLog().firstBroken == nil)
        }
    }

    @Test("status slots are unique across instances: many learners completing one body's course at once")
    func slotsUniqueAcrossInstances() async throws {
        try await PostgresCredentialFixtures.with(label: "slots") { fx in
            let other = try await fx.another()
            let third = try await fx.another()
            let stores = [fx.store, other, third]
            let learners = (0..<18).map { "learner-\($0)" }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (n, id) in learners.enumerated() {
                    let push = fx.push(learner: fx.learner(id), statements: fx.passing(fx.selfAssessed, learner: id))
                    let store = stores[n % stores.count]
                    group.addTask { _ = try await store.push(push, device: "pc-a") }
                }
                try await group.waitForAll()
            }
            let issued = try await fx.store.issuedCredentials(learner: nil)
            #expect(issued.count == learners.count)
            #expect(Set(issued.map(\.statusIndex)).count == learners.count, "one slot each")
            #expect(Set(issued.map(\.statusIndex)) == Set((0..<learners.count).map(CredentialIssuer.index(ofSlot:))), "slots 0..<n, none skipped")
            #expect(try fx.database.psql("SELECT next_slot || ' ' || version FROM status_list WHERE awarding_body = 'gastro-akademie-rheinland'")
                    == "\(learners.count) \(learners.count + 1)")
            #expect(try await other.statusList(slug: "gastro-akademie-rheinland")?.version == learners.count + 1)
        }
    }

    @Test("a failed issuance is undone and reported, and the push still applies")
    func failedIssuanceLeavesThePush() async throws {
        try await PostgresCredentialFixtures.with(label: "failed") { fx in
            let assessor = SigningKey.generate()
            try await fx.store.addAssessor(id: "a-1", name: "Eva Berger", awardingBody: CredentialFixtures.logistik.name, did: assessor.didKey.did, nowMs: 1)
            _ = try fx.keyring.issuerKey(slug: "gastro-akademie-rheinland")
            #expect(FileManager.default.createFile(atPath: fx.folder + "/keys/issuers/berufsbildungszentrum-logistik-steiermark.key",
                                                   contents: Data("damaged".utf8)))
            let statements = fx.passing(fx.selfAssessed) + (try fx.attested(fx.supervised, by: assessor))
            let records = [HubFixtures.record("profile/email", "ana@example.org", by: HubFixtures.pcA)]
            let answer = try await fx.store.push(fx.push(learner: fx.learner("ana"), statements: statements, records: records), device: "pc-a")
            #expect(answer.accepted == 4 && answer.recordsMerged == 1 && !answer.replayed)
            #expect(try await fx.store.issuedCredentials(learner: nil).isEmpty, "both undone: issuance is one savepoint")
            #expect(try fx.count("SELECT count(*) FROM hub_statement") == 4 && fx.count("SELECT count(*) FROM hub_record") == 1)
            #expect(try fx.count("SELECT count(*) FROM hub_record_history") == 1)
            #expect(try fx.count("SELECT max(seq) FROM hub_head") == fx.count("SELECT max(hub_seq) FROM hub_record"), "the head is the push's own")
            #expect(try await fx.store.statusList(slug: "gastro-akademie-rheinland")?.version == 0, "no slot taken")
            #expect(try fx.count("SELECT count(*) FROM audit_log WHERE kind = 'credential_issue'") == 0)
            #expect(fx.events.all.contains { if case .failed(let learner, _) = $0 { learner == "ana" } else { false } })
        }
    }

    @Test("a credential the constraint refuses does not lose the push: the issuance is undone and reported")
    func constraintViolationKeepsThePush() async throws {
        try await PostgresCredentialFixtures.with(label: "violation") { fx in
            // A row written behind the store's back takes the slot the next issuance will take.
            let index = CredentialIssuer.index(ofSlot: 0)
            try fx.database.psql("""
                INSERT INTO issued_credential (id, learner_id, course_id, awarding_body, status_index, issued_ms, json)
                VALUES ('urn:uuid:intruder', 'someone', 'x', 'gastro-akademie-rheinland', \(index), 1, '')
                """)
            let answer = try await fx.store.push(fx.push(learner: fx.learner("ana"), statements: fx.passing(fx.selfAssessed)), device: "pc-a")
            #expect(answer.accepted == 2)
            #expect(try await fx.store.issuedCredentials(learner: "ana").isEmpty)
            #expect(try fx.count("SELECT count(*) FROM hub_statement WHERE learner_id = 'ana'") == 2)
            #expect(try fx.credentialRecordKeys("ana").isEmpty)
            let failure = fx.events.all.compactMap { if case .failed(_, let reason) = $0 { reason } else { nil } }.first
            #expect(failure?.contains("23505") == true && failure?.contains("issued_credential_awarding_body_status_index_key") == true,
                    "\(failure ?? "no failure")")
        }
    }

    @Test("without a holder DID nothing is issued; the push that brings the key issues")
    func holderKeyLater() async throws {
        try await PostgresCredentialFixtures.with(label: "later") { fx in
            _ = try await fx.store.push(fx.push(learner: fx.learner("ana", withHolderKey: false), statements: fx.passing(fx.selfAssessed)), device: "pc-a")
            #expect(try await fx.store.issuedCredentials(learner: nil).isEmpty)
            _ = try await fx.store.push(fx.push(learner: fx.learner("ana"), statements: []), device: "pc-a")
            #expect(try await fx.store.issuedCredentials(learner: "ana").count == 1)
        }
    }

    @Test("revoke, suspend and reinstate show in the signed status list on every instance; revocation is final")
    func statusChanges() async throws {
        try await PostgresCredentialFixtures.with(label: "status") { fx in
            let other = try await fx.another()
            _ = try await fx.store.push(fx.push(learner: fx.learner("ana"), statements: fx.passing(fx.selfAssessed)), device: "pc-a")
            _ = try await other.push(fx.push(learner: fx.learner("ben"), statements: fx.passing(fx.selfAssessed, learner: "ben")), device: "pc-b")
            let ana = try #require(try await fx.store.issuedCredentials(learner: "ana").first)
            let ben = try #require(try await fx.store.issuedCredentials(learner: "ben").first)
            #expect(ana.statusIndex != ben.statusIndex)
            let slug = "gastro-akademie-rheinland"
            let bodyKey = try fx.keyring.issuerKey(slug: slug)
            let otherPublisher = CredentialPublisher(store: other, authority: fx.authority)

            func bits(_ publisher: CredentialPublisher) async throws -> (ana: CredentialStatusValue?, ben: CredentialStatusValue?) {
                let list = try #require(await publisher.statusList(slug: slug))
                #expect(DataIntegrity.verify(list, purpose: .assertionMethod) == .valid(signer: bodyKey.didKey))
                let content = try StatusListCredential.read(list)
                return (content.bitstring.status(at: ana.statusIndex), content.bitstring.status(at: ben.statusIndex))
            }
            let first = try await bits(fx.publisher)
            #expect(first.ana == .valid && first.ben == .valid)
            let version = try #require(try await fx.store.statusList(slug: slug)?.version)

            _ = try await fx.store.setCredentialStatus(id: ana.id, to: .suspended, nowMs: 2)
            #expect(try await bits(otherPublisher).ana == .suspended, "changed on one instance, served by the other")
            #expect(try await other.statusList(slug: slug)?.version == version + 1)
            _ = try await other.setCredentialStatus(id: ana.id, to: .valid, nowMs: 3)
            #expect(try await bits(fx.publisher).ana == .valid)
            let unchanged = try await fx.store.setCredentialStatus(id: ana.id, to: .valid, nowMs: 3)
            let versionNow = try await fx.store.statusList(slug: slug)?.version
            #expect(unchanged.status == .valid && versionNow == version + 2, "no change, no new version")
            _ = try await fx.store.setCredentialStatus(id: ben.id, to: .revoked, nowMs: 4)
            let after = try await bits(otherPublisher)
            #expect(after.ben == .revoked && after.ana == .valid)
            await #expect(throws: CredentialAdminError.self) { try await other.setCredentialStatus(id: ben.id, to: .valid, nowMs: 5) }
            await #expect(throws: CredentialAdminError.self) { try await fx.store.setCredentialStatus(id: ben.id, to: .suspended, nowMs: 5) }
            await #expect(throws: CredentialAdminError.self) { try await fx.store.setCredentialStatus(id: "urn:uuid:nope", to: .revoked, nowMs: 5) }
            #expect(try await fx.store.issuedCredential(id: ben.id)?.status == .revoked)
            #expect(try await fx.publisher.statusList(slug: "no-such-body") == nil)
            #expect(try await fx.store.statusList(slug: "berufsbildungszentrum-logistik-steiermark") == StatusListState(
                slug: "berufsbildungszentrum-logistik-steiermark", version: 0, entries: [:]), "a catalog body with nothing issued")
            let kinds = try await fx.store.auditLog().entries.map(\.kind)
            #expect(kinds.filter { $0 == "credential_status" }.count == 3)
            // Newest first, then by id in byte order, as the SQLite store lists them.
            let expected: [IssuedCredentialRecord] = [ana, ben].sorted { (a: IssuedCredentialRecord, b: IssuedCredentialRecord) -> Bool in
                a.issuedMs == b.issuedMs ? a.id < b.id : a.issuedMs > b.issuedMs
            }
            let listed: [String] = try await fx.store.issuedCredentials(learner: nil).map(\.id)
            #expect(listed == expected.map(\.id))
        }
    }

    @Test("one credential revoked by many admins on two instances at once: revoked once, one entry, one new list version")
    func racingRevocations() async throws {
        try await PostgresCredentialFixtures.with(label: "revokes") { fx in
            let other = try await fx.another()
            _ = try await fx.store.push(fx.push(learner: fx.learner("ana"), statements: fx.passing(fx.selfAssessed)), device: "pc-a")
            let ana = try #require(try await fx.store.issuedCredentials(learner: "ana").first)
            let version = try #require(try await fx.store.statusList(slug: ana.awardingBody)?.version)
            try await withThrowingTaskGroup(of: CredentialStatusValue.self) { group in
                for n in 0..<12 {
                    let store = n.isMultiple(of: 2) ? fx.store : other
                    group.addTask { try await store.setCredentialStatus(id: ana.id, to: .revoked, nowMs: 2).status }
                }
                for try await status in group { #expect(status == .revoked) }
            }
            #expect(try await other.statusList(slug: ana.awardingBody)?.version == version + 1)
            #expect(try await fx.store.auditLog().entries.filter { $0.kind == "credential_status" }.count == 1)
        }
    }

    @Test("the trust list names every body and assessor and changes with them on every instance")
    func trustListAndAssessors() async throws {
        try await PostgresCredentialFixtures.with(label: "trust") { fx in
            let other = try await fx.another()
            let otherPublisher = CredentialPublisher(store: other, authority: fx.authority)
            let start = try await fx.store.trustListVersion()
            let first = try TrustListContent(json: try await fx.publisher.trustList())
            #expect(first.awardingBodies.map(\.name) == [CredentialFixtures.gastro.name, CredentialFixtures.logistik.name])
            #expect(first.assessors.isEmpty)
            #expect(try await fx.store.awardingBodies().map(\.slug) == ["gastro-akademie-rheinland", "berufsbildungszentrum-logistik-steiermark"])
            let assessor = SigningKey.generate()
            try await fx.store.addAssessor(id: "a-1", name: " Eva Berger ", awardingBody: CredentialFixtures.logistik.name, did: assessor.didKey.did, nowMs: 1)
            let second = try TrustListContent(json: try await otherPublisher.trustList())
            #expect(second.version > first.version)
            #expect(second.assessor(did: assessor.didKey.did)?.awardingBody == first.awardingBody(named: CredentialFixtures.logistik.name)?.did)
            #expect(try await other.assessors() == [AssessorRecord(id: "a-1", name: "Eva Berger", awardingBody: CredentialFixtures.logistik.name,
                                                                  did: assessor.didKey.did, addedMs: 1)])
            #expect(try await other.removeAssessor(id: "a-1"))
            #expect(try await fx.store.removeAssessor(id: "a-1") == false)
            #expect(try await fx.store.trustListVersion() == start + 2, "one for the addition, one for the removal")
            #expect(try TrustListContent(json: try await fx.publisher.trustList()).assessors.isEmpty)
        }
    }

    @Test("assessor registration refuses unknown bodies, bad DIDs and duplicates with the SQLite store's reasons")
    func assessorErrors() async throws {
        try await PostgresCredentialFixtures.with(label: "assessors") { fx in
            let did = SigningKey.generate().didKey.did
            let sqlite = try CredentialFixtures()
            func refusal(_ body: () async throws -> Void) async -> String? {
                do { try await body(); return nil } catch { return "\(error)" }
            }
            let cases: [(String, String, String)] = [("a", "Nobody", did), ("a", CredentialFixtures.gastro.name, "did:web:x.example"), ("", CredentialFixtures.gastro.name, did)]
            for (id, body, key) in cases {
                let pg = await refusal { try await fx.store.addAssessor(id: id, name: "A", awardingBody: body, did: key, nowMs: 1) }
                let lite = await refusal { try sqlite.store.addAssessor(id: id, name: "A", awardingBody: body, did: key, nowMs: 1) }
                #expect(pg != nil && pg == lite, "\(pg ?? "accepted") / \(lite ?? "accepted")")
            }
            try await fx.store.addAssessor(id: "a", name: "A", awardingBody: CredentialFixtures.gastro.name, did: did, nowMs: 1)
            try sqlite.store.addAssessor(id: "a", name: "A", awardingBody: CredentialFixtures.gastro.name, did: did, nowMs: 1)
            let otherDID = SigningKey.generate().didKey.did
            for (id, key) in [("a", otherDID), ("b", did)] {
                let pg = await refusal { try await fx.store.addAssessor(id: id, name: "B", awardingBody: CredentialFixtures.gastro.name, did: key, nowMs: 1) }
                let lite = await refusal { try sqlite.store.addAssessor(id: id, name: "B", awardingBody: CredentialFixtures.gastro.name, did: key, nowMs: 1) }
                #expect(pg != nil && pg == lite, "\(pg ?? "accepted") / \(lite ?? "accepted")")
            }
            #expect(try await fx.store.assessors().map(\.id) == ["a"])
        }
    }
}
