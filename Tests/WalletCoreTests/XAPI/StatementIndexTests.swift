import Testing
import WalletAPI
import Basics
@testable import WalletCore

@Suite("AgentIdentity")
struct AgentIdentityTests {
    @Test func mboxKeyLowercasesSchemeAndDomainOnly() {
        #expect(AgentIdentity.key(of: ["mbox": "MAILTO:Ana.Lopez@Example.ORG"]) == "mbox:mailto:Ana.Lopez@example.org")
        #expect(AgentIdentity.key(of: ["mbox": "mailto:ana@example.org"]) != AgentIdentity.key(of: ["mbox": "mailto:ANA@example.org"]))
    }

    @Test func eachIdentifierKind() {
        #expect(AgentIdentity.key(of: ["mbox_sha1sum": "EBD31E95054C018B10727CCFFD2EF2EC3A016EE9"])
                == "mbox_sha1sum:ebd31e95054c018b10727ccffd2ef2ec3a016ee9")
        #expect(AgentIdentity.key(of: ["openid": "https://id.example.org/Ana"]) == "openid:https://id.example.org/Ana")
        #expect(AgentIdentity.key(of: ["account": ["homePage": "https://lms.example", "name": "A|42"]])
                == "account:https://lms.example|A|42")
    }

    @Test func nameAndObjectTypeDoNotMatter() {
        let a: JSONValue = ["objectType": "Agent", "name": "Ana", "mbox": "mailto:ana@example.org"]
        let b: JSONValue = ["mbox": "mailto:ana@example.org"]
        let group: JSONValue = ["objectType": "Group", "name": "Team", "mbox": "mailto:ana@example.org", "member": []]
        #expect(AgentIdentity.key(of: a) == AgentIdentity.key(of: b))
        #expect(AgentIdentity.key(of: group) == AgentIdentity.key(of: b))
    }

    @Test func anonymousGroupsAndNonAgentsHaveNoKey() {
        #expect(AgentIdentity.key(of: ["objectType": "Group", "member": [["mbox": "mailto:a@example.org"]]]) == nil)
        #expect(AgentIdentity.key(of: ["account": ["homePage": "https://lms.example"]]) == nil)
        #expect(AgentIdentity.key(of: "mailto:a@example.org") == nil)
        #expect(AgentIdentity.key(of: ["mbox": 42]) == nil)
    }

    @Test func severalIdentifiersStillGiveOneDeterministicKey() {
        #expect(AgentIdentity.key(of: ["openid": "https://id.example.org/a", "mbox": "mailto:a@example.org"]) == "mbox:mailto:a@example.org")
    }
}

@Suite("StatementIndex")
struct StatementIndexTests {
    let ana: JSONValue = ["mbox": "mailto:ana@example.org"]
    let ben: JSONValue = ["objectType": "Agent", "account": ["homePage": "https://lms.example", "name": "ben"]]
    let cleo: JSONValue = ["openid": "https://id.example.org/cleo"]
    let dan: JSONValue = ["mbox_sha1sum": "0123456789abcdef0123456789abcdef01234567"]
    let assessor: JSONValue = ["mbox": "mailto:assessor@example.org"]

