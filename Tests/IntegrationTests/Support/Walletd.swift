import Foundation
import WalletAPI
import WalletClient

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
        // The wallet page is off unless a test asks for it: parallel tests would all take its default port.
        let web = extraArguments.contains("--http") ? [] : ["--http", "off"]
        process.arguments = ["--data-dir", dataDirectory, "--socket", socket, "--scrypt-log-n", "10"] + web + extraArguments
        let log = folder + "/walletd.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: socket),
               let health = try? client.send(Endpoints.health), health.status == 200 { return self }
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

    /// A new client (one keep-alive connection) on this walletd's socket.
    var client: WalletdClient { WalletdClient(socketPath: socket, timeout: .seconds(20)) }

    /// Creates a learner and logs them in; returns (learner id, token).
    func learnerSession(name: String = "Ana", pin: String = "246800") throws -> (id: String, token: String) {
        let client = client
        let learner = try client.call(Endpoints.createLearner, body: CreateLearnerRequest(name: name, pin: pin))
        let session = try client.call(Endpoints.login, body: CreateSessionRequest(learner: learner.id, pin: pin))
        return (learner.id, session.token)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum Sample {
    static func statement(id: String = UUID().uuidString.lowercased(), verb: String = "completed",
                          activity: String = "https://vet.example.eu/c/1/lo/1", email: String = "ana@example.org") -> JSONValue {
        ["id": .string(id), "actor": ["objectType": "Agent", "mbox": .string("mailto:" + email)],
         "verb": ["id": .string("http://adlnet.gov/expapi/verbs/" + verb), "display": ["en-US": .string(verb)]],
         "object": ["objectType": "Activity", "id": .string(activity)]]
    }
}
