import Foundation
import Testing
import WalletAPI
import WalletClient

#if canImport(Glibc)
import Glibc
#endif

@Suite("walletd lifecycle and robustness")
struct DaemonLifecycleTests {
    /// A path no endpoint declares, deliberately: walletd must answer it with a JSON 404.
    static let unknownRoute = "/no/such/route"

    @Test("health answers JSON with version, data folder and counts")
    func health() throws {
        let daemon = try Walletd().start()
        let health = try daemon.client.send(Endpoints.health)
        #expect(health.status == 200)
        #expect(health.header("Content-Type")?.hasPrefix("application/json") == true)
        #expect(health.json?["dataDirectory"]?.stringValue == daemon.dataDirectory)
        #expect(health.json?["version"]?.stringValue?.isEmpty == false)
        #expect(health.json?["counts"]?["learners"] == 0)
    }

    @Test("a second walletd on the same data folder or socket exits with a clear message; the first keeps serving")
    func secondInstance() throws {
        let first = try Walletd().start()
        for arguments in [["--data-dir", first.dataDirectory, "--socket", first.folder + "/other.sock", "--http", "off"],
                          ["--data-dir", first.folder + "/other-data", "--socket", first.socket, "--http", "off"]] {
            let second = Process()
            second.executableURL = URL(fileURLWithPath: try Walletd.binary("walletd"))
            second.arguments = arguments + ["--scrypt-log-n", "10"]
            let stderr = Pipe()
            second.standardError = stderr
            second.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            try second.run()
            second.waitUntilExit()
            let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(second.terminationStatus == 75)
            #expect(message.contains("another walletd"), "\(message)")
            #expect(try first.client.send(Endpoints.health).status == 200)
        }
    }

    /// Failed before: an existing socket folder was used whatever its owner and mode, so another
    /// account that made it (or could write to it) could swap the socket for its own and collect PINs.
    @Test("a socket folder another account can change is refused, and a symlink is not followed")
    func socketFolderOthersCanChange() throws {
        let folder = "/tmp/wlt-" + UUID().uuidString.prefix(8).lowercased()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/elsewhere", withIntermediateDirectories: true)
        func start(socketFolder: String) throws -> (status: Int32, message: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try Walletd.binary("walletd"))
            process.arguments = ["--data-dir", folder + "/data", "--socket", socketFolder + "/walletd.sock", "--scrypt-log-n", "10", "--http", "off"]
            let stderr = Pipe()
            process.standardError = stderr
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            // A walletd that accepted the folder would serve on: stop it, and say so.
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning, Date() < deadline { usleep(20_000) }
            let served = process.isRunning
            if served { process.terminate() }
            let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (served ? -1 : process.terminationStatus, served ? "walletd started and served" : message)
        }
        try FileManager.default.createDirectory(atPath: folder + "/open", withIntermediateDirectories: true)
        chmod(folder + "/open", 0o777)
        let open = try start(socketFolder: folder + "/open")
        #expect(open.status != 0 && open.message.contains("can be written by other accounts"), "\(open)")
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/elsewhere")
        let link = try start(socketFolder: folder + "/link")
        #expect(link.status != 0 && link.message.contains("symbolic link"), "\(link)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/elsewhere/walletd.sock"))
    }

    @Test("socket and data folder are reachable by the daemon's user only")
    func permissions() throws {
        let daemon = try Walletd().start()
        var info = stat()
        #expect(stat(daemon.folder + "/run", &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        #expect(stat(daemon.socket, &info) == 0)
        #expect(info.st_mode & 0o077 == 0, "socket mode \(String(info.st_mode & 0o777, radix: 8))")
        #expect(stat(daemon.dataDirectory, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        #expect(stat(daemon.dataDirectory + "/wallet.sqlite", &info) == 0)
        #expect(info.st_mode & 0o077 == 0)
    }

    @Test("bad input gets a JSON error and the daemon keeps serving")
    func badInput() throws {
        let daemon = try Walletd(arguments: ["--max-body-bytes", "65536"]).start()
        let (_, token) = try daemon.learnerSession()
        let client = daemon.client
        func post<Body, Answer>(_ endpoint: Endpoint<Body, Answer>, _ body: Data) -> WalletdRequest {
            WalletdRequest(endpoint, body: body, token: token)
        }
        let cases: [(WalletdRequest, Int)] = [
            (post(Endpoints.createLearner, Data("{".utf8)), 400),
            (post(Endpoints.createLearner, Data(#"{"name": 5, "pin": "123400"}"#.utf8)), 400),
            (post(Endpoints.createLearner, Data(#"{"name": "", "pin": "123400"}"#.utf8)), 400),
            (post(Endpoints.createLearner, Data(#"{"name": "X", "pin": "1"}"#.utf8)), 400),
            (post(Endpoints.login, Data(#"{"learner": "nobody", "pin": "123400"}"#.utf8)), 404),
            (post(Endpoints.postStatements, Data((0..<256).map { UInt8($0) })), 400),
            (post(Endpoints.postStatements, Data(String(repeating: "[", count: 50_000).utf8)), 400),
            (post(Endpoints.postStatements, Data(repeating: 0x20, count: 200_000)), 413),
            (post(Endpoints.postStatements, Data("[]".utf8)), 400),
            (post(Endpoints.postStatements, Data(#"{"actor":{"mbox":"mailto:a@b.c"},"actor":{"mbox":"mailto:a@b.c"}}"#.utf8)), 400),
            (WalletdRequest(method: .get, path: Self.unknownRoute, token: token), 404),
        ]
        for (request, expected) in cases {
            let answer = try client.send(request)
            #expect(answer.status == expected, "\(request.path): \(answer.text.prefix(200))")
            #expect(answer.errorBody != nil, "\(request.path) answered \(answer.text.prefix(200))")
        }
        #expect(try client.send(Endpoints.health).status == 200)
        #expect(daemon.process?.isRunning == true)
    }

    @Test("SIGTERM stops walletd gracefully and removes the socket")
    func gracefulStop() throws {
        let daemon = try Walletd().start()
        daemon.stop(signal: SIGTERM)
        #expect(!FileManager.default.fileExists(atPath: daemon.socket))
        #expect(daemon.log.contains("walletd stopped"))
    }
}
