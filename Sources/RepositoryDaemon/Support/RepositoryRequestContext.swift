import Hummingbird
import NIOCore
import RepositoryCore

/// The request context of every repositoryd route. `DeviceAuthMiddleware` fills in `device` on
/// the authenticated sync routes.
///
/// ```swift
/// router.post("push") { request, context in
///     let device = try context.requireDevice()
/// }
/// ```
struct RepositoryRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var device: EnrolledDevice?
    /// The client's address, for the limits per address (`RateLimitMiddleware`).
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The device the middleware authenticated. Throwing rather than unwrapping: a route
    /// registered outside the authenticated group by mistake answers 401, it does not crash.
    func requireDevice() throws -> EnrolledDevice {
        guard let device else { throw DeviceAuthenticator.missingToken }
        return device
    }
}
