import Foundation
import NIOCore

/// Who is on the other end of walletd's Unix socket, as the kernel says (SO_PEERCRED): the uid of
/// the process that connected. A session is bound to the account that logged in, so a token copied
/// or read by another account on a shared PC is refused, and `wallet-cli lock` ends every session
/// of the calling account. nil when the channel is not a socket that can say (in-process tests).
///
/// ```swift
/// let uid = await PeerCredentials.uid(of: context.channel)   // 1000, or nil
/// ```
enum PeerCredentials {
    /// `struct ucred` of Linux: pid, uid, gid (three 32-bit fields).
    struct UCred: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    static func uid(of channel: any Channel) async -> UInt32? {
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        let future: EventLoopFuture<UCred> = provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        guard let credentials = try? await future.get(), credentials.pid > 0 else { return nil }
        return credentials.uid
        #else
        return nil
        #endif
    }
}
