// walletd's entry point. Everything else lives in the WalletDaemon library, so that tests can build
// its router in-process (docs/ARCHITECTURE.md).
import DaemonKit
import WalletDaemon

await CommandMain.run(WalletdCommand.self)
