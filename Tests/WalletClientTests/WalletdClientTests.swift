import Foundation
import Testing
import WalletAPI
import WalletClient

/// The client against sockets nothing serves: the errors a person meets first.
@Suite("WalletdClient without a walletd")
struct WalletdClientTests {
    let folder = "/tmp/wcl-" + UUID().uuidString.prefix(8).lowercased()

    @Test func noSocketFileMeansNotRunning() throws {
        let socket = folder + "/absent.sock"
        let client = WalletdClient(socketPath: socket, timeout: .seconds(5))
        #expect(throws: WalletdClientError.notRunning(socket: socket, why: .noSocketFile)) { try client.call(Endpoints.health) }
        #expect(throws: WalletdClientError.notRunning(socket: socket, why: .noSocketFile)) { try client.send(Endpoints.health) }
    }

    @Test func aFileNothingListensOnMeansNotRunning() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // What a crashed daemon leaves behind looks the same to a client: a file, no listener.
        let socket = folder + "/stale.sock"
        #expect(FileManager.default.createFile(atPath: socket, contents: nil))
        let client = WalletdClient(socketPath: socket, timeout: .seconds(5))
        #expect(throws: WalletdClientError.notRunning(socket: socket, why: .nothingListens)) {
            try client.call(Endpoints.login, body: CreateSessionRequest(learner: "ana", pin: "246800"))
        }
    }
}
