import HTTPTypes
import Hummingbird
import WalletAPI
import WalletCore
import Basics

/// `X-Experience-API-Consistent-Through` on every answer of the statements resource — reads,
/// writes and refusals alike, a 404 or a missing version header included (issue 13): a client
/// learns how far its reads are complete whatever it asked. The time is the later of now and the
/// newest `stored` (walletd's `stored` never runs ahead of its clock by more than a clock step,
/// and every statement stored before the answer is readable then).
///
/// Outside `XAPIVersionMiddleware`, which turns every error into an answer, so this one sees an
/// answer for every request. A GET that reads statements sets the header itself, from before its
/// read, so that a statement stored while it reads is never inside the time it names; this one
/// fills in the others.
///
/// ```swift
/// router.group().add(middleware: XAPIConsistentThroughMiddleware(store: store, clock: clock))
///     .add(middleware: XAPIVersionMiddleware())
/// ```
struct XAPIConsistentThroughMiddleware: RouterMiddleware {
    typealias Context = WalletRequestContext

    static let header = HTTPField.Name(XAPI.consistentThroughHeader)!

    let store: WalletStore
    let clock: WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard Self.isStatementsResource(request.uri.path), response.headers[Self.header] == nil else { return response }
        // A store that cannot be read (a damaged disk) still answers: its clock is the bound.
        let newest = (try? await store.latestStoredMs()) ?? nil
        response.headers[Self.header] = Timestamp.format(millisecondsSince1970: max(clock.nowMs(), newest ?? 0))
        return response
    }

    static func isStatementsResource(_ path: String) -> Bool {
        let resource = Endpoints.getStatements.template
        return path == resource || path == resource + "/"
    }
}
