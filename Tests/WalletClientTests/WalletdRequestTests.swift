import Basics
import CurlClient
import Foundation
import Testing
import WalletAPI
@testable import WalletClient

@Suite("WalletdRequest: building requests from endpoint declarations")
struct WalletdRequestTests {
    @Test func parametersArePercentEncodedInOrderAndTheQuerySorted() {
        let request = WalletdRequest(Endpoints.credential, "ana h/1", "urn:uuid:7", query: ["z": "1", "a": "x&y"])
        #expect(request.method == .get)
        let expected = Endpoints.credential.template
            .replacingOccurrences(of: "{id}", with: "ana%20h%2F1").replacingOccurrences(of: "{credential}", with: "urn%3Auuid%3A7")
        #expect(request.path == expected + "?a=x%26y&z=1")
        #expect(request.path == Endpoints.credential.path("ana h/1", "urn:uuid:7", query: ["z": "1", "a": "x&y"]))
    }

    @Test func aPlainRequestAsksForJSONAndCarriesNothingElse() {
        let request = WalletdRequest(Endpoints.health)
        #expect(request.headers == ["Accept": "application/json"])
        #expect(request.body == nil)
        #expect(request.timeout == nil)
    }

    @Test func theSessionAndTheAdminTokenGoInTheirHeaders() {
        let request = WalletdRequest(Endpoints.enrol, token: "t0k", adminToken: "adm1n")
        #expect(request.headers["Authorization"] == "Bearer t0k")
        #expect(request.headers[EndpointAccess.adminTokenHeader] == "adm1n")
        #expect(request.headers[XAPI.versionHeader] == nil)
    }

    @Test("xAPI routes and links get X-Experience-API-Version, others do not")
    func xapiVersionHeader() {
        for endpoint in [Endpoints.getStatements.erased, Endpoints.postStatements.erased, Endpoints.xapiAbout.erased] {
            let request = WalletdRequest(method: endpoint.method, path: endpoint.template)
            #expect(request.headers[XAPI.versionHeader] == XAPI.currentVersion, "\(endpoint.template)")
        }
        #expect(WalletdRequest(Endpoints.putStatement, query: ["statementId": "x"]).headers[XAPI.versionHeader] == XAPI.currentVersion)
        #expect(WalletdRequest(method: .get, path: Endpoints.getStatements.path(query: ["more": "abc"])).headers[XAPI.versionHeader] == XAPI.currentVersion)
        #expect(WalletdRequest(Endpoints.progress, "ana").headers[XAPI.versionHeader] == nil)
        #expect(Endpoints.postStatements.isXAPI && !Endpoints.health.isXAPI)
    }

    @Test func aBodyBringsItsContentTypeAndTakesItAway() {
        var request = WalletdRequest(Endpoints.postStatements, token: "t")
        #expect(request.headers["Content-Type"] == nil)
        request.body = Data("{}".utf8)
        #expect(request.headers["Content-Type"] == "application/json")
        request.headers["Content-Type"] = "application/json; charset=utf-8"
        request.body = Data("[]".utf8)
        #expect(request.headers["Content-Type"] == "application/json; charset=utf-8", "swapping bodies leaves the headers alone")
        request.body = nil
        #expect(request.headers["Content-Type"] == nil)
        #expect(WalletdRequest(Endpoints.login, body: Data("{}".utf8)).headers["Content-Type"] == "application/json")
    }

    @Test func theLibcurlRequestGoesToTheSocketWithTheClientsTimeoutUnlessTheRequestHasOne() {
        var request = WalletdRequest(Endpoints.logout, token: "t")
        var http = request.http(defaultTimeout: .seconds(60))
        #expect(http.method == .delete)
        #expect(http.url == "http://localhost" + Endpoints.logout.template)
        #expect(http.headers == request.headers)
        #expect(http.timeout == .seconds(60))
        request.timeout = .seconds(3)
        http = request.http(defaultTimeout: .seconds(60))
        #expect(http.timeout == .seconds(3))
        for method in EndpointMethod.allCases {
            #expect(method.http.rawValue == method.rawValue)
        }
    }

    @Test func pathParametersGivenAsAnArrayFillLikeTheVariadicForm() {
        #expect(Endpoints.credential.path(parameters: ["a", "b"]) == Endpoints.credential.path("a", "b"))
        #expect(Endpoints.records.path(parameters: ["a"], query: ["conflicts": "true"]) == Endpoints.records.path("a", query: ["conflicts": "true"]))
    }
}
