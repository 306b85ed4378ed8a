import Basics
import Foundation
import Testing
import WalletAPI
@testable import WalletClient

@Suite("Bodies and answers: NoBody, JSONValue, Codable types")
struct WalletdJSONTests {
    @Test func noBodyIsNothingAndJSONValueIsCanonicalText() throws {
        #expect(try WalletdJSON.encode(NoBody()) == nil)
        let statement: JSONValue = ["verb": ["id": "http://adlnet.gov/expapi/verbs/passed"], "actor": ["name": "Ana"]]
        #expect(try WalletdJSON.encode(statement) == statement.encoded())
        #expect(try WalletdJSON.decode(NoBody.self, from: Data(), status: 204) == NoBody())
    }

    @Test func typesAreEncodedWithoutEscapedSlashes() throws {
        let request = EnrolDeviceRequest(repository: "https://repo.example:8443", code: "AAAA-BBBB", caFile: nil, name: nil)
        let text = String(decoding: try #require(try WalletdJSON.encode(request)), as: UTF8.self)
        #expect(text.contains(#""https://repo.example:8443""#))
        #expect(!text.contains("caFile"))
    }

    @Test func jsonAnswersAreReadStrictly() throws {
        #expect(try WalletdJSON.decode(JSONValue.self, from: Data(#"["a","b"]"#.utf8), status: 200) == ["a", "b"])
        #expect(throws: WalletdClientError.self) {
            try WalletdJSON.decode(JSONValue.self, from: Data(#"{"a":1,"a":2}"#.utf8), status: 200)
        }
    }

    @Test func anAnswerOfAnotherShapeIsUndecodableAndNamesTheType() {
        do {
            _ = try WalletdJSON.decode(ProgressResponse.self, from: Data(#"{"nothing":true}"#.utf8), status: 200)
            Issue.record("decoded a ProgressResponse from nothing")
        } catch {
            guard case .undecodable(let type, let status, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(type == "ProgressResponse" && status == 200)
            #expect(error.status == 200 && error.code == nil)
        }
    }
}
