import Basics

/// Decides whether a statement sent with a launch's auth token is accepted, from the session's
/// state, and gives the state after it (cmi5 sections 6.3, 7.1 and 9). Pure: the store runs it for
/// each statement of a batch, in order, inside the transaction that stores them.
///
/// - Every statement: the launch's actor (the account), the launch's session id in
///   `context.extensions`, the launch's registration when `context.registration` is given; never
///   a voiding statement (6.3); never after terminated or abandoned.
/// - "cmi5 defined" statements (the cmi5 category): an AU verb only, about the launch's
///   activityId, with the registration; initialized first and once; no verb twice in a session,
///   one of passed/failed; completed and passed at most once per registration, no failed after
///   passed; passed at or above masteryScore and failed below it; `success`, `completion` and
///   `score` only where 9.5 allows them, with the moveOn category where 9.6.2.2 asks for it; a
///   `duration` on completed, passed, failed and terminated (9.5.4.1).
/// - "cmi5 allowed" statements (no cmi5 category): only between initialized and terminated (7.1.3).
///
/// ```swift
/// switch Cmi5SessionRules.accept(statement, launch: launch, state: state) {
/// case .success(let next): state = next
/// case .failure(let refusal): throw refusal   // 400 or 403 with refusal.message
/// }
/// ```
public enum Cmi5SessionRules {
    public static func accept(_ statement: JSONValue, launch: Cmi5Launch, state: Cmi5SessionState) -> Result<Cmi5SessionState, Cmi5Refusal> {
        do {
            return .success(try check(statement, launch: launch, state: state))
        } catch {
            return .failure(error)
        }
    }

    /// Whether the statement carries the cmi5 category (a "cmi5 defined" statement, 7.1.3).
    public static func isCmi5Defined(_ statement: JSONValue) -> Bool {
        let categories = statement["context"]?["contextActivities"]?["category"]
        return (categories?.arrayValue ?? categories.map { [$0] } ?? []).contains { $0["id"]?.stringValue == Cmi5.cmi5Category }
    }

    static func check(_ statement: JSONValue, launch: Cmi5Launch, state: Cmi5SessionState) throws(Cmi5Refusal) -> Cmi5SessionState {
        if state.abandoned {
            throw Cmi5Refusal(.forbidden, "This launch session was abandoned (the unit was launched again, or the session expired): it takes no more statements. Launch the unit again.")
        }
        if state.terminated {
            throw Cmi5Refusal(.forbidden, "This launch session ended with terminated: it takes no more statements (cmi5 9.3.8). Launch the unit again.")
        }
        let verb = statement["verb"]?["id"]?.stringValue ?? ""
        if verb == XAPI.Verb.voided {
            throw Cmi5Refusal(.forbidden, "Launched content may not void statements (cmi5 6.3).")
        }
        guard let actor = statement["actor"], actor["objectType"]?.stringValue ?? "Agent" == "Agent",
              AgentIdentity.key(of: actor) == AgentIdentity.key(of: launch.actor)
        else {
            throw Cmi5Refusal(.forbidden, "The actor must be the launch's actor (the `actor` parameter of the launch URL, cmi5 9.2).")
        }
        let context = statement["context"]
        if let registration = context?["registration"]?.stringValue, registration.lowercased() != launch.registration {
            throw Cmi5Refusal(.forbidden, "context.registration is not this launch's registration (the `registration` parameter of the launch URL).")
        }
        guard context?["extensions"]?[Cmi5.Extension.sessionID]?.stringValue == launch.sessionID else {
            throw Cmi5Refusal(.forbidden, "context.extensions must carry this launch's session id under \(Cmi5.Extension.sessionID) (from the contextTemplate of LMS.LaunchData, cmi5 9.6.3.1).")
        }

        var next = state
        guard isCmi5Defined(statement) else {
            // "cmi5 allowed": any verb, between initialized and terminated (7.1.3).
            guard state.initialized else {
                throw Cmi5Refusal(.rule, "The first statement of a session must be initialized (cmi5 7.1.1); send it before any other.")
            }
            return next
        }
        try checkDefined(statement, verb: verb, launch: launch, state: state)
        next.sessionVerbs.insert(verb)
        switch verb {
        case Cmi5.Verb.initialized: next.initialized = true
        case Cmi5.Verb.terminated: next.terminated = true
        case Cmi5.Verb.completed: next.completedInRegistration = true
        case Cmi5.Verb.passed: next.passedInRegistration = true
        default: break
        }
        return next
    }

