import Hummingbird
import RepositoryCore

/// Authenticates every request of the group it is added to (all of `/sync/v1/*` except
/// `/sync/v1/devices`, where a PC enrols with a code) and puts the device into the context.
/// It runs before a route reads the body, so an unknown caller cannot make the hub read 64 MiB.
///
/// ```swift
/// let sync = router.group("sync/v1").add(middleware: DeviceAuthMiddleware(devices: authenticator))
/// sync.post("push") { request, context in let device = try context.requireDevice() … }
/// ```
struct DeviceAuthMiddleware: RouterMiddleware {
    typealias Context = RepositoryRequestContext
    let devices: DeviceAuthenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.device = try await devices.authenticate(request)
        return try await next(request, context)
    }
}
