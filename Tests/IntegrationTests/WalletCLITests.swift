import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// wallet-cli driven as a person would, against a real walletd on a temporary socket.
@Suite("wallet-cli against a real walletd")
struct WalletCLITests {
    @Test func aMissingDaemonGivesOneLineAndExit69() throws {
        let sandbox = try CLISandbox()
        let socket = sandbox.folder + "/absent.sock"
        let result = try sandbox.cli(["status", "--socket", socket])
        #expect(result.status == 69)
        #expect(result.stderr == "wallet-cli: walletd is not running (no socket at \(socket)). Start it with: walletd --socket \(socket)\n")
    }

    @Test func aLearnerRecordsProgressAndSeesIt() throws {
        let sandbox = try CLISandbox()
        try sandbox.startDaemon()

        let added = try sandbox.cli(["learner", "add", "--name", "Ana Horvat", "--pin-stdin", "--json"], stdin: "4711-2\n")
        #expect(added.status == 0)
        let learnerId = try #require(try sandbox.jsonObject(added.stdout)["id"] as? String)

        let login = try sandbox.cli(["login", "ANA HORVAT", "--pin-stdin"], stdin: "4711-2\n")
        #expect(login.status == 0, "\(login.stderr)")
        let token = try #require(try sandbox.sessionToken())
        var info = stat()
        #expect(stat(sandbox.sessionFile, &info) == 0 && info.st_mode & 0o777 == 0o600)

        let recorded = try sandbox.cli([
            "record", "--activity", "https://example.org/courses/wiring/lo/1", "--verb", "passed",
            "--score", "0.85", "--name", "Wiring basics",
        ])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("Statement id: "))

        let statements = try sandbox.cli(["statements", "--json", "--verb", "passed"])
        #expect(statements.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(statements.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 1)
        let statement = try #require(list.first)
        let actor = statement["actor"] as? [String: Any]
        let account = actor?["account"] as? [String: Any]
        #expect(account?["name"] as? String == learnerId)
        let result = statement["result"] as? [String: Any]
        #expect(result?["success"] as? Bool == true)
        #expect(result?["completion"] as? Bool == true)
        #expect((result?["score"] as? [String: Any])?["scaled"] as? Double == 0.85)

        let progress = try sandbox.cli(["progress", "--json"])
        let activities = try #require(try sandbox.jsonObject(progress.stdout)["activities"] as? [[String: Any]])
        #expect(activities.first?["passed"] as? Bool == true)
        #expect(activities.first?["name"] as? String == "Wiring basics")

        let status = try sandbox.cli(["status", "--json"])
        let session = try #require(try sandbox.jsonObject(status.stdout)["session"] as? [String: Any])
        #expect(session["state"] as? String == "valid")

        for output in [added, login, recorded, statements, progress, status] {
            #expect(!output.stdout.contains(token) && !output.stderr.contains(token))
        }

