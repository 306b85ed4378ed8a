// repositoryd's entry point. Everything else lives in the RepositoryDaemon library, so that tests can build
// its router in-process (docs/ARCHITECTURE.md).
import DaemonKit
import RepositoryDaemon

await CommandMain.run(Repositoryd.self, atEnd: Repositoryd.closeOpenedStores)
