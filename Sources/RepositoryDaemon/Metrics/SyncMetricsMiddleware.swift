import Basics
import DaemonKit
import Hummingbird

/// Times every push and pull and counts it by outcome. It sits in front of the device check, so a
/// revoked or unknown device's tries count as refusals too (a PC retrying with a dead token shows
/// up as `code="device_revoked"`). Other routes of the group pass through untouched.
///
/// ```swift
/// let sync = router.group("sync/v1").add(middleware: SyncMetricsMiddleware(metrics: metrics))
///                                   .add(middleware: DeviceAuthMiddleware(devices: authenticator))
/// ```
struct SyncMetricsMiddleware: RouterMiddleware {
    typealias Context = RepositoryRequestContext
    let metrics: RepositoryMetrics

    static let pushPath = "/sync/v1/push"
    static let pullPath = "/sync/v1/pull"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let operation: RepositoryMetrics.Operation
        switch request.uri.path {
        case Self.pushPath: operation = .push
        case Self.pullPath: operation = .pull
        default: return try await next(request, context)
        }
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let response = try await next(request, context)
            metrics.record(operation, Self.outcome(status: Int(response.status.code)), took: clock.now - started)
            return response
        } catch {
            metrics.record(operation, Self.outcome(of: error), took: clock.now - started)
            throw error
        }
    }

    /// An answer that was not thrown: 2xx and 3xx are answered, a 4xx a refusal (no code to read),
    /// anything else an error.
    static func outcome(status: Int) -> RepositoryMetrics.Outcome {
        switch status {
        case ..<400: .ok
        case 400..<500: .refused(code: "http_\(status)")
        default: .error
        }
    }

    /// A thrown error: a 4xx `APIError` is a refusal with its code, another 4xx HTTP error one named
    /// by its status (`http_413`); 5xx answers and every other error (the store's) are errors.
    /// Both label sets are bounded: the codes of ``ErrorCode`` and 100 statuses.
    static func outcome(of error: any Error) -> RepositoryMetrics.Outcome {
        if let error = error as? APIError {
            return (400..<500).contains(Int(error.status.code)) ? .refused(code: error.code.rawValue) : .error
        }
        if let error = error as? any HTTPResponseError {
            return outcome(status: Int(error.status.code))
        }
        return .error
    }
}
