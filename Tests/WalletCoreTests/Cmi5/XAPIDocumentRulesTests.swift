import Foundation
import Testing
import Basics
@testable import WalletCore

@Suite("xAPI document rules")
struct XAPIDocumentRulesTests {
    let stored = XAPIDocument(content: Data(#"{"x":"foo","y":"bar"}"#.utf8), contentType: "application/json", updatedMs: 1)

    @Test func theETagIsTheSHA1OfTheContent() {
        #expect(XAPIDocument.etag(of: Data("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }

    @Test func preconditions() throws {
        typealias Rules = XAPIDocumentRules
        try Rules.checkPreconditions(existing: stored, conditions: .init(ifMatch: "\"\(stored.etag)\""), write: .replace, kind: .agentProfile)
        try Rules.checkPreconditions(existing: stored, conditions: .init(ifMatch: "*"), write: .replace, kind: .agentProfile)
        try Rules.checkPreconditions(existing: nil, conditions: .init(ifNoneMatch: "*"), write: .replace, kind: .agentProfile)
        try Rules.checkPreconditions(existing: stored, conditions: .none, write: .replace, kind: .state)
        try Rules.checkPreconditions(existing: stored, conditions: .none, write: .merge, kind: .agentProfile)
        #expect(throws: XAPIDocumentError.self) {
            try Rules.checkPreconditions(existing: stored, conditions: .init(ifMatch: "\"abc\""), write: .replace, kind: .state)
        }
        #expect(throws: XAPIDocumentError.self) {
            try Rules.checkPreconditions(existing: nil, conditions: .init(ifMatch: "\"abc\""), write: nil, kind: .state)
        }
        #expect(throws: XAPIDocumentError.self) {
            try Rules.checkPreconditions(existing: stored, conditions: .init(ifNoneMatch: "*"), write: .replace, kind: .state)
        }
        do {
            try Rules.checkPreconditions(existing: stored, conditions: .none, write: .replace, kind: .agentProfile)
            Issue.record("an unconditional PUT over an Agent Profile document is a conflict")
        } catch {
            guard case .conflict = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func postMergesTopLevelMembers() throws {
        let merged = try XAPIDocumentRules.result(existing: stored, posted: Data(#"{"x":"bash","z":"faz"}"#.utf8),
                                                  contentType: "application/json", write: .merge, nowMs: 2)
        #expect(try JSONValue(data: merged.content) == ["x": "bash", "y": "bar", "z": "faz"])
        #expect(merged.etag == XAPIDocument.etag(of: merged.content) && merged.updatedMs == 2)
        #expect(throws: XAPIDocumentError.self) {
            try XAPIDocumentRules.result(existing: stored, posted: Data("[1]".utf8), contentType: "application/json", write: .merge, nowMs: 2)
        }
        let binary = XAPIDocument(content: Data([1, 2]), contentType: "application/octet-stream", updatedMs: 1)
        #expect(throws: XAPIDocumentError.self) {
            try XAPIDocumentRules.result(existing: binary, posted: Data("{}".utf8), contentType: "application/json", write: .merge, nowMs: 2)
        }
        #expect(throws: XAPIDocumentError.self) {
            try XAPIDocumentRules.result(existing: nil, posted: Data(count: XAPIDocumentRules.maxBytes + 1), contentType: "text/plain",
                                         write: .replace, nowMs: 2)
        }
    }
}
