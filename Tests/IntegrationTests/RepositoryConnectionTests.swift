import Foundation
import Testing
import CurlClient

#if canImport(Glibc)
import Glibc
#endif

/// PCs that lose power mid-request leave half-open connections. repositoryd had no idle or read
/// timeout, so each held a connection (and its buffers) until the kernel gave up, hours later.
@Suite("repositoryd connections", .serialized)
struct RepositoryConnectionTests {
    /// A TCP connection that sends the head of a request and part of its body, then nothing. The
    /// enrolment route reads the body without a token, so the server waits inside the request.
    func halfARequest(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw HarnessError("connect: \(errno)") }
        let head = "POST /sync/v1/devices HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"format\": 1"
        _ = head.withCString { send(fd, $0, strlen($0), 0) }
        return fd
    }

    /// True once the server has closed the connection (a read returns end of file).
    func closedWithin(seconds: Double, _ fd: Int32) -> Bool {
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return true }
            if n < 0, errno != EAGAIN, errno != EWOULDBLOCK { return true }
        }
        return false
    }

    /// A TLS handshake limited to one protocol version, by the openssl client (security level 0 so
    /// the client itself still offers the old versions); true when the server completed it.
    static func handshake(port: Int, version: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["s_client", "-connect", "127.0.0.1:\(port)", version, "-cipher", "DEFAULT@SECLEVEL=0"]
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 && text.contains("BEGIN CERTIFICATE")
    }

    /// Failed before: NIOSSL's server default accepted TLS 1.0 and 1.1.
    @Test func tlsBelowVersion12IsRefused() throws {
        let repository = try Repositoryd(tls: true).start()
        #expect(try Self.handshake(port: repository.port, version: "-tls1_2"))
        #expect(try Self.handshake(port: repository.port, version: "-tls1_3"))
        #expect(try !Self.handshake(port: repository.port, version: "-tls1_1"))
        #expect(try !Self.handshake(port: repository.port, version: "-tls1"))
    }

    /// Failed before: one address could try enrolment codes as fast as the server answered.
    @Test func oneAddressTryingEnrolmentCodesIsSlowedDown() throws {
        let repository = try Repositoryd().start()
        let body = Data(#"{"format": 1, "code": "AAAA-BBBB-CCCC-DDDD", "replica": "pc-guess", "name": "guess"}"#.utf8)
        var statuses: [Int] = []
        var retryAfter: String?
        for _ in 0..<14 {
            let response = try CurlConnection().perform(HTTPRequest(method: .post, url: repository.url + "/sync/v1/devices",
                                                                   headers: ["Content-Type": "application/json"], body: body))
            statuses.append(response.status)
            if response.status == 429 { retryAfter = response.header("retry-after") }
        }
        #expect(statuses.prefix(10).allSatisfy { $0 == 401 }, "ten tries are answered: \(statuses)")
        #expect(statuses.suffix(4).allSatisfy { $0 == 429 }, "then the address waits: \(statuses)")
        #expect(retryAfter.flatMap(Int.init).map { $0 >= 1 && $0 <= 6 } == true, "\(retryAfter ?? "no Retry-After")")
    }

    @Test func aConnectionThatStopsMidRequestIsClosed() throws {
        let repository = try Repositoryd().start(arguments: ["--idle-timeout-seconds", "1"])
        let fd = try halfARequest(port: repository.port)
        defer { close(fd) }
        #expect(closedWithin(seconds: 6, fd), "closed after about a second of silence")
        // The server goes on serving.
        #expect(try repository.stat("statementsStored") == 0)
    }

    @Test func aQuietConnectionStaysWhileItsTimeoutRuns() throws {
        let repository = try Repositoryd().start(arguments: ["--idle-timeout-seconds", "30"])
        let fd = try halfARequest(port: repository.port)
        defer { close(fd) }
        #expect(!closedWithin(seconds: 2, fd))
    }
}
