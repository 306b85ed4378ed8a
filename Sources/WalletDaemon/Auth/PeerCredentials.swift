import Foundation
import NIOCore
import Synchronization

/// Who is on the other end of walletd's Unix socket, as the kernel says (SO_PEERCRED): the uid of
/// the process that connected. A session is bound to the account that logged in, so a token copied
/// or read by another account on a shared PC is refused, and `wallet-cli lock` ends every session
/// of the calling account.
///
/// The kernel is asked once per connection, when it is accepted (`PeerCredentialsHandler`, on the
/// channel's event loop), and the answer kept here until the connection closes: asking per
/// request cost a hop to the event loop and back on every authenticated call (measured: a
/// quarter of the single-client statement rate). nil when the channel is not a socket that can
/// say (in-process tests).
///
/// ```swift
/// let uid = PeerCredentials.uid(of: context.channel)   // 1000, or nil
/// ```
enum PeerCredentials {
    /// `struct ucred` of Linux: pid, uid, gid (three 32-bit fields).
    struct UCred: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }

    private static let known = Mutex<[ObjectIdentifier: UInt32]>([:])

    static func uid(of channel: any Channel) -> UInt32? {
        known.withLock { $0[ObjectIdentifier(channel)] }
    }

    static func remember(_ uid: UInt32, for channel: any Channel) {
        known.withLock { $0[ObjectIdentifier(channel)] = uid }
    }

    static func forget(_ channel: any Channel) {
        _ = known.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Asks the kernel; called on the channel's event loop, where the answer is immediate.
    static func ask(_ channel: any Channel) {
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider else { return }
        let future: EventLoopFuture<UCred> = provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        future.whenSuccess { credentials in
            if credentials.pid > 0 { remember(credentials.uid, for: channel) }
        }
        #endif
    }
}

/// Put on every accepted connection: asks the kernel who connected, once, and forgets it when the
/// connection closes.
final class PeerCredentialsHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny

    func handlerAdded(context: ChannelHandlerContext) {
        PeerCredentials.ask(context.channel)
    }

    func channelInactive(context: ChannelHandlerContext) {
        PeerCredentials.forget(context.channel)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        PeerCredentials.forget(context.channel)
    }
}
