import ArgumentParser
import Foundation
import RepositoryCore

extension LearnerCommand {
    /// `repositoryd learner reset-pin LEARNER-ID --assessor NAME`: a learner forgot their PIN. After
    /// an assessor checked who they are, the admin makes a one-time reset code; the learner types it
    /// at a PC that reaches the repository (`wallet-cli pin reset LEARNER --code CODE`) with a new
    /// PIN. Works while the server runs. The code is stored only hashed; a newer one replaces an
    /// older one.
    ///
    /// ```
    /// repositoryd learner reset-pin 0e2c5a1e-… --assessor "R. Diallo" [--expires-hours 24] [--json]
    /// ```
    struct ResetPIN: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-pin",
            abstract: "Make a one-time code with which a learner who forgot their PIN sets a new one (and gets a new holder key).",
            discussion: """
                Run it only after an assessor checked the learner's identity: the code lets whoever types it \
                take over the learner's wallet. Give the code to the learner in person. At a PC that reaches the \
                repository they run `wallet-cli pin reset LEARNER-ID --code CODE`. Credentials issued before stay \
                valid but can no longer be presented (the old key is gone); the repository issues them again to \
                the new key at the PC's next sync. Exit 65: no such learner here.
                """)
        @OptionGroup var data: StoreLocationOption
        @Argument(help: "The learner's id (their PC shows it; `repositoryd credential list` too).") var learner: String
        @Option(name: .long, help: "The assessor who checked the learner's identity (kept in the audit log).") var assessor: String
        @Option(name: .long, help: "Hours until the code expires (1…72).") var expiresHours = 24
        @Flag(name: .long, help: "Print JSON.") var json = false

        func validate() throws {
            guard (1...72).contains(expiresHours) else { throw ValidationError("--expires-hours must be 1…72.") }
            let name = assessor.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 120 else { throw ValidationError("--assessor must name the assessor who checked the learner (1…120 characters).") }
        }

        func run() async throws {
            let store = try await RepositoryStoreOpener.open(data)
            let id = learner.trimmingCharacters(in: .whitespaces).lowercased()
            let code = EnrolmentCode.generate()
            let now = SQLiteRepositoryStore.systemNowMs()
            let expires = now + Int64(expiresHours) * 3_600_000
            guard try await store.addResetCode(code, learnerID: id, assessor: assessor.trimmingCharacters(in: .whitespaces), nowMs: now, expiresMs: expires) else {
                FileHandle.standardError.write(Data("repositoryd: no learner \(id.prefix(64)) here (never synced, or erased); no code was made. Check the id on the learner's PC, and sync it.\n".utf8))
                throw ExitCode(65)
            }
            let expiry = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(expires) / 1000))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return print(String(decoding: try encoder.encode(["learner": id, "code": code, "expires": expiry]), as: UTF8.self))
            }
            print("\(code)  (PIN reset code for learner \(id); one use, expires \(expiry))")
            print("At a PC that reaches the repository, the learner runs: wallet-cli pin reset \(id) --code \(code)")
        }
    }
}
