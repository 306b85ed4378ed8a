import Foundation
import Testing
import TestSupport
import Basics
@testable import WalletCore

/// Random statement sequences through the rules, several sessions of one registration in a row:
/// whatever the content sends, what is accepted keeps cmi5's laws.
@Suite("cmi5 session rules, random sequences")
struct Cmi5SessionRulesPropertyTests {
    @Test(arguments: 0..<300)
    func lawsHoldForRandomSequences(seed: Int) {
        var random = SplitMix(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        var launch = Cmi5Samples.launch()
        var completed = 0, passed = 0, failedAfterPassed = false
        var registration = (completed: false, passed: false)
        for _ in 0..<random.int(1...3) {
            launch.sessionID = UUID().uuidString.lowercased()
            var state = Cmi5SessionState(completedInRegistration: registration.completed, passedInRegistration: registration.passed)
            var accepted: [JSONValue] = []
            for _ in 0..<random.int(0...12) {
                let statement = Self.randomStatement(&random, launch: launch)
                guard case .success(let next) = Cmi5SessionRules.accept(statement, launch: launch, state: state) else { continue }
                #expect(!state.terminated, "nothing is accepted after terminated")
                #expect(statement["context"]?["extensions"]?[Cmi5.Extension.sessionID]?.stringValue == launch.sessionID,
                        "every accepted statement carries the session id")
                #expect(AgentIdentity.key(of: statement["actor"] ?? .null) == AgentIdentity.key(of: launch.actor))
                let verb = statement["verb"]?["id"]?.stringValue ?? ""
                if Cmi5SessionRules.isCmi5Defined(statement) {
                    if accepted.isEmpty { #expect(verb == Cmi5.Verb.initialized, "the first accepted statement is initialized") }
                    #expect(Cmi5.Verb.au.contains(verb))
                    if verb == Cmi5.Verb.completed { completed += 1 }
                    if verb == Cmi5.Verb.passed { passed += 1 }
                    if verb == Cmi5.Verb.failed && (passed > 0 || state.passedInRegistration) { failedAfterPassed = true }
                    if verb == Cmi5.Verb.passed, let scaled = statement["result"]?["score"]?["scaled"]?.doubleValue {
                        #expect(scaled >= launch.unit.masteryScore ?? 0)
                    }
                } else {
                    #expect(state.initialized, "cmi5 allowed statements come after initialized")
                }
                accepted.append(statement)
                state = next
            }
            registration = (state.completedInRegistration, state.passedInRegistration)
        }
        #expect(completed <= 1, "at most one completed per registration")
        #expect(passed <= 1, "at most one passed per registration")
        #expect(!failedAfterPassed, "no failed after passed")
    }

    /// The sequences are not vacuous: across the seeds, every AU verb and cmi5 allowed
    /// statements are accepted somewhere, and some statements are refused.
    @Test func theSequencesReachEveryVerb() {
        var accepted = Set<String>(), refused = 0
        for seed in 0..<300 {
            var random = SplitMix(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
            let launch = Cmi5Samples.launch()
            var state = Cmi5SessionState()
            for _ in 0..<12 {
                let statement = Self.randomStatement(&random, launch: launch)
                switch Cmi5SessionRules.accept(statement, launch: launch, state: state) {
                case .success(let next):
                    state = next
                    accepted.insert(Cmi5SessionRules.isCmi5Defined(statement) ? statement["verb"]?["id"]?.stringValue ?? "" : "allowed")
                case .failure: refused += 1
                }
            }
        }
        #expect(accepted == Cmi5.Verb.au.union(["allowed"]) && refused > 0, "\(accepted.sorted())")
    }

    static func randomStatement(_ random: inout SplitMix, launch: Cmi5Launch) -> JSONValue {
        let verbs = [Cmi5.Verb.initialized, Cmi5.Verb.completed, Cmi5.Verb.passed, Cmi5.Verb.failed, Cmi5.Verb.terminated, Cmi5.Verb.satisfied]
        var statement = random.chance(0.2) ? Cmi5Samples.allowed(launch)
            : Cmi5Samples.defined(random.pick(verbs), launch, scaled: random.chance(0.5) ? Double(random.int(0...10)) / 10 : nil)
        guard case .object(var fields) = statement else { return statement }
        if random.chance(0.08) { fields["actor"] = ["mbox": "mailto:someone@example.org"] }
        if random.chance(0.08), case .object(var context)? = fields["context"] {
            context["extensions"] = [Cmi5.Extension.sessionID: .string(UUID().uuidString)]
            fields["context"] = .object(context)
        }
        if random.chance(0.05) { fields["result"] = nil }
        statement = .object(fields)
        return statement
    }
}