    static func checkDefined(_ statement: JSONValue, verb: String, launch: Cmi5Launch, state: Cmi5SessionState) throws(Cmi5Refusal) {
        if Cmi5.Verb.lms.contains(verb) {
            throw Cmi5Refusal(.forbidden, "Only the LMS records \(Cmi5.Verb.display(verb)) statements (cmi5 9.3).")
        }
        guard Cmi5.Verb.au.contains(verb) else {
            throw Cmi5Refusal(.rule, "A statement with the cmi5 category must use a cmi5 verb (initialized, completed, passed, failed, terminated); drop the category for other verbs (cmi5 7.1.3).")
        }
        guard statement["object"]?["id"]?.stringValue == launch.activityID,
              statement["object"]?["objectType"]?.stringValue ?? "Activity" == "Activity" else {
            throw Cmi5Refusal(.rule, "The object of a cmi5 defined statement must be the activity of the launch URL's `activityId` (cmi5 9.4).")
        }
        guard statement["context"]?["registration"]?.stringValue != nil else {
            throw Cmi5Refusal(.rule, "A cmi5 defined statement must carry the launch's registration in context.registration (cmi5 9.6.1).")
        }
        if !state.initialized && verb != Cmi5.Verb.initialized {
            throw Cmi5Refusal(.rule, "The first statement of a session must be initialized (cmi5 7.1.1); send it before \(Cmi5.Verb.display(verb)).")
        }
        if state.sessionVerbs.contains(verb) {
            throw Cmi5Refusal(.rule, "\(Cmi5.Verb.display(verb)) was already sent in this session; a session uses each cmi5 verb once (cmi5 9.3).")
        }
        if launch.launchMode != "Normal", verb != Cmi5.Verb.initialized, verb != Cmi5.Verb.terminated {
            throw Cmi5Refusal(.rule, "In launchMode \(launch.launchMode) only initialized and terminated may be sent (cmi5 10.2.2).")
        }
        let result = statement["result"]
        let scaled = result?["score"]?["scaled"]?.doubleValue
        switch verb {
        case Cmi5.Verb.completed:
            if state.completedInRegistration {
                throw Cmi5Refusal(.rule, "The unit was already completed in this registration; completed is sent once per registration (cmi5 9.3.3).")
            }
        case Cmi5.Verb.passed, Cmi5.Verb.failed:
            // One judgement per session, none after a pass in the registration, on the right
            // side of the mastery score (9.3, 9.3.4, 9.3.5).
            let passing = verb == Cmi5.Verb.passed
            let name = Cmi5.Verb.display(verb), other = passing ? Cmi5.Verb.failed : Cmi5.Verb.passed
            if state.sessionVerbs.contains(other) {
                throw Cmi5Refusal(.rule, "\(Cmi5.Verb.display(other)) was already sent in this session; a session has one of passed or failed (cmi5 9.3).")
            }
            if state.passedInRegistration {
                throw Cmi5Refusal(.rule, "The unit was already passed in this registration; \(name) may not follow passed (cmi5 9.3, 9.3.4).")
            }
            if let mastery = launch.unit.masteryScore, let scaled, (scaled >= mastery) != passing {
                throw Cmi5Refusal(.rule, "\(name) with a scaled score of \(scaled), \(passing ? "below" : "at or above") the masteryScore \(mastery) (cmi5 9.3.4, 9.3.5): send \(Cmi5.Verb.display(other)) instead.")
            }
        default:
            break
        }
        try checkResult(result, verb: verb, statement: statement)
    }

    /// 9.5.1–9.5.4 and 9.6.2.2.
    static func checkResult(_ result: JSONValue?, verb: String, statement: JSONValue) throws(Cmi5Refusal) {
        let name = Cmi5.Verb.display(verb)
        let judged = verb == Cmi5.Verb.passed || verb == Cmi5.Verb.failed
        if result?["score"] != nil && !judged {
            throw Cmi5Refusal(.rule, "A \(name) statement may not carry result.score; only passed and failed do (cmi5 9.5.1).")
        }
        let success = result?["success"]
        if judged {
            guard success?.boolValue == (verb == Cmi5.Verb.passed) else {
                throw Cmi5Refusal(.rule, "A \(name) statement must carry result.success \(verb == Cmi5.Verb.passed) (cmi5 9.5.2).")
            }
        } else if success != nil {
            throw Cmi5Refusal(.rule, "A \(name) statement may not carry result.success (cmi5 9.5.2).")
        }
        let completion = result?["completion"]
        if verb == Cmi5.Verb.completed {
            guard completion?.boolValue == true else {
                throw Cmi5Refusal(.rule, "A completed statement must carry result.completion true (cmi5 9.5.3).")
            }
        } else if completion != nil {
            throw Cmi5Refusal(.rule, "A \(name) statement may not carry result.completion (cmi5 9.5.3).")
        }
        if verb != Cmi5.Verb.initialized, result?["duration"]?.stringValue == nil {
            throw Cmi5Refusal(.rule, "A \(name) statement must carry result.duration (cmi5 9.5.4.1).")
        }
        let categories = statement["context"]?["contextActivities"]?["category"]
        let hasMoveOn = (categories?.arrayValue ?? []).contains { $0["id"]?.stringValue == Cmi5.moveOnCategory }
        let needsMoveOn = success != nil || completion != nil
        if needsMoveOn != hasMoveOn {
            throw Cmi5Refusal(.rule, needsMoveOn
                ? "A \(name) statement with result.success or result.completion must carry the moveOn category \(Cmi5.moveOnCategory) (cmi5 9.6.2.2)."
                : "A \(name) statement without result.success or result.completion may not carry the moveOn category (cmi5 9.6.2.2).")
        }
    }
}
