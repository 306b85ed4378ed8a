import Basics
import ArgumentParser

/// `repositoryd`: the central repository — course catalog, sync hub for the centres' PCs.
///
/// ```
/// repositoryd serve --data-dir /var/lib/repositoryd --port 8443 --tls-cert cert.pem --tls-key key.pem --catalog catalog.json
/// repositoryd enrolment-code --data-dir /var/lib/repositoryd
/// repositoryd backup /srv/backups/repository-2026-12-01
/// ```
public struct Repositoryd: AsyncParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "repositoryd",
        abstract: "The learner wallet's central repository: course catalog and sync hub for the centres' PCs.",
        version: WalletVersion.string,
        subcommands: [ServeCommand.self, EnrolmentCodeCommand.self, CatalogCommand.self, StatsCommand.self, AssessorCommand.self,
                      CredentialCommand.self, TrustAnchorCommand.self, KeyCommand.self, DeviceCommand.self, LearnerCommand.self, BackupCommand.self, RestoreCommand.self, CheckCommand.self,
                      AuditCommand.self, StoreCommand.self],
        defaultSubcommand: ServeCommand.self)
}
