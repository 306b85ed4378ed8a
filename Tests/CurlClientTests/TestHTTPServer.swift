import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 server on a Unix socket, just enough to observe what CurlConnection puts on
/// the wire (a real walletd cannot tell us which headers arrived or how many connections were
/// opened). One thread per connection; keep-alive; Content-Length bodies only.
final class TestHTTPServer: @unchecked Sendable {
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [String: String]
        var body: Data
    }

    enum Reply: Sendable {
        case respond(status: Int, headers: [String: String], body: Data)
        /// Read the request, then never answer (for time-outs).
        case hang
    }

    let path: String
    private let handler: @Sendable (Request) -> Reply
    private let listener: Int32
    private let lock = NSLock()
    private var requests: [Request] = []
    private var connections = 0

    init(handler: @escaping @Sendable (Request) -> Reply) throws {
        path = NSTemporaryDirectory() + "curlclient-test-\(UUID().uuidString.prefix(8)).sock"
        self.handler = handler
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in pathBytes.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        unlink(path)
    }

    var received: [Request] { lock.withLock { requests } }
    var acceptedConnections: Int { lock.withLock { connections } }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            lock.withLock { connections += 1 }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var buffer = Data()
        while true {
            guard let request = readRequest(client, buffer: &buffer) else { return }
            lock.withLock { requests.append(request) }
            switch handler(request) {
            case .hang:
                // Hold the connection open until the client gives up.
                var byte: UInt8 = 0
                _ = read(client, &byte, 1)
                return
            case .respond(let status, let headers, let body):
                var head = "HTTP/1.1 \(status) Test\r\nContent-Length: \(body.count)\r\n"
                for (name, value) in headers { head += "\(name): \(value)\r\n" }
                let response = Data((head + "\r\n").utf8) + body
                let written = response.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                guard written == response.count else { return }
            }
        }
    }

    private func readRequest(_ client: Int32, buffer: inout Data) -> Request? {
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil {
            guard fill(client, &buffer) else { return nil }
        }
        guard let end = buffer.range(of: separator) else { return nil }
        let lines = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        buffer.removeSubrange(..<end.upperBound)
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length {
            guard fill(client, &buffer) else { return nil }
        }
        let body = Data(buffer.prefix(length))
        buffer.removeSubrange(..<(buffer.startIndex + length))
        return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
    }

    private func fill(_ client: Int32, _ buffer: inout Data) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = read(client, &chunk, chunk.count)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }
}
