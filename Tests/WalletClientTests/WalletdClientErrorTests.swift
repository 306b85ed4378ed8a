import Basics
import CurlClient
import Foundation
import Testing
import WalletAPI
import WalletClient

@Suite("WalletdClientError: refusals, answers and transport failures")
struct WalletdClientErrorTests {
    @Test func anErrorAnswerCarriesStatusAndCode() {
        let response = WalletdResponse(status: 401, headers: [:], body: Data(#"{"error":{"code":"session_expired","message":"Log in again."}}"#.utf8))
        #expect(throws: WalletdClientError.answered(status: 401, error: APIErrorBody(code: .sessionExpired, message: "Log in again."))) {
            try response.checked()
        }
        #expect(response.errorBody?.error.code == .sessionExpired)
    }

    @Test("a code this build does not know reads as .unrecognized, with its message")
    func unknownCode() throws {
        let response = WalletdResponse(status: 409, headers: [:], body: Data(#"{"error":{"code":"brand_new_code","message":"Newer walletd."}}"#.utf8))
        do {
            _ = try response.checked()
            Issue.record("a 409 passed as a success")
        } catch {
            #expect(error.code == .unrecognized)
            #expect(error.status == 409)
            #expect(error == .answered(status: 409, error: APIErrorBody(code: .unrecognized, message: "Newer walletd.")))
        }
    }

    @Test func anErrorStatusWithoutAnErrorBodyStillThrows() {
        let response = WalletdResponse(status: 502, headers: ["content-type": "text/plain"], body: Data("Bad gateway".utf8))
        #expect(throws: WalletdClientError.answered(status: 502, error: nil)) { try response.checked() }
        #expect(WalletdClientError.answered(status: 502, error: nil).description == "walletd answered HTTP 502 without an error message")
    }

    @Test func successPassesAndHeadersAreFoundInAnyCase() throws {
        let response = WalletdResponse(status: 204, headers: ["x-experience-api-consistent-through": "2026-01-01T00:00:00Z"], body: Data())
        #expect(try response.checked() == response)
        #expect(response.header(XAPI.consistentThroughHeader) == "2026-01-01T00:00:00Z")
        #expect(response.json == nil)
    }

    @Test("a refused connection is told apart by what stands at the socket path")
    func couldNotConnect() {
        let socket = "/run/walletd/walletd.sock"
        let refused = CurlError.couldNotConnect(target: socket, detail: "Connection refused")
        #expect(WalletdClientError(curl: refused, socket: socket, probe: { _ in .missing }) == .notRunning(socket: socket, why: .noSocketFile))
        #expect(WalletdClientError(curl: refused, socket: socket, probe: { _ in .present }) == .notRunning(socket: socket, why: .nothingListens))
        #expect(WalletdClientError(curl: refused, socket: socket, probe: { _ in .noPermission }) == .noPermission(socket: socket))
    }

    @Test func otherTransportFailuresKeepTheirKind() {
        let socket = "/tmp/w.sock"
        let never: (String) -> SocketProbe.Finding = { _ in Issue.record("probed without a refused connection"); return .present }
        #expect(WalletdClientError(curl: .timedOut(target: socket, detail: "5000 ms"), socket: socket, probe: never) == .timedOut(socket: socket))
        #expect(WalletdClientError(curl: .connectionLost(target: socket, detail: "Empty reply"), socket: socket, probe: never)
            == .connectionLost(socket: socket, detail: "Empty reply"))
        #expect(WalletdClientError(curl: .responseTooLarge(limit: 10), socket: socket, probe: never) == .transport(.responseTooLarge(limit: 10)))
    }

    @Test func descriptionsNameTheSocketAndTheCode() {
        #expect(WalletdClientError.notRunning(socket: "/s", why: .noSocketFile).description == "walletd is not running: no socket at /s")
        #expect(WalletdClientError.answered(status: 404, error: APIErrorBody(code: .learnerNotFound, message: "No learner 42.")).description
            == "walletd answered HTTP 404 (learner_not_found): No learner 42.")
    }
}
