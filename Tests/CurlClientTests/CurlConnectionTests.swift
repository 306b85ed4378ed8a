import CurlClient
import Foundation
import Testing

@Suite("CurlConnection over a Unix socket")
struct CurlConnectionTests {
    static func echo(_ request: TestHTTPServer.Request) -> TestHTTPServer.Reply {
        .respond(status: 200, headers: ["Content-Type": "application/octet-stream", "X-Method": request.method], body: request.body)
    }

    @Test func getReturnsStatusLowerCasedHeadersAndBody() throws {
        let server = try TestHTTPServer { _ in
            .respond(status: 201, headers: ["X-Custom-Name": "Value", "Set-Thing": "a"], body: Data("hello".utf8))
        }
        let connection = CurlConnection(unixSocketPath: server.path)
        let response = try connection.perform(HTTPRequest(url: "http://localhost/status?x=1"))
        #expect(response.status == 201)
        #expect(response.headers["x-custom-name"] == "Value")
        #expect(response.header("X-CUSTOM-NAME") == "Value")
        #expect(response.body == Data("hello".utf8))
        #expect(server.received.first?.target == "/status?x=1")
        #expect(server.received.first?.method == "GET")
    }

    @Test func postSendsTheBodyByteForByteWithoutExpectOrFormType() throws {
        let server = try TestHTTPServer(handler: Self.echo)
        let connection = CurlConnection(unixSocketPath: server.path)
        // Larger than libcurl's Expect: 100-continue threshold, and with NUL bytes in it.
        let body = Data((0..<5000).map { UInt8($0 % 256) })
        let response = try connection.perform(HTTPRequest(method: .post, url: "http://localhost/echo", body: body))
        #expect(response.status == 200)
        #expect(response.body == body)
        let seen = try #require(server.received.first)
        #expect(seen.headers["expect"] == nil)
        #expect(seen.headers["content-type"] == nil)
        #expect(seen.headers["content-length"] == "5000")
    }

    @Test func methodsAndHeadersAreSentAsGiven() throws {
        let server = try TestHTTPServer(handler: Self.echo)
        let connection = CurlConnection(unixSocketPath: server.path)
        var put = HTTPRequest(method: .put, url: "http://localhost/a", body: Data("{}".utf8))
        put.headers = ["Content-Type": "application/json", "Authorization": "Bearer t", "X-Empty": ""]
        _ = try connection.perform(put)
        _ = try connection.perform(HTTPRequest(method: .delete, url: "http://localhost/b"))
        _ = try connection.perform(HTTPRequest(method: .post, url: "http://localhost/c"))
        let head = try connection.perform(HTTPRequest(method: .head, url: "http://localhost/d"))
        let seen = server.received
        #expect(seen.map(\.method) == ["PUT", "DELETE", "POST", "HEAD"])
        #expect(seen[0].headers["content-type"] == "application/json")
        #expect(seen[0].headers["authorization"] == "Bearer t")
        #expect(seen[0].headers["x-empty"] == "")
        #expect(seen[1].body.isEmpty)
        #expect(seen[2].headers["content-length"] == "0")
        #expect(head.body.isEmpty)
    }

    @Test func oneConnectionIsKeptAliveAcrossRequests() throws {
        let server = try TestHTTPServer(handler: Self.echo)
        let connection = CurlConnection(unixSocketPath: server.path)
        for index in 0..<5 {
            let body = Data("request \(index)".utf8)
            let method: HTTPMethod = index.isMultiple(of: 2) ? .post : .get
            let response = try connection.perform(HTTPRequest(method: method, url: "http://localhost/k", body: method == .post ? body : nil))
            #expect(response.header("x-method") == method.rawValue)
        }
        #expect(server.acceptedConnections == 1)
    }

