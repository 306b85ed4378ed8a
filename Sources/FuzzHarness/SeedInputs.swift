import Basics
import SyncEngine

/// Seeds the program writes itself (`wallet-fuzz seeds DIR`), for the targets whose inputs are
/// messages this package makes: one of each sync message, as the real encoders write them, and
/// statements of the shapes walletd takes. The committed corpus (Tests/Fuzz/corpus) holds these
/// plus seeds taken from the test fixtures; its PROVENANCE.md says which is which.
public enum SeedInputs {
    /// Signed credential and form seeds take a few signatures to make: the replay suite reads the
    /// committed copies (`Tests/Fuzz/corpus`) instead (`includingSigned: false`).
    public static func generated(for target: FuzzTarget, includingSigned: Bool = true) -> [(name: String, bytes: [UInt8])] {
        switch target {
        case .wire: wireMessages()
        case .statement, .pushPull: statements.map { ($0.name, Array($0.json.utf8)) }
        case .json: [("statement-batch", Array("[\(statements[0].json),\(statements[1].json)]".utf8))]
            + wireMessages().prefix(3)
        case .form: (includingSigned ? CredentialSeeds.formSeeds() : []) + [
            ("verify-form", Array("document=%7B%22type%22%3A%22LearnerWalletExport%22%7D&challenge=job-4711&domain=jobs.example".utf8)),
            ("verify-form-page", Array("document=%3Chtml%3E%3Cscript+type%3D%22application%2Fjson%22+id%3D%22wallet-export%22%3E%7B%7D%3C%2Fscript%3E".utf8)),
        ]
        case .credential: includingSigned ? CredentialSeeds.credentialSeeds() : []
        // The sample package's cmi5.xml and zip are committed seeds (Tests/Fuzz/corpus/cmi5, zip).
        case .cmi5, .zip: []
        }
    }

