import CurlClient
import Foundation
import WalletAPI

#if canImport(Glibc)
import Glibc
import Basics
#endif

/// A real walletd process on a temporary folder and socket, for one test. Stopped (SIGTERM, or
/// SIGKILL when asked) and its folder removed when the test ends.
final class Walletd {
    let folder: String
    let socket: String
    var dataDirectory: String { folder + "/data" }
    private(set) var process: Process?
    private let extraArguments: [String]

    /// Unix socket paths are limited to 103 bytes, so the folder lives directly in /tmp.
    init(arguments: [String] = []) throws {
        folder = "/tmp/wlt-" + UUID().uuidString.prefix(8).lowercased()
        socket = folder + "/run/walletd.sock"
        extraArguments = arguments
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit {
        stop(signal: SIGKILL)
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func binary(_ name: String) throws -> String {
        let folder: String
        if let explicit = ProcessInfo.processInfo.environment["WALLET_BIN_DIR"] {
            folder = explicit
        } else {
            // The test bundle is built into the same folder as the executables.
            let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            folder = (exe as NSString).deletingLastPathComponent
        }
        let path = folder + "/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw HarnessError("no \(name) at \(path): run `swift build` first (or set WALLET_BIN_DIR)")
        }
        return path
    }

    @discardableResult
    func start() throws -> Walletd {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary("walletd"))
        process.arguments = ["--data-dir", dataDirectory, "--socket", socket, "--scrypt-log-n", "10"] + extraArguments
        let log = folder + "/walletd.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: socket),
               let health = try? HTTP(socket: socket).get("/v1/health"), health.status == 200 { return self }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        throw HarnessError("walletd did not answer on \(socket); log:\n" + ((try? String(contentsOfFile: log, encoding: .utf8)) ?? ""))
    }

    func stop(signal: Int32 = SIGTERM) {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, signal)
        // A child can inherit a blocked SIGTERM from the test runner: never wait forever.
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
    }

    var log: String { (try? String(contentsOfFile: folder + "/walletd.log", encoding: .utf8)) ?? "" }

    /// Creates a learner and logs them in; returns (learner id, token).
    func learnerSession(name: String = "Ana", pin: String = "2468") throws -> (id: String, token: String) {
        let http = HTTP(socket: socket)
        let created = try http.send(.post, "/v1/learners", json: ["name": .string(name), "pin": .string(pin)])
        guard created.status == 201, let id = created.json?["id"]?.stringValue else { throw HarnessError("learner add: \(created.text)") }
        let session = try http.send(.post, "/v1/sessions", json: ["learner": .string(id), "pin": .string(pin)])
        guard session.status == 201, let token = session.json?["token"]?.stringValue else { throw HarnessError("login: \(session.text)") }
        return (id, token)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Raw HTTP on the socket with the project's libcurl client.
struct HTTP {
    let socket: String
    var token: String?
    var xapiVersion: String? = "2.0.0"
    var extraHeaders: [String: String] = [:]

    init(socket: String, token: String? = nil) {
        self.socket = socket
        self.token = token
    }

    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: JSONValue? { try? JSONValue(data: body) }
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    func get(_ path: String) throws -> Answer { try send(.get, path) }

    func send(_ method: HTTPMethod, _ path: String, json: JSONValue? = nil, raw: Data? = nil) throws -> Answer {
        var headers = extraHeaders
        if let token { headers["Authorization"] = "Bearer " + token }
        if let xapiVersion, path.hasPrefix("/xapi") { headers["X-Experience-API-Version"] = xapiVersion }
        let body = raw ?? json.map { $0.encoded() }
        if body != nil { headers["Content-Type"] = "application/json" }
        let connection = CurlConnection(unixSocketPath: socket)
        let response = try connection.perform(HTTPRequest(method: method, url: "http://localhost" + path, headers: headers, body: body, timeout: .seconds(20)))
        return Answer(status: response.status, headers: response.headers, body: response.body)
    }
}

enum Sample {
    static func statement(id: String = UUID().uuidString.lowercased(), verb: String = "completed",
                          activity: String = "https://vet.example.eu/c/1/lo/1", email: String = "ana@example.org") -> JSONValue {
        ["id": .string(id), "actor": ["objectType": "Agent", "mbox": .string("mailto:" + email)],
         "verb": ["id": .string("http://adlnet.gov/expapi/verbs/" + verb), "display": ["en-US": .string(verb)]],
         "object": ["objectType": "Activity", "id": .string(activity)]]
    }
}

func percentEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}
