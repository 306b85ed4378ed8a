import Foundation

extension Walletd {
    /// What a wallet-cli run printed and how it ended.
    struct AccountRun: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
    }

    /// Runs the real wallet-cli on this walletd's socket as another OS account (`setpriv`; the
    /// tests run as root), as a second person at the PC would.
    func asAccount(_ uid: UInt32, _ arguments: [String], stdin: String = "") throws -> AccountRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", try Self.binary("wallet-cli")] + arguments + ["--socket", socket]
        process.environment = ["HOME": "/tmp", "PATH": "/usr/bin:/bin"]
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return AccountRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}
