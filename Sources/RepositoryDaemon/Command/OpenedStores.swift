import RepositoryCore

/// The PostgreSQL stores an admin command opened, closed when the command ends: a process that
/// just exits leaves PostgreSQL to log each of its connections as reset by the peer.
///
/// ```swift
/// await OpenedStores.shared.add(store)
/// await OpenedStores.shared.closeAll()     // from main.swift, via Repositoryd.closeOpenedStores
/// ```
actor OpenedStores {
    static let shared = OpenedStores()
    private var stores: [PostgresRepositoryStore] = []

    func add(_ store: PostgresRepositoryStore) {
        stores.append(store)
    }

    func closeAll() async {
        let closing = stores
        stores = []
        for store in closing { await store.close() }
    }
}

extension Repositoryd {
    /// Closes what the admin command opened; `main.swift` runs it after every command.
    @Sendable public static func closeOpenedStores() async {
        await OpenedStores.shared.closeAll()
    }
}
