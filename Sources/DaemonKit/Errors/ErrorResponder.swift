import Basics
import Hummingbird
import Logging

/// Turns any error a route throws into the one JSON error answer, in the words of one daemon.
/// An ``APIError`` answers as itself; Hummingbird's own errors (no route, body too large) get a
/// code and a message that points at the daemon's route list; anything else is logged and
/// answered with a generic 500 that leaks nothing (the store's transaction rolled back, so the
/// request changed nothing).
///
/// ```swift
/// let responder = ErrorResponder(daemon: "walletd", routeList: "docs/API.md", internalAdvice: "Check walletd's log.")
/// let response = responder.response(for: error, request: request, logger: context.logger)
/// ```
public struct ErrorResponder: Sendable {
    /// The daemon's name as people know it ("walletd", "the repository").
    public var daemon: String
    /// Where its routes are listed, for "no such route" answers.
    public var routeList: String
    /// The last words of a 500: where to look next.
    public var internalAdvice: String

    public init(daemon: String, routeList: String, internalAdvice: String) {
        self.daemon = daemon
        self.routeList = routeList
        self.internalAdvice = internalAdvice
    }

    public func response(for error: any Error, request: Request, logger: Logger) -> Response {
        switch error {
        case let error as APIError:
            return error.response()
        case let error as any HTTPResponseError:
            return describe(error.status, request: request).response()
        default:
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            return APIError(.internalServerError, .internalError, "\(daemon) could not handle this request and changed nothing. \(internalAdvice)").response()
        }
    }

    public func describe(_ status: HTTPResponse.Status, request: Request) -> APIError {
        switch status {
        case .notFound:
            APIError(status, .notFound, "There is no route \(request.method) \(request.uri.path) on \(daemon); \(routeList) lists them.")
        case .methodNotAllowed:
            APIError(status, .methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path); \(routeList) lists the routes.")
        case .contentTooLarge:
            APIError(status, .bodyTooLarge, "The request body is too large for \(daemon); send smaller batches.")
        case .badRequest:
            APIError(status, .badRequest, "The request is malformed (\(request.method) \(request.uri.path)).")
        default:
            APIError(status, .httpError, "\(status.code) \(status.reasonPhrase) (\(request.method) \(request.uri.path)).")
        }
    }
}
