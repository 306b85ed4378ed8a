import Basics
import Hummingbird

/// A full disk, a read-only or a damaged database met by a route answers with its own code and
/// status (507 `disk_full`, 503 `storage_read_only`, 503 `storage_damaged`) and a message saying
/// what to do, instead of a generic 500; the fault is recorded for the health route. The store's
/// transaction rolled back, so nothing of the request was written.
///
/// ```swift
/// router.add(middleware: JSONErrorMiddleware(responder: .walletd))
/// router.add(middleware: StorageFaultMiddleware(daemon: "walletd", condition: store.storage, classify: WalletStore.storageFault(of:)))
/// ```
public struct StorageFaultMiddleware<Context: RequestContext>: RouterMiddleware {
    public let daemon: String
    public let condition: StorageCondition
    public let classify: @Sendable (any Error) -> StorageFault?

    public init(daemon: String, condition: StorageCondition, classify: @escaping @Sendable (any Error) -> StorageFault?) {
        self.daemon = daemon
        self.condition = condition
        self.classify = classify
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            guard let fault = classify(error) else { throw error }
            condition.record(fault)
            context.logger.error("storage fault", metadata: ["path": "\(request.uri.path)", "storage": "\(fault.rawValue)", "error": "\(String(reflecting: error))"])
            throw APIError(Self.status(fault), fault.code, fault.advice(daemon: daemon))
        }
    }

    static func status(_ fault: StorageFault) -> HTTPResponse.Status {
        fault.httpStatus == 507 ? HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage") : .serviceUnavailable
    }
}
