import Basics
import CoursePackage
import Foundation
import Hummingbird
import NIOCore
import WalletAPI
import WalletCore
import DaemonKit
#if canImport(Glibc)
import Glibc
#endif

/// `POST /v1/content` (import a cmi5 course package), `GET /v1/content` (list) and
/// `DELETE /v1/content/{id}` (remove), all for the centre admin only. The import streams the
/// body to a file in the data folder (at most `--max-package-bytes`), never holding it in
/// memory, then `ContentLibrary` checks and stores it (docs/CONTENT.md).
///
/// ```swift
/// ContentRoutes(library: library, maxPackageBytes: 512 << 20, clock: clock).register(on: routes)
/// ```
struct ContentRoutes: Sendable {
    let library: ContentLibrary
    let maxPackageBytes: Int
    let clock: WallClock

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.importContent) { request, _ in try await importPackage(request) }
        routes.on(Endpoints.listContent) { _, _ in try list() }
        routes.on(Endpoints.removeContent) { _, context in try remove(context.parameters.require("id")) }
    }

    func importPackage(_ request: Request) async throws -> Response {
        let type = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard type == ContentPackageZip.mediaType || type == "application/octet-stream" else {
            throw APIError(.unsupportedMediaType, .unsupportedMediaType,
                           "Send the course package as the body with Content-Type: application/zip (`wallet-cli content import PACKAGE.zip` does).")
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxPackageBytes {
            throw tooLarge()
        }
        let upload = try Self.wrap { try library.newUploadPath() }
        try await receive(request.body, into: upload)
        let (package, replaced) = try Self.wrap { try library.importPackage(at: upload, nowMs: clock.nowMs()) }
        return JSONResponse.make(status: .created, body: Self.summary(package, replaced: replaced != nil))
    }

    func list() throws -> Response {
        JSONResponse.make(status: .ok, body: ContentPackageList(packages: try library.packages().map {
            Self.summary($0, replaced: nil, filesMissing: library.hasFiles($0) ? nil : true)
        }))
    }

    func remove(_ id: String) throws -> Response {
        let removed = try Self.wrap { try library.remove(id, nowMs: clock.nowMs()) }
        return JSONResponse.make(status: .ok, body: Self.summary(removed, replaced: nil))
    }

    /// Writes the body to `path` as it arrives; past the limit the file is removed and 413 answered.
    private func receive(_ body: RequestBody, into path: String) async throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Self.apiError(.unpack(UnpackError(path: "the upload", errno: errno))) }
        var received = 0
        do {
            defer { close(fd) }
            for try await buffer in body {
                received += buffer.readableBytes
                guard received <= maxPackageBytes else { throw tooLarge() }
                try buffer.withUnsafeReadableBytes { bytes in
                    guard let base = bytes.baseAddress else { return }
                    var written = 0
                    while written < bytes.count {
                        let result = write(fd, base + written, bytes.count - written)
                        if result < 0 {
                            if errno == EINTR { continue }
                            throw Self.apiError(.unpack(UnpackError(path: "the upload", errno: errno)))
                        }
                        written += result
                    }
                }
            }
        } catch {
            unlink(path)
            throw error
        }
    }

    private func tooLarge() -> APIError {
        APIError(.contentTooLarge, .packageTooLarge,
                 "The course package is larger than this walletd takes (\(maxPackageBytes) bytes). Make its media smaller, or start walletd with a larger --max-package-bytes.")
    }

    static func wrap<T>(_ work: () throws -> T) throws -> T {
        do { return try work() } catch let error as ContentError { throw apiError(error) }
    }

    static func apiError(_ error: ContentError) -> APIError {
        switch error {
        case .zip, .structure: return APIError(.badRequest, .invalidPackage, error.message)
        case .unitInOtherPackage: return APIError(.conflict, .invalidPackage, error.message)
        case .packageNotFound: return APIError(.notFound, .packageNotFound, error.message)
        case .busy:
            var refusal = APIError(.serviceUnavailable, .busy, error.message)
            refusal.headers[.retryAfter] = "10"
            return refusal
        case .unpack(let failure) where failure.isDiskFull:
            return APIError(HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), .diskFull, error.message)
        case .unpack, .fileNotFound, .pathRefused:
            return APIError(.internalServerError, .internalError, error.message)
        }
    }

    static func summary(_ package: ContentPackage, replaced: Bool?, filesMissing: Bool? = nil) -> ContentPackageSummary {
        let preferred = ["en"]
        return ContentPackageSummary(
            id: package.id, course: package.courseId, title: LangString.pick(package.structure.course.title, for: preferred) ?? package.courseId,
            units: package.structure.assignableUnits.map {
                ContentUnitSummary(id: $0.id, title: LangString.pick($0.title, for: preferred) ?? $0.id, url: $0.url,
                                   moveOn: $0.moveOn.rawValue, masteryScore: $0.masteryScore)
            },
            files: package.fileCount, bytes: package.byteCount, sha256: package.sha256,
            importedAt: Timestamp.format(millisecondsSince1970: package.importedMs), replaced: replaced, filesMissing: filesMissing)
    }
}
