import Foundation
import Testing
import SecurityPrimitives
@testable import WalletCore

/// The fsync policy asked for is the one in force on the connection that writes.
@Suite("Store durability setting")
struct WalletStoreDurabilityTests {
    @Test(arguments: [(Durability.full, 2), (.normal, 1)])
    func theWriterUsesTheRequestedSynchronousMode(_ durability: Durability, _ expected: Int) throws {
        let folder = NSTemporaryDirectory() + "durability-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try WalletStore(directory: folder, durability: durability)
        #expect(try store.effectiveSynchronous() == expected)
    }
}