    @Test func activityStatement() {
        let statement: JSONValue = [
            "actor": ana, "verb": ["id": "http://adlnet.gov/expapi/verbs/passed"],
            "object": ["objectType": "Activity", "id": "https://courses.example/lo/1"],
            "context": ["registration": "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE",
                        "contextActivities": ["parent": [["id": "https://courses.example/c/1"]],
                                              "grouping": ["id": "https://courses.example/program"]],  // 1.0 single object
                        "instructor": assessor],
            "authority": ben,
        ]
        let index = StatementIndex(statement: statement)
        #expect(index.verbID == "http://adlnet.gov/expapi/verbs/passed")
        #expect(!index.isVoiding)
        #expect(index.statementRefTarget == nil)
        #expect(index.registration == "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
        #expect(index.activityIDs == ["https://courses.example/lo/1"])
        #expect(index.relatedActivityIDs == ["https://courses.example/lo/1", "https://courses.example/c/1", "https://courses.example/program"])
        #expect(index.agentKeys == ["mbox:mailto:ana@example.org"])
        #expect(index.relatedAgentKeys == ["mbox:mailto:ana@example.org", "mbox:mailto:assessor@example.org",
                                           "account:https://lms.example|ben"])
    }

    @Test func voidingStatement() {
        let index = StatementIndex(statement: [
            "actor": ana, "verb": ["id": "http://adlnet.gov/expapi/verbs/voided"],
            "object": ["objectType": "StatementRef", "id": "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE"],
        ])
        #expect(index.isVoiding)
        #expect(index.statementRefTarget == "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
        #expect(index.activityIDs.isEmpty && index.relatedActivityIDs.isEmpty)
    }

    @Test func statementRefWithAnotherVerbStillTargets() {
        let index = StatementIndex(statement: [
            "actor": ana, "verb": ["id": "https://w3id.org/xapi/adl/verbs/commented"],
            "object": ["objectType": "StatementRef", "id": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"],
        ])
        #expect(!index.isVoiding)
        #expect(index.statementRefTarget == "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
    }

    @Test func groupMembersMatchThePlainAgentFilter() {
        // Communication 2.1.3, `agent`: "Groups that have members which match the specified
        // Agent ... are considered a match".
        let team: JSONValue = ["objectType": "Group", "mbox": "mailto:team@example.org", "member": [ana, ben]]
        let anonymous: JSONValue = ["objectType": "Group", "member": [cleo]]
        let index = StatementIndex(statement: ["actor": team, "verb": ["id": "http://x.example/v"], "object": anonymous])
        #expect(index.agentKeys == ["mbox:mailto:team@example.org", "mbox:mailto:ana@example.org",
                                    "account:https://lms.example|ben", "openid:https://id.example.org/cleo"])
        #expect(index.activityIDs.isEmpty)
    }

    @Test func agentObjectCountsForTheAgentFilter() {
        let index = StatementIndex(statement: ["actor": ana, "verb": ["id": "http://x.example/v"],
                                               "object": ["objectType": "Agent", "mbox": "mailto:ben@example.org"]])
        #expect(index.agentKeys == ["mbox:mailto:ana@example.org", "mbox:mailto:ben@example.org"])
        #expect(index.activityIDs.isEmpty)
    }

    @Test func contextAgentsGroupsTeamAndSubStatementOnlyCountWhenRelated() {
        let subStatement: JSONValue = [
            "objectType": "SubStatement", "actor": cleo, "verb": ["id": "http://x.example/will"],
            "object": ["id": "https://courses.example/lo/9"],
            "context": ["contextActivities": ["category": [["id": "https://profiles.example/vet"]]],
                        "team": ["objectType": "Group", "member": [dan]]],
        ]
        let statement: JSONValue = [
            "actor": ana, "verb": ["id": "http://x.example/planned"], "object": subStatement,
            "context": [
                "contextAgents": [["objectType": "contextAgent", "agent": assessor, "relevantTypes": ["https://x.example/t"]]],
                "contextGroups": [["objectType": "contextGroup", "group": ["objectType": "Group", "member": [ben]],
                                   "relevantTypes": ["https://x.example/t"]]],
            ],
        ]
        let index = StatementIndex(statement: statement)
        #expect(index.activityIDs.isEmpty)
        #expect(index.relatedActivityIDs == ["https://courses.example/lo/9", "https://profiles.example/vet"])
        #expect(index.agentKeys == ["mbox:mailto:ana@example.org"])
        #expect(index.relatedAgentKeys == [
            "mbox:mailto:ana@example.org", "mbox:mailto:assessor@example.org", "account:https://lms.example|ben",
            "openid:https://id.example.org/cleo", "mbox_sha1sum:0123456789abcdef0123456789abcdef01234567",
        ])
    }

    @Test func authorityGroupMembersAreRelated() {
        let oauth: JSONValue = ["objectType": "Group", "member": [["account": ["homePage": "https://app.example", "name": "app"]], ben]]
        let index = StatementIndex(statement: ["actor": ana, "verb": ["id": "http://x.example/v"], "object": ["id": "https://a.example"],
                                               "authority": oauth])
        #expect(index.relatedAgentKeys.contains("account:https://app.example|app"))
        #expect(index.relatedAgentKeys.contains("account:https://lms.example|ben"))
        #expect(!index.agentKeys.contains("account:https://lms.example|ben"))
    }

    @Test func toleratesMissingParts() {
        let index = StatementIndex(statement: [:])
        #expect(index == StatementIndex(statement: "not an object"))
        #expect(index.verbID == "" && index.agentKeys.isEmpty && index.relatedActivityIDs.isEmpty)
    }

    @Test func relatedSetsContainThePlainOnes() {
        var random = RandomStatements(seed: 21)
        for _ in 0..<300 {
            let index = StatementIndex(statement: random.statement())
            #expect(index.activityIDs.isSubset(of: index.relatedActivityIDs))
            #expect(index.agentKeys.isSubset(of: index.relatedAgentKeys))
            #expect(index.activityIDs.count <= 1)
        }
    }

    @Test func indexIgnoresWhatPreparingAddsExceptAuthority() {
        var random = RandomStatements(seed: 22)
        for _ in 0..<200 {
            let statement = random.statement()
            let prepared = StatementPreparer.prepare(statement, id: random.uuid(), stored: "2026-01-01T00:00:00.000Z",
                                                     authority: ["mbox": "mailto:wallet@example.org"], version: "2.0.0")
            let before = StatementIndex(statement: statement)
            let after = StatementIndex(statement: prepared)
            #expect(before.agentKeys == after.agentKeys)
            #expect(before.relatedActivityIDs == after.relatedActivityIDs)
            #expect(after.relatedAgentKeys == before.relatedAgentKeys.union(["mbox:mailto:wallet@example.org"]))
        }
    }
}
