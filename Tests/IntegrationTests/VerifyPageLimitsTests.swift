import Foundation
import Testing
import CurlClient

/// The public `POST /verify` against files built to cost memory, with the real repositoryd.
@Suite("POST /verify against hostile files (real repositoryd)")
struct VerifyPageLimitsTests {
    static func memoryKiB(_ pid: Int32, _ field: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ""
    }

    /// 100 status lists of 8 MiB each once inflated (about 1.3 MB of form), posted by eight
    /// clients at once: repositoryd's peak RSS grows by less than 64 MB, every client gets the page
    /// (or is asked to come back), and the page names why the lists were not used. Before, every
    /// bundled list was verified and inflated, referenced or not: 800 MiB per request.
    @Test func hundredsOfMegabytesOfStatusListsCostLessThan64MB() throws {
        let repository = try Repositoryd().start()
        defer { repository.stop() }
        let pid = try #require(repository.process?.processIdentifier)
        let document = try HostileExport.json(lists: 100)
        let form = Data(("document=" + Self.formEncoded(document)).utf8)
        #expect(form.count > 1_000_000 && form.count < 2 << 20, "\(form.count) bytes of form")
        // The form page first, so the server's own warm-up is not counted as growth.
        _ = try CurlConnection().perform(HTTPRequest(method: .get, url: repository.url + "/verify"))
        let before = Self.memoryKiB(pid, "VmRSS")

        let answers = Answers()
        let done = DispatchGroup()
        let url = repository.url + "/verify"
        for _ in 0..<8 {
            done.enter()
            Thread {
                defer { done.leave() }
                let request = HTTPRequest(method: .post, url: url, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: form)
                let response = try? CurlConnection().perform(request)
                answers.add(response)
            }.start()
        }
        #expect(done.wait(timeout: .now() + 300) == .success)
        let peak = Self.memoryKiB(pid, "VmHWM")
        let growthMB = Double(peak - before) / 1024
        #expect(growthMB < 64, "repositoryd's peak RSS grew by \(growthMB) MB")
        let responses = answers.all()
        #expect(responses.count == 8 && responses.allSatisfy { $0 != nil })
        let pages = responses.compactMap { $0 }
        #expect(pages.allSatisfy { $0.status == 200 || $0.status == 503 }, "\(pages.map(\.status))")
        let verdict = try #require(pages.first { $0.status == 200 })
        let text = String(decoding: verdict.body, as: UTF8.self)
        #expect(text.contains("status lists"), "the page says why a list was not used")
        #expect(verdict.header("content-security-policy")?.contains("frame-ancestors 'none'") == true)
        #expect(verdict.header("x-content-type-options") == "nosniff")
        print("POST /verify, 100 hostile lists × 8 clients: repositoryd RSS before \(before / 1024) MB, peak \(peak / 1024) MB (growth \(growthMB) MB); statuses \(pages.map(\.status))")
    }
}

private final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var responses: [HTTPResponse?] = []
    func add(_ response: HTTPResponse?) { lock.withLock { responses.append(response) } }
    func all() -> [HTTPResponse?] { lock.withLock { responses } }
}