    static let statements: [(name: String, json: String)] = [
        ("completed", #"{"actor":{"objectType":"Agent","name":"Ana","mbox":"mailto:ana@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed","display":{"en-US":"completed"}},"object":{"objectType":"Activity","id":"https://catalog.vet-centre.example/courses/forklift-safety","definition":{"name":{"de-AT":"Stapler"},"type":"http://adlnet.gov/expapi/activities/course"}},"result":{"success":true,"completion":true,"score":{"scaled":0.92,"raw":92,"min":0,"max":100},"duration":"PT1H30M"},"timestamp":"2026-11-18T09:00:00.000Z"}"#),
        ("with-id-context", #"{"id":"6F1C1D2E-0000-4000-8000-0000000000AA","actor":{"account":{"homePage":"https://wallet.example","name":"ana"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/answered"},"object":{"id":"https://catalog.vet-centre.example/q/1","definition":{"interactionType":"choice","correctResponsesPattern":["a"],"choices":[{"id":"a","description":{"en":"A"}}]}},"result":{"response":"a","extensions":{"https://x.example/e":{"deep":[1,2,{"k":null}]}}},"context":{"registration":"6f1c1d2e-0000-4000-8000-0000000000bb","language":"de-AT","platform":"centre","contextActivities":{"parent":[{"id":"https://catalog.vet-centre.example/courses/forklift-safety"}]},"extensions":{"https://x.example/n":1e21}}}"#),
        ("substatement", #"{"actor":{"mbox_sha1sum":"ebd31e95054c018b10727ccffd2ef2ec3a016ee9"},"verb":{"id":"http://example.org/verbs/planned"},"object":{"objectType":"SubStatement","actor":{"objectType":"Group","member":[{"mbox":"mailto:a@example.org"}]},"verb":{"id":"http://example.org/verbs/visited"},"object":{"objectType":"StatementRef","id":"6f1c1d2e-0000-4000-8000-0000000000cc"}},"attachments":[{"usageType":"http://example.org/att","display":{"en":"cert"},"contentType":"application/pdf","length":10,"sha2":"495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a","fileUrl":"https://example.org/c.pdf"}]}"#),
        ("voiding", #"{"actor":{"openid":"https://openid.example/ana"},"verb":{"id":"http://adlnet.gov/expapi/verbs/voided","display":{"en-US":"voided"}},"object":{"objectType":"StatementRef","id":"6f1c1d2e-0000-4000-8000-0000000000cc"}}"#),
    ]

    static func wireMessages() -> [(name: String, bytes: [UInt8])] {
        let me = ReplicaID("pc-lab-2")
        let learner = WireLearner(id: "ana", name: "Ana Sousa", pinSalt: "c2FsdA", pinHash: "aGFzaA", pinCost: .standard, createdMs: 1_764_000_000_000,
                                  holderKey: WireHolderKey(did: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", sealed: "c2VhbGVk", salt: "c2FsdA", cost: .standard))
        let stored = StatementAcceptance.storedForm(statements[0].json)
        let wire = stored.map { [WireStatement(id: $0.id, json: $0.json)] } ?? []
        let record = WireRecord(key: "profile/email", state: RegisterState().writing("ana@example.org", by: me, seen: VersionVector()))
        let witness = HubWitness.sealed(epoch: "e1", seq: 41, mark: "m", key: HubWitnessKey(bytes: Array(repeating: 7, count: 32)))
        var push = PushRequest(replica: me, learner: learner, statements: wire, records: [record])
        push.witness = witness
        let pull = PullRequest(replica: me, limit: 1_000, partitions: [.init(learner: "ana", since: 0), .init(learner: "ben", since: 12)], witness: witness)
        let pullAnswer = PullResponse(catalogVersion: "v3", partitions: [
            .init(learner: "ana", statements: wire, records: [record], next: 3, more: true),
            .init(learner: "ben", statements: [], records: [], next: 12, more: false, refusal: .learnerNotHeld("ben")),
        ], hub: witness)
        // A learner with a signed claim: as walletd pushes every new learner, and as a pull
        // brings a PIN changed on another PC.
        let claimed = ClaimedLearner.make(name: "Ana Sousa", generation: 1)
        let claimPush = PushRequest(replica: me, learner: claimed, statements: wire, records: [])
        let claimPull = PullRequest(replica: me, limit: 1_000, partitions: [.init(learner: claimed.id, since: 3, claim: 0), .init(learner: "ben", since: 12, claim: -1)])
        let claimAnswer = PullResponse(catalogVersion: "v3", partitions: [
            .init(learner: claimed.id, statements: [], records: [], next: 3, more: false, claimed: claimed),
        ], hub: witness)
        let pushAnswer = PushResponse(batch: push.batch, accepted: 1, duplicates: 0, conflicts: [], recordsMerged: 1, replayed: false, hub: witness)
        // A PIN reset: the new record with its claim, and the answer carrying the repository's
        // reset statement (its proof is opaque to the wire).
        var reset = claimed
        reset.reset = ["type": "LearnerPINReset", "learner": .string(claimed.id), "generation": 1, "holderDID": .string(claimed.holderKey?.did ?? ""),
                       "atMs": 1_764_000_000_000, "proof": [["type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "proofValue": "z3abc"]]]
        return [
            ("push-request", push.body()),
            ("pull-request", pull.body()),
            ("pull-response", pullAnswer.body()),
            ("push-response", pushAnswer.json.canonicalData()),
            ("push-request-claim", claimPush.body()),
            ("pull-request-claim", claimPull.body()),
            ("pull-response-claimed", claimAnswer.body()),
            ("device-enrolment-request", DeviceEnrolmentRequest(code: "K7QF-3MZP-XD2A-9WLB", replica: me, name: "pc-lab-2", previousToken: "tok").body()),
            ("device-copy-request", DeviceCopyRequest(replica: me, name: "pc-lab-3", token: "tok").body()),
            ("device-token-rotation-request", DeviceTokenRotationRequest(token: "Wm9uZS1vZi10aGUtdG9rZW5zLXByb3Bvc2VkLWJ5LWEtUEM").body()),
            ("device-token-rotation-response", DeviceTokenRotationResponse(device: "d1").json.canonicalData()),
            ("device-enrolment-response", DeviceEnrolmentResponse(device: "d1", token: "tok", repository: ReplicaID("repo-1")).json.canonicalData()),
            ("learner-fetch-request", LearnerFetchRequest(learner: "ana", pin: "1234").body()),
            ("learner-fetch-response", LearnerFetchResponse(learner: learner).json.canonicalData()),
            ("learner-reset-request", LearnerResetRequest(learner: claimed.id, code: "K7QF-3MZP-XD2A-9WRB", record: claimed).body()),
            ("learner-reset-response", LearnerFetchResponse(learner: reset).json.canonicalData()),
            ("audit-anchor-request", AuditAnchorRequest(head: AuditAnchor(seq: 57, hash: String(repeating: "9f", count: 32)),
                                                         since: AuditAnchor(seq: 41, hash: String(repeating: "0a", count: 32))).body()),
            ("audit-anchor-response", AuditAnchorResponse(anchor: AuditAnchor(seq: 57, hash: String(repeating: "9f", count: 32), atMs: 1_760_000_000_000),
                                                          broken: false).json.canonicalData()),
            ("catalog-envelope", CatalogEnvelope(version: "v3", catalog: ["courses": [["id": "https://catalog.vet-centre.example/courses/forklift-safety"]]]).json.canonicalData()),
        ]
    }
}