    @Test func aMissingSocketIsCouldNotConnect() {
        let path = NSTemporaryDirectory() + "no-such-\(UUID().uuidString).sock"
        let connection = CurlConnection(unixSocketPath: path)
        var caught: CurlError?
        do {
            _ = try connection.perform(HTTPRequest(url: "http://localhost/"))
        } catch {
            caught = error
        }
        guard case .couldNotConnect(let target, _) = caught else {
            Issue.record("expected couldNotConnect, got \(String(describing: caught))")
            return
        }
        #expect(target == path)
    }

    @Test func aSilentServerTimesOut() throws {
        let server = try TestHTTPServer { _ in .hang }
        let connection = CurlConnection(unixSocketPath: server.path)
        let clock = ContinuousClock()
        let started = clock.now
        var caught: CurlError?
        do {
            _ = try connection.perform(HTTPRequest(url: "http://localhost/slow", timeout: .milliseconds(300)))
        } catch {
            caught = error
        }
        guard case .timedOut = caught else { Issue.record("expected timedOut, got \(String(describing: caught))"); return }
        #expect(clock.now - started < .seconds(5))
    }

    @Test func aBodyOverTheLimitIsRefused() throws {
        let server = try TestHTTPServer { _ in .respond(status: 200, headers: [:], body: Data(count: 100_000)) }
        let connection = CurlConnection(unixSocketPath: server.path)
        #expect(throws: CurlError.responseTooLarge(limit: 1000)) {
            _ = try connection.perform(HTTPRequest(url: "http://localhost/big", maxResponseBytes: 1000))
        }
        // The handle is still usable afterwards.
        let small = try connection.perform(HTTPRequest(url: "http://localhost/big", maxResponseBytes: 200_000))
        #expect(small.body.count == 100_000)
    }

    @Test func streamingHandsOverEveryByteAndCanStop() throws {
        let payload = Data((0..<300_000).map { UInt8($0 % 251) })
        let server = try TestHTTPServer { _ in .respond(status: 200, headers: [:], body: payload) }
        let connection = CurlConnection(unixSocketPath: server.path)
        var streamed = Data()
        let response = try connection.perform(HTTPRequest(url: "http://localhost/stream")) { chunk in
            streamed.append(contentsOf: chunk)
            return true
        }
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(streamed == payload)

        #expect(throws: CurlError.cancelled) {
            _ = try connection.perform(HTTPRequest(url: "http://localhost/stream")) { _ in false }
        }
    }

    @Test func headerInjectionIsRefusedBeforeSending() throws {
        let server = try TestHTTPServer(handler: Self.echo)
        let connection = CurlConnection(unixSocketPath: server.path)
        var request = HTTPRequest(url: "http://localhost/")
        request.headers["X-Evil"] = "a\r\nX-Injected: 1"
        #expect(throws: CurlError.self) { _ = try connection.perform(request) }
        request.headers = ["Bad Name": "x"]
        #expect(throws: CurlError.self) { _ = try connection.perform(request) }
        #expect(server.received.isEmpty)
    }

    @Test func aGetWithABodyIsRefused() {
        let connection = CurlConnection(unixSocketPath: "/nonexistent.sock")
        #expect(throws: CurlError.invalidRequest("a GET request cannot carry a body")) {
            _ = try connection.perform(HTTPRequest(url: "http://localhost/", body: Data("x".utf8)))
        }
    }

    @Test func onlyHTTPAndHTTPSAreAllowed() {
        let connection = CurlConnection()
        #expect(throws: CurlError.self) { _ = try connection.perform(HTTPRequest(url: "file:///etc/passwd")) }
    }

    @Test func anUnresolvableHostIsReportedAsSuch() {
        let connection = CurlConnection(connectTimeout: .seconds(3))
        var caught: CurlError?
        do {
            _ = try connection.perform(HTTPRequest(url: "https://no-such-host.invalid/", timeout: .seconds(5)))
        } catch {
            caught = error
        }
        guard case .couldNotResolveHost(let host, _) = caught else {
            Issue.record("expected couldNotResolveHost, got \(String(describing: caught))")
            return
        }
        #expect(host == "no-such-host.invalid")
    }
}
