import Foundation

/// Runs the real wallet-cli against one walletd, with that PC's own session file and admin token
/// (as the centre admin and a learner at that PC would).
struct WalletCLIRunner {
    let pc: Walletd

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    func callAsFunction(_ arguments: String..., stdin: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Walletd.binary("wallet-cli"))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["WALLET_SOCKET"] = pc.socket
        environment["WALLET_SESSION"] = pc.folder + "/session.json"
        environment["WALLETD_ADMIN_TOKEN_FILE"] = pc.dataDirectory + "/admin.token"
        process.environment = environment
        // Files, not pipes: no deadlock whatever the output size.
        let id = UUID().uuidString.prefix(8)
        let outPath = pc.folder + "/out-\(id)", errPath = pc.folder + "/err-\(id)", inPath = pc.folder + "/in-\(id)"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        FileManager.default.createFile(atPath: inPath, contents: Data((stdin ?? "").utf8))
        defer { for path in [outPath, errPath, inPath] { try? FileManager.default.removeItem(atPath: path) } }
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = FileHandle(forReadingAtPath: inPath)
        try process.run()
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
