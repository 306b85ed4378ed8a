import Foundation
import WalletAPI
import WalletClient

#if canImport(Glibc)
import Glibc
import Basics
#endif

/// A real repositoryd process on a temporary folder and a loopback port, optionally with TLS from
/// a throw-away certificate. Restarting keeps the port, so registered walletds find it again.
final class Repositoryd {
    let folder: String
    var dataDirectory: String { folder + "/data" }
    let tls: Bool
    private(set) var port = 0
    private(set) var process: Process?
    var certificate: String { folder + "/cert.pem" }
    private var key: String { folder + "/key.pem" }

    /// The PostgreSQL database (`--database`) and its keys folder instead of the data folder.
    var database: String?
    let keysDirectory: String

    /// `--data-dir DIR`, or `--database URL --keys-dir DIR`: what every command of this repository is given.
    var storeArguments: [String] {
        if let database { return ["--database", database, "--keys-dir", keysDirectory] }
        return ["--data-dir", dataDirectory]
    }

    /// `keys`: a keys folder another instance on the same database uses too.
    init(tls: Bool = false, database: String? = nil, keys: String? = nil) throws {
        folder = "/tmp/rep-" + UUID().uuidString.prefix(8).lowercased()
        keysDirectory = keys ?? folder + "/keys"
        self.tls = tls
        self.database = database
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if tls {
            try Self.run("/usr/bin/openssl", [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ])
        }
    }

    deinit {
        stop(signal: SIGKILL)
        try? FileManager.default.removeItem(atPath: folder)
    }

    var url: String { (tls ? "https://localhost:" : "http://127.0.0.1:") + String(port) }

    @discardableResult
    func start(arguments: [String] = []) throws -> Repositoryd {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Walletd.binary("repositoryd"))
        var args = ["serve"] + storeArguments + ["--host", "127.0.0.1", "--port", String(port)]
        if tls { args += ["--tls-cert", certificate, "--tls-key", key] }
        process.arguments = args + arguments
        let log = folder + "/repositoryd.log"
        let offset = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        if offset == 0 { FileManager.default.createFile(atPath: log, contents: nil) }
        let handle = FileHandle(forWritingAtPath: log)
        handle?.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let text = String(self.log.dropFirst(offset))
            if let line = text.split(separator: "\n").first(where: { $0.contains("repositoryd ready") }),
               let range = line.range(of: "port=") {
                port = Int(line[range.upperBound...].prefix { $0.isNumber }) ?? 0
                if port > 0 { return self }
            }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        throw HarnessError("repositoryd did not start; log:\n" + log)
    }

    func stop(signal: Int32 = SIGTERM) {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
    }

    var log: String { (try? String(contentsOfFile: folder + "/repositoryd.log", encoding: .utf8)) ?? "" }

    /// A fresh one-time enrolment code from the admin command.
    func enrolmentCode() throws -> String {
        let output = try Self.run(try Walletd.binary("repositoryd"), ["enrolment-code"] + storeArguments)
        guard let code = output.split(whereSeparator: { $0 == " " || $0 == "\n" }).first(where: { $0.count == 19 && $0.filter { $0 == "-" }.count == 3 })
        else { throw HarnessError("no enrolment code in: \(output)") }
        return String(code)
    }

    /// `repositoryd stats --json`, read from the database (works while the server runs).
    func stats() throws -> JSONValue {
        let output = try Self.run(try Walletd.binary("repositoryd"), ["stats", "--json"] + storeArguments)
        return try JSONValue(data: Data(output.utf8))
    }

    func stat(_ name: String) throws -> Int {
        guard let value = try stats()[name]?.doubleValue else { throw HarnessError("no \(name) in repositoryd stats") }
        return Int(value)
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw HarnessError("\(executable) \(arguments.joined(separator: " ")) failed: \(text)") }
        return text
    }
}

extension Walletd {
    /// Registers this walletd with the repository through the admin route.
    func register(with repository: Repositoryd) throws {
        let admin = try String(contentsOfFile: dataDirectory + "/admin.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let request = EnrolDeviceRequest(repository: repository.url, code: try repository.enrolmentCode(),
                                                caFile: repository.tls ? repository.certificate : nil, name: nil)
        let answer = try client.send(Endpoints.enrol, body: request, adminToken: admin)
        guard answer.status == 201 else { throw HarnessError("register: \(answer.status) \(answer.text)") }
    }

    /// `POST /v1/sync?wait=true`: the finished run's result.
    /// As the admin, who sees the whole run (held-back learners, conflicting statement ids).
    func syncNow() throws -> JSONValue {
        let admin = try String(contentsOfFile: dataDirectory + "/admin.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let answer = try client.send(Endpoints.startSync, query: ["wait": "true"], adminToken: admin)
        guard answer.status == 200, let json = answer.json else { throw HarnessError("sync: \(answer.status) \(answer.text)") }
        return json
    }

    /// Every statement id of the learner, through the xAPI API (all pages).
    func statementIDs(token: String) throws -> Set<String> {
        let client = client
        var ids = Set<String>()
        var answer = try client.send(Endpoints.getStatements, query: ["limit": "500", "format": "ids"], token: token)
        while true {
            guard answer.status == 200, let json = answer.json else { throw HarnessError("statements: \(answer.text)") }
            for statement in json["statements"]?.arrayValue ?? [] { if let id = statement["id"]?.stringValue { ids.insert(id) } }
            guard let more = json["more"]?.stringValue, !more.isEmpty else { return ids }
            answer = try client.follow(more, token: token)
        }
    }

    /// Posts `count` statements for the session's learner, 100 per request.
    func record(_ count: Int, token: String, activity: String = "https://vet.example.eu/c/1/lo/1") throws -> [String] {
        let client = client
        var ids: [String] = []
        var remaining = count
        while remaining > 0 {
            let n = min(100, remaining)
            let batch = (0..<n).map { _ in Sample.statement(activity: activity) }
            let answer = try client.send(Endpoints.postStatements, body: .array(batch), token: token)
            guard answer.status == 200, let posted = answer.json?.arrayValue else { throw HarnessError("record: \(answer.text)") }
            ids += posted.compactMap(\.stringValue)
            remaining -= n
        }
        return ids
    }
}
