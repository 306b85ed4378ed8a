import ArgumentParser
import Foundation
import RepositoryCore

/// `repositoryd enrolment-code`: a one-time code the centre admin types into
/// `wallet-cli device enrol` on a new PC. Works while the server runs.
///
/// ```
/// repositoryd enrolment-code --data-dir /var/lib/repositoryd --expires-hours 48 --name pc-lab-2
/// ```
struct EnrolmentCodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enrolment-code", abstract: "Make a one-time code to enrol a centre PC.")

    @OptionGroup var data: StoreLocationOption

    @Option(name: .long, help: "Hours until the code expires.")
    var expiresHours = 24

    @Option(name: .long, help: "A note to remember which PC it was for.")
    var name: String?

    func validate() throws {
        guard (1...24 * 30).contains(expiresHours) else { throw ValidationError("--expires-hours must be 1…720.") }
    }

    func run() async throws {
        let store = try await RepositoryStoreOpener.open(data)
        let code = EnrolmentCode.generate()
        let now = SQLiteRepositoryStore.systemNowMs()
        let expires = now + Int64(expiresHours) * 3_600_000
        try await store.addEnrolmentCode(code, label: name, nowMs: now, expiresMs: expires)
        let expiry = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(expires) / 1000))
        print("\(code)  (one use, expires \(expiry))")
        print("On the PC, as root: wallet-cli device enrol --repository URL --code \(code)")
    }
}
