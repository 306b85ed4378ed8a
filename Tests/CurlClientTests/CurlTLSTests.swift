import CurlClient
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// TLS against a real TLS server (`openssl s_server` with a throw-away certificate): a private CA
/// given as `caFile` is trusted, and without it the same server is refused.
@Suite("CurlConnection over TLS", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct CurlTLSTests {
    @Test func aPrivateCAIsTrustedOnlyWhenGiven() throws {
        let server = try OpenSSLServer()
        defer { server.stop() }
        let url = "https://localhost:\(server.port)/"

        let trusting = CurlConnection(caFile: server.certificate, connectTimeout: .seconds(5))
        let response = try trusting.perform(HTTPRequest(url: url, timeout: .seconds(10)))
        #expect(response.status == 200)

        let strict = CurlConnection(connectTimeout: .seconds(5))
        var caught: CurlError?
        do {
            _ = try strict.perform(HTTPRequest(url: url, timeout: .seconds(10)))
        } catch {
            caught = error
        }
        guard case .tlsFailure = caught else {
            Issue.record("expected tlsFailure, got \(String(describing: caught))")
            return
        }
    }
}

/// `openssl s_server -www` on a free port with a fresh self-signed certificate for localhost.
private final class OpenSSLServer {
    let folder: String
    let certificate: String
    let port: Int
    private let process: Process

    init() throws {
        folder = NSTemporaryDirectory() + "curl-tls-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        certificate = folder + "/cert.pem"
        let key = folder + "/key.pem"
        try Self.openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost",
        ])
        port = try Self.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-www", "-cert", certificate, "-key", key, "-quiet"]
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        do {
            try waitUntilListening()
        } catch {
            stop()
            throw error
        }
    }

    func stop() {
        // SIGKILL, not terminate(): a child of the test runner may inherit a signal mask that
        // blocks SIGTERM, and then waitUntilExit() would wait forever.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func waitUntilListening() throws {
        for _ in 0..<100 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = in_addr_t(UInt32(0x7f00_0001).bigEndian)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if connected == 0 { return }
            usleep(50_000)
        }
        throw POSIXError(.ETIMEDOUT)
    }

    /// Binds port 0 to let the kernel pick a free port, then gives it back for s_server.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7f00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw POSIXError(.EADDRNOTAVAIL) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw POSIXError(.EINVAL) }
    }
}
