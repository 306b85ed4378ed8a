import NIOCore

/// Closes a connection when `IdleStateHandler` says nothing was read or written for its time.
/// Hummingbird's idle timeout closes a connection that stops sending, between requests or in
/// the middle of one; it leaves alone one whose answer is being written. A PC that lost power
/// while it downloaded a large pull answer leaves such a connection, its writes stuck in a full
/// send buffer, holding a slot and the answer's memory until the kernel gives up, hours later.
///
/// ```swift
/// .http1(configuration: .init(additionalChannelHandlers: [IdleStateHandler(allTimeout: .seconds(120)), IdleConnectionCloser()]))
/// ```
final class IdleConnectionCloser: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .all {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
