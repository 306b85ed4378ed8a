import DaemonKit
import SyncEngine

extension APIError {
    /// A sync message that cannot be read: 400 with the wire error's code and the path it names.
    init(_ wire: SyncWireError) {
        self.init(.badRequest, wire.code, wire.description)
    }
}
