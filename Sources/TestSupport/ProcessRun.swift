import Foundation

/// Runs a program to its end and keeps its exit status and output (stdout and stderr together):
/// how the suites call the independent Python checks and the tools they start.
///
/// ```swift
/// let run = try ProcessRun(executable: "/usr/bin/env", arguments: ["true"])
/// run.status   // 0
/// ```
public struct ProcessRun: Sendable {
    public let status: Int32
    public let output: String

    public init(executable: String, arguments: [String], directory: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Read before waiting: a full pipe would otherwise block the program forever.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        output = String(decoding: data, as: UTF8.self)
    }
}