        let logout = try sandbox.cli(["logout"])
        #expect(logout.status == 0)
        #expect(!FileManager.default.fileExists(atPath: sandbox.sessionFile))
        let afterLogout = try sandbox.cli(["progress"])
        #expect(afterLogout.status == 77)
        #expect(afterLogout.stderr.contains("wallet-cli login"))
    }

    /// Before leaving a shared PC: `wallet-cli lock` ends every session this account opened (walletd
    /// learns the account from the kernel over the socket), so a token left behind opens nothing.
    @Test func lockEndsEverySessionOfThisAccount() throws {
        let sandbox = try CLISandbox()
        try sandbox.startDaemon()
        for (name, pin) in [("Ana", "4711-2"), ("Bo", "8642-1")] {
            #expect(try sandbox.cli(["learner", "add", "--name", name, "--pin-stdin"], stdin: pin + "\n").status == 0)
        }
        #expect(try sandbox.cli(["login", "ana", "--pin-stdin"], stdin: "4711-2\n").status == 0)
        let anaToken = try #require(try sandbox.sessionToken())
        let login = try sandbox.cli(["login", "bo", "--pin-stdin"], stdin: "8642-1\n")
        #expect(login.stdout.contains("at the latest 8 hours after login") && login.stdout.contains("wallet-cli lock"), "\(login.stdout)")
        let boToken = try #require(try sandbox.sessionToken())
        #expect(anaToken != boToken)

        let locked = try sandbox.cli(["lock"])
        #expect(locked.status == 0 && locked.stdout.contains("Ended 1 session"), "the login as Bo ended Ana's session already: \(locked)")
        #expect(try sandbox.sessionToken() == nil, "the session file is gone")
        #expect(try sandbox.cli(["progress"]).status == 77, "not logged in any more")
        let again = try sandbox.cli(["lock", "--json"])
        #expect(again.status == 0, "\(again)")
        #expect(try sandbox.jsonObject(again.stdout)["ended"] as? Int == 0, "\(again.stdout)")
    }

    /// Failed before: wallet-cli read `admin.token` from whatever folder the program on the socket
    /// named, so a fake walletd could name the real one's folder and receive its admin token from a
    /// root wallet-cli. The folder is now believed only when the token there belongs to the
    /// socket's owner (here the token is given to another account to show the check).
    @Test func theAdminTokenIsReadOnlyWhereTheSocketsOwnerKeepsIt() throws {
        let sandbox = try CLISandbox()
        try sandbox.startDaemon()
        let enrol = ["device", "enrol", "--repository", "http://127.0.0.1:9", "--code", "AAAA-BBBB-CCCC-DDDD"]
        let trusted = try sandbox.cli(enrol)
        #expect(!trusted.stderr.contains("admin token"), "the socket's owner keeps the token there: it is used \(trusted)")
        let token = sandbox.folder + "/data/admin.token"
        #expect(chown(token, 65_534, 65_534) == 0, "the tests run as root")
        let foreign = try sandbox.cli(enrol)
        #expect(foreign.status != 0 && foreign.stderr.contains("admin token"), "\(foreign)")
    }

    /// Failed before: wallet-cli sent a PIN to whatever listened on the socket path. Here a real
    /// walletd runs as another account (nobody) in a folder of its own under /tmp, as a planted
    /// fake would: wallet-cli still reads its status, but sends it no PIN.
    @Test func noPINGoesToADaemonOfAnotherAccount() throws {
        let sandbox = try CLISandbox()
        let folder = "/tmp/wlt-peer-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(chown(folder, 65_534, 65_534) == 0, "the tests run as root")
        let socket = folder + "/walletd.sock"
        let stranger = Process()
        stranger.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        stranger.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", try Walletd.binary("walletd"),
                              "--data-dir", folder + "/data", "--socket", socket, "--scrypt-log-n", "10", "--http", "off"]
        stranger.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        stranger.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try stranger.run()
        defer { stranger.terminate(); stranger.waitUntilExit() }
        for _ in 0..<250 where !FileManager.default.fileExists(atPath: socket) { usleep(20_000) }

        #expect(try sandbox.cli(["status", "--socket", socket]).status == 0, "reading its status sends nothing secret")
        let add = try sandbox.cli(["learner", "add", "--name", "Ana", "--pin-stdin", "--socket", socket], stdin: "246800\n")
        #expect(add.status == 77 && add.stderr.contains("may not be walletd") && add.stderr.contains("uid 65534"), "\(add)")
    }

    @Test func mistakesGetTheDocumentedExitCodes() throws {
        let sandbox = try CLISandbox()
        try sandbox.startDaemon()

        #expect(try sandbox.cli(["learner", "add", "--name", "Bo", "--pin-stdin"], stdin: "12\n").status == 65)
        let fourDigits = try sandbox.cli(["learner", "add", "--name", "Bo", "--pin-stdin"], stdin: "1234\n")
        #expect(fourDigits.status == 65 && fourDigits.stderr.contains("at least 6"), "new PINs have six digits at least: \(fourDigits)")
        #expect(try sandbox.cli(["learner", "add", "--name", "Bo", "--pin-stdin"], stdin: "123400\n").status == 0)
        #expect(try sandbox.cli(["learner", "add", "--name", "bo", "--pin-stdin"], stdin: "567800\n").status == 0)
        let ambiguous = try sandbox.cli(["login", "BO", "--pin-stdin"], stdin: "123400\n")
        #expect(ambiguous.status == 64)
        #expect(try sandbox.cli(["login", "nobody", "--pin-stdin"], stdin: "123400\n").status == 66)
        #expect(try sandbox.cli(["record", "--activity", "https://x.org/a", "--verb", "passed"]).status == 77)
        #expect(try sandbox.cli(["record", "--activity", "https://x.org/a", "--verb", "passed", "--score", "2"]).status == 64)
        #expect(try sandbox.cli(["record", "--activity", "not an iri", "--verb", "passed"]).status == 64)

        let list = try sandbox.jsonObject(try sandbox.cli(["learner", "list", "--json"]).stdout)
        let learners = try #require(list["learners"] as? [[String: Any]])
        let boId = try #require(learners.first { $0["name"] as? String == "Bo" }?["id"] as? String)
        #expect(try sandbox.cli(["login", boId, "--pin-stdin"], stdin: "000000\n").status == 77)
        var locked = false
        for _ in 0..<10 where !locked {
            locked = try sandbox.cli(["login", boId, "--pin-stdin"], stdin: "000000\n").status == 75
        }
        #expect(locked)
    }
}

/// A walletd (the shared `Walletd` harness) plus a session file, for driving wallet-cli.
private final class CLISandbox {
    private let daemon: Walletd
    let sessionFile: String
    var folder: String { daemon.folder }
    var socket: String { daemon.socket }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    init() throws {
        daemon = try Walletd()
        sessionFile = daemon.folder + "/state/session.json"
    }

    func startDaemon() throws {
        try daemon.start()
    }

    func cli(_ arguments: [String], stdin: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Walletd.binary("wallet-cli"))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["WALLET_SOCKET"] = socket
        environment["WALLET_SESSION"] = sessionFile
        process.environment = environment
        // Files, not pipes: no deadlock whatever the output size.
        let id = UUID().uuidString.prefix(8)
        let outPath = folder + "/out-\(id)", errPath = folder + "/err-\(id)", inPath = folder + "/in-\(id)"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        FileManager.default.createFile(atPath: inPath, contents: Data((stdin ?? "").utf8))
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = FileHandle(forReadingAtPath: inPath)
        try process.run()
        process.waitUntilExit()
        defer { for path in [outPath, errPath, inPath] { try? FileManager.default.removeItem(atPath: path) } }
        return Output(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        )
    }

    func jsonObject(_ text: String) throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    func sessionToken() throws -> String? {
        guard let data = FileManager.default.contents(atPath: sessionFile) else { return nil }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["token"] as? String
    }
}
