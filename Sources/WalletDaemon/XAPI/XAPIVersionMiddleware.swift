import Foundation
import HTTPTypes
import Hummingbird
import WalletAPI
import WalletCore
import Basics
import DaemonKit

/// xAPI's version handshake: every request but `/about` must name a version walletd speaks in
/// `X-Experience-API-Version`, and every answer, errors included, carries the version it was
/// served under.
struct XAPIVersionMiddleware: RouterMiddleware {
    typealias Context = WalletRequestContext

    static let header = HTTPField.Name(XAPI.versionHeader)!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var served = XAPI.currentVersion
        var response: Response
        do {
            if !request.uri.path.hasSuffix("/about") {
                guard let asked = request.headers[Self.header] else {
                    throw APIError(.badRequest, .missingVersionHeader, "xAPI requests need the header \(XAPI.versionHeader): 2.0.0 (or 1.0.3).")
                }
                guard let version = XAPISpecVersion(header: asked) else {
                    throw APIError(.badRequest, .unsupportedVersion, "\(XAPI.versionHeader) \(asked) is not supported; use 2.0.0 or 1.0.3.")
                }
                served = version == .v1_0_3 ? "1.0.3" : XAPI.currentVersion
            }
            response = try await next(request, context)
        } catch {
            response = ErrorResponder.walletd.response(for: error, request: request, logger: context.logger)
        }
        response.headers[Self.header] = served
        return response
    }
}
