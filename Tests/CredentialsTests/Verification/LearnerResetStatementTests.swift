import Credentials
import Foundation
import Testing
import Basics

/// The repository's signed word for a learner's new holder DID after a PIN reset: believed only
/// for the learner, generation and DID it names, and only when signed by the pinned repository
/// key or a key it handed over to.
@Suite("Learner reset statement")
struct LearnerResetStatementTests {
    let repository = SigningKey.generate()
    let learner = "8c1d2e3f-0a1b-8c2d-9e3f-405162738495"
    let newDID = SigningKey.generate().didKey.did

    func statement(key: SigningKey? = nil, generation: Int64 = 3) throws -> JSONValue {
        try LearnerResetStatement.sign(learner: learner, generation: generation, holderDID: newDID, atMs: 1_795_000_000_000, key: key ?? repository)
    }

    func problem(_ statement: JSONValue, generation: Int64 = 3, holderDID: String? = nil, learnerID: String? = nil,
                 pinned: String? = nil, successions: [JSONValue] = []) -> String? {
        LearnerResetStatement.problem(statement, learner: learnerID ?? learner, generation: generation, holderDID: holderDID ?? newDID,
                                      pinned: pinned ?? repository.didKey.did, successions: successions)
    }

    @Test func aStatementSignedByThePinnedKeyVouchesForExactlyItsLearnerGenerationAndDID() throws {
        let signed = try statement()
        #expect(problem(signed) == nil)
        #expect(problem(signed, generation: 4) != nil, "another generation")
        #expect(problem(signed, holderDID: SigningKey.generate().didKey.did) != nil, "another DID")
        #expect(problem(signed, learnerID: "0e2c5a4e-9f7b-4d1e-8c3a-6b2d9e0f1a2b") != nil, "another learner")
    }

    @Test func anAlteredStatementIsRefused() throws {
        guard case .object(var fields) = try statement() else { Issue.record("not an object"); return }
        let other = SigningKey.generate().didKey.did
        fields["holderDID"] = .string(other)
        let why = try #require(problem(.object(fields), holderDID: other))
        #expect(why.contains("no valid proof"), "\(why)")
        fields["holderDID"] = .string(newDID)
        fields["generation"] = .number(4)
        #expect(problem(.object(fields), generation: 4) != nil)
    }

    @Test func aStatementSignedByAnotherKeyIsRefusedUnlessThePinnedKeyHandedOverToIt() throws {
        let rogue = SigningKey.generate()
        let why = try #require(problem(try statement(key: rogue)))
        #expect(why.contains("not signed by the repository key"), "\(why)")
        // An honest rotation: the pinned key handed over to the next, which signs the statement.
        let next = SigningKey.generate()
        let succession = try TrustAnchorSuccession.sign(previous: repository, next: next.didKey, at: Date(timeIntervalSince1970: 1_790_000_000))
        #expect(problem(try statement(key: next), successions: [succession]) == nil)
        // A hand-over signed by the rogue key itself leads nowhere.
        let forged = try TrustAnchorSuccession.sign(previous: rogue, next: rogue.didKey, at: Date(timeIntervalSince1970: 1_790_000_000))
        #expect(problem(try statement(key: rogue), successions: [forged]) != nil)
    }
}
