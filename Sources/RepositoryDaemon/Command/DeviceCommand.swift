import ArgumentParser
import Foundation
import RepositoryCore

/// `repositoryd device list|revoke|replace`: the centre PCs the repository knows, without sqlite3
/// by hand. Works while the server runs. A revoked device keeps its row and its learners: its
/// token is refused (403 `device_revoked`), and the same PC enrolled again with a new code keeps
/// its learners, because its walletd proves the old token. A PC replaces its own token with
/// `wallet-cli device rotate-token`; the list shows when each token was set.
///
/// ```
/// repositoryd device list --json
/// repositoryd device revoke pc-lab-2
/// repositoryd device replace pc-lab-2        # prints a one-time code for the PC that takes its place
/// ```
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "device", abstract: "List, revoke or replace the centre PCs.",
                                                    subcommands: [List.self, Revoke.self, Replace.self])

    static func refuse(_ error: DeviceLifecycleError) -> ExitCode {
        FileHandle.standardError.write(Data("repositoryd: \(error)\n".utf8))
        return ExitCode(65)
    }

    static func time(_ ms: Int64) -> String { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(ms) / 1000)) }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every device: id, name, status, replica, learners, enrolled, when its token was set.")
        @OptionGroup var data: StoreLocationOption
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() async throws {
            let devices = try await RepositoryStoreOpener.open(data).devices()
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(devices), as: UTF8.self))
                return
            }
            if devices.isEmpty { print("no devices enrolled (repositoryd enrolment-code makes a code for one)") }
            for device in devices {
                var line = "\(device.id)\t\(device.name)\t\(device.status)\treplica \(device.replica)\t\(device.learners) learners\tenrolled \(DeviceCommand.time(device.registeredMs))"
                    + "\ttoken since \(DeviceCommand.time(device.tokenMs ?? device.registeredMs))"
                if let copied = device.copiedFrom { line += "\tcopied from \(copied)" }
                if let by = device.replacedBy { line += "\treplaced by \(by)" }
                print(line)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse a device's token from now on (its learners stay on record).")
        @OptionGroup var data: StoreLocationOption
        @Argument(help: "The device's id, or its name when no other device has it.") var device: String

        func run() async throws {
            let store = try await RepositoryStoreOpener.open(data)
            do {
                let revoked = try await store.revokeDevice(device, nowMs: SQLiteRepositoryStore.systemNowMs())
                print("device \(revoked.name) (\(revoked.id)) revoked; its token is refused from now on. "
                      + "To let this PC sync again, give it a new code (repositoryd enrolment-code): enrolled from its own walletd it keeps its \(revoked.learners) learners.")
            } catch let error as DeviceLifecycleError {
                throw DeviceCommand.refuse(error)
            }
        }
    }

    struct Replace: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a one-time code for a new PC that takes a device's place: it gets that device's learners, and the old device is revoked.")
        @OptionGroup var data: StoreLocationOption
        @Argument(help: "The device's id, or its name when no other device has it.") var device: String
        @Option(name: .long, help: "Hours until the code expires.") var expiresHours = 24

        func validate() throws {
            guard (1...24 * 30).contains(expiresHours) else { throw ValidationError("--expires-hours must be 1…720.") }
        }

        func run() async throws {
            let store = try await RepositoryStoreOpener.open(data)
            let code = EnrolmentCode.generate()
            let now = SQLiteRepositoryStore.systemNowMs()
            let expires = now + Int64(expiresHours) * 3_600_000
            do {
                let id = try await store.addReplaceCode(code, replacing: device, nowMs: now, expiresMs: expires)
                print("\(code)  (one use, expires \(DeviceCommand.time(expires)); replaces device \(id))")
                print("On the new PC, as root: wallet-cli device enrol --repository URL --code \(code)")
            } catch let error as DeviceLifecycleError {
                throw DeviceCommand.refuse(error)
            }
        }
    }
}
