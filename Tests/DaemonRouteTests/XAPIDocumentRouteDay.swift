import Basics
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import WalletAPI

/// The xAPI document routes in a learner's day (`WalletdRouteTests.learnersDay`): each called at
/// least once, answers checked against the OpenAPI document by the recorder. The concurrency and
/// bounds cases run against the real walletd in `XAPIDocumentAPITests`.
enum XAPIDocumentRouteDay {
    static func run(_ recorder: RouteRecorder, _ client: some TestClientProtocol, headers: HTTPFields, learner: LearnerSummary) async throws {
        let agent = XAPI.learnerAgent(id: learner.id, name: learner.name).encodedString
        let activity = "https://catalog.vet-centre.example/forklift/lo-1"
        let state = ["activityId": activity, "agent": agent, "stateId": "suspend"]
        var answer = try await recorder.call(client, .put, Endpoints.putState.template, path: Endpoints.putState.path(query: state),
                                             headers: headers, body: .json(["page": 1, "x": "a"]))
        #expect(answer.status == 204)
        answer = try await recorder.call(client, .post, Endpoints.postState.template, path: Endpoints.postState.path(query: state),
                                         headers: headers, body: .json(["page": 2]))
        #expect(answer.status == 204)
        answer = try await recorder.call(client, .get, Endpoints.getState.template, path: Endpoints.getState.path(query: state), headers: headers)
        #expect(answer.json == ["page": 2, "x": "a"], "POST merges top-level members")
        let etag = answer.headers[.eTag]
        #expect(etag?.hasPrefix("\"") == true && etag?.count == 42, "a quoted SHA-1: \(etag ?? "none")")
        answer = try await recorder.call(client, .head, Endpoints.headState.template, path: Endpoints.headState.path(query: state), headers: headers)
        #expect(answer.status == 200 && answer.headers[.eTag] == etag && answer.body.isEmpty)
        answer = try await recorder.call(client, .get, Endpoints.getState.template,
                                         path: Endpoints.getState.path(query: ["activityId": activity, "agent": agent]), headers: headers)
        #expect(answer.json == ["suspend"])
        answer = try await recorder.call(client, .delete, Endpoints.deleteState.template, path: Endpoints.deleteState.path(query: state), headers: headers)
        #expect(answer.status == 204)

        let profile = ["agent": agent, "profileId": "cmi5LearnerPreferences"]
        answer = try await recorder.call(client, .put, Endpoints.putAgentProfile.template, path: Endpoints.putAgentProfile.path(query: profile),
                                         headers: headers, body: .json(["languagePreference": "nl-NL,en-GB"]))
        #expect(answer.status == 204)
        answer = try await recorder.call(client, .put, Endpoints.putAgentProfile.template, path: Endpoints.putAgentProfile.path(query: profile),
                                         headers: headers, body: .json(["languagePreference": "en-GB"]))
        #expect(answer.status == 409 && answer.errorCode == .documentConflict, "an unconditional PUT over an existing profile")
        answer = try await recorder.call(client, .post, Endpoints.postAgentProfile.template, path: Endpoints.postAgentProfile.path(query: profile),
                                         headers: headers, body: .json(["audioPreference": "off"]))
        #expect(answer.status == 204)
        answer = try await recorder.call(client, .get, Endpoints.getAgentProfile.template, path: Endpoints.getAgentProfile.path(query: ["agent": agent]),
                                         headers: headers)
        #expect(answer.json == ["cmi5LearnerPreferences"])
        answer = try await recorder.call(client, .head, Endpoints.headAgentProfile.template, path: Endpoints.headAgentProfile.path(query: profile),
                                         headers: headers)
        #expect(answer.status == 200 && answer.headers[.eTag] != nil)
        var stale = headers
        stale[.ifMatch] = "\"0000000000000000000000000000000000000000\""
        answer = try await recorder.call(client, .delete, Endpoints.deleteAgentProfile.template, path: Endpoints.deleteAgentProfile.path(query: profile),
                                         headers: stale)
        #expect(answer.status == 412 && answer.errorCode == .preconditionFailed)
        answer = try await recorder.call(client, .delete, Endpoints.deleteAgentProfile.template, path: Endpoints.deleteAgentProfile.path(query: profile),
                                         headers: headers)
        #expect(answer.status == 204)

        let notes = ["activityId": activity, "profileId": "notes"]
        answer = try await recorder.call(client, .put, Endpoints.putActivityProfile.template, path: Endpoints.putActivityProfile.path(query: notes),
                                         headers: headers, body: .json(["seen": 1]))
        #expect(answer.status == 204)
        answer = try await recorder.call(client, .post, Endpoints.postActivityProfile.template, path: Endpoints.postActivityProfile.path(query: notes),
                                         headers: headers, body: .json(["more": 2]))
        #expect(answer.status == 204)
        answer = try await recorder.call(client, .get, Endpoints.getActivityProfile.template, path: Endpoints.getActivityProfile.path(query: notes),
                                         headers: headers)
        #expect(answer.json == ["seen": 1, "more": 2])
        answer = try await recorder.call(client, .head, Endpoints.headActivityProfile.template,
                                         path: Endpoints.headActivityProfile.path(query: ["activityId": activity]), headers: headers)
        #expect(answer.status == 200)
        answer = try await recorder.call(client, .put, Endpoints.putActivityProfile.template, path: Endpoints.putActivityProfile.path(query: notes),
                                         headers: headers, body: .json(["seen": 3]))
        #expect(answer.errorCode == .documentConflict)
        answer = try await recorder.call(client, .delete, Endpoints.deleteActivityProfile.template,
                                         path: Endpoints.deleteActivityProfile.path(query: notes), headers: headers)
        #expect(answer.status == 204)

        answer = try await recorder.call(client, .head, Endpoints.headActivity.template, path: Endpoints.headActivity.path(query: ["activityId": activity]),
                                         headers: headers)
        #expect(answer.status == 200)
        answer = try await recorder.call(client, .head, Endpoints.headAgents.template, path: Endpoints.headAgents.path(query: ["agent": agent]), headers: headers)
        #expect(answer.status == 200)
        answer = try await recorder.call(client, .get, Endpoints.getActivity.template, path: Endpoints.getActivity.path(query: ["activityId": activity]),
                                         headers: headers)
        #expect(answer.json?["id"]?.stringValue == activity)
        answer = try await recorder.call(client, .get, Endpoints.getAgents.template, path: Endpoints.getAgents.path(query: ["agent": agent]), headers: headers)
        #expect(answer.json?["objectType"]?.stringValue == "Person")
    }
}
