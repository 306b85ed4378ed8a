import Foundation
import Testing
import Basics
@testable import WalletCore

@Suite("cmi5 session rules")
struct Cmi5SessionRulesTests {
    let launch = Cmi5Samples.launch()

    func run(_ statements: [JSONValue], from start: Cmi5SessionState = .init()) -> (state: Cmi5SessionState, refusal: Cmi5Refusal?) {
        var state = start
        for statement in statements {
            switch Cmi5SessionRules.accept(statement, launch: launch, state: state) {
            case .success(let next): state = next
            case .failure(let refusal): return (state, refusal)
            }
        }
        return (state, nil)
    }

    @Test func aWholeSessionIsAccepted() {
        let result = run([Cmi5Samples.defined(Cmi5.Verb.initialized, launch), Cmi5Samples.allowed(launch),
                          Cmi5Samples.defined(Cmi5.Verb.completed, launch), Cmi5Samples.defined(Cmi5.Verb.passed, launch, scaled: 0.9),
                          Cmi5Samples.defined(Cmi5.Verb.terminated, launch)])
        #expect(result.refusal == nil)
        #expect(result.state.terminated && result.state.completedInRegistration && result.state.passedInRegistration)
    }

    @Test func theFirstStatementMustBeInitialized() {
        #expect(run([Cmi5Samples.defined(Cmi5.Verb.completed, launch)]).refusal?.kind == .rule)
        #expect(run([Cmi5Samples.allowed(launch)]).refusal?.kind == .rule)
        #expect(run([Cmi5Samples.defined(Cmi5.Verb.initialized, launch), Cmi5Samples.defined(Cmi5.Verb.initialized, launch)]).refusal?.kind == .rule)
    }

    @Test func nothingAfterTerminated() {
        let ended = run([Cmi5Samples.defined(Cmi5.Verb.initialized, launch), Cmi5Samples.defined(Cmi5.Verb.terminated, launch)]).state
        #expect(run([Cmi5Samples.allowed(launch)], from: ended).refusal?.kind == .forbidden)
        #expect(run([Cmi5Samples.defined(Cmi5.Verb.completed, launch)], from: ended).refusal?.status == 403)
    }

    @Test func passedAndFailedFollowTheMasteryScoreAndTheRegistration() {
        let started = run([Cmi5Samples.defined(Cmi5.Verb.initialized, launch)]).state
        #expect(run([Cmi5Samples.defined(Cmi5.Verb.passed, launch, scaled: 0.5)], from: started).refusal?.message.contains("masteryScore") == true)
        #expect(run([Cmi5Samples.defined(Cmi5.Verb.failed, launch, scaled: 0.9)], from: started).refusal != nil)
        #expect(run([Cmi5Samples.defined(Cmi5.Verb.passed, launch, scaled: 0.8)], from: started).refusal == nil, "at the mastery score passes")
        var passedBefore = started
        passedBefore.passedInRegistration = true
        #expect(run([Cmi5Samples.defined(Cmi5.Verb.passed, launch)], from: passedBefore).refusal != nil, "a second passed in the registration")
        #expect(run([Cmi5Samples.defined(Cmi5.Verb.failed, launch)], from: passedBefore).refusal != nil, "failed after passed")
        var completedBefore = started
        completedBefore.completedInRegistration = true
        #expect(run([Cmi5Samples.defined(Cmi5.Verb.completed, launch)], from: completedBefore).refusal != nil)
        #expect(run([Cmi5Samples.defined(Cmi5.Verb.failed, launch), Cmi5Samples.defined(Cmi5.Verb.passed, launch)], from: started).refusal != nil,
                "one of passed or failed per session")
    }

    @Test func identityAndSessionMustBeTheLaunchs() {
        let started = run([Cmi5Samples.defined(Cmi5.Verb.initialized, launch)]).state
        var other = Cmi5Samples.allowed(launch)
        if case .object(var fields) = other {
            fields["actor"] = ["objectType": "Agent", "account": ["homePage": "https://learner-wallet.invalid/learners", "name": "someone-else"]]
            other = .object(fields)
        }
        #expect(run([other], from: started).refusal?.kind == .forbidden)
        let foreign = Cmi5Samples.allowed(Cmi5Samples.launch())
        #expect(run([foreign], from: started).refusal?.kind == .forbidden, "another launch's session and registration")
        let voiding: JSONValue = ["actor": launch.actor, "verb": ["id": .string(XAPI.Verb.voided)],
                                  "object": ["objectType": "StatementRef", "id": "5e1f0c2a-7b1d-4f6e-9a3c-0d2b4e6f8a10"]]
        #expect(run([voiding], from: started).refusal?.kind == .forbidden)
        #expect(run([Cmi5Samples.defined(Cmi5.Verb.satisfied, launch)], from: started).refusal?.kind == .forbidden, "an LMS verb")
    }

    @Test func resultsAsSection9_5Says() {
        let started = run([Cmi5Samples.defined(Cmi5.Verb.initialized, launch)]).state
        let noDuration = Cmi5Samples.statement(Cmi5.Verb.terminated, launch, categories: [["id": .string(Cmi5.cmi5Category)]], result: nil)
        #expect(run([noDuration], from: started).refusal?.message.contains("duration") == true)
        let noMoveOn = Cmi5Samples.statement(Cmi5.Verb.completed, launch, categories: [["id": .string(Cmi5.cmi5Category)]],
                                             result: ["completion": true, "duration": "PT1S"])
        #expect(run([noMoveOn], from: started).refusal?.message.contains("moveOn") == true)
        let scoredCompletion = Cmi5Samples.statement(Cmi5.Verb.completed, launch,
                                                     categories: [["id": .string(Cmi5.cmi5Category)], ["id": .string(Cmi5.moveOnCategory)]],
                                                     result: ["completion": true, "duration": "PT1S", "score": ["scaled": 1]])
        #expect(run([scoredCompletion], from: started).refusal?.message.contains("score") == true)
    }
}
