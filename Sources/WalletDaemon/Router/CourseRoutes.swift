import Foundation
import Hummingbird
import WalletAPI
import WalletCore
import Catalog
import DaemonKit

/// `GET /v1/courses` (anyone: the catalog is public) and `GET /v1/learners/{id}/courses` (own
/// session: each learning outcome with the learner's progress on it, achieved by the rule the
/// repository issues by, with the assessors of the trust list this PC holds). The catalog is the
/// one the repository last sent; devices never change it.
struct CourseRoutes: Sendable {
    let store: WalletStore

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.courses) { _, _ in
            try courses(learnerID: nil) { CourseProgressDerivation.withoutProgress(catalog: $0) }
        }
        routes.on(Endpoints.learnerCourses) { _, context in
            let session = try context.requireSession()
            let statements = try await store.activeStatements(learnerID: session.learnerID)
            let learnerDID = try await store.learner(id: session.learnerID)?.holderKey?.did
            let assessors = try store.registeredAssessors()
            return try courses(learnerID: session.learnerID) { catalog in
                CourseProgressDerivation.derive(catalog: catalog, statements: statements, learnerID: session.learnerID,
                                                learnerDID: learnerDID, assessors: assessors)
            }
        }
    }

    func courses(learnerID: String?, progress: (CourseCatalog) -> [CourseProgress]) throws -> Response {
        guard let stored = try store.catalogJSON() else {
            return JSONResponse.make(status: .ok, body: CoursesResponse(learner: learnerID, catalogVersion: nil, courses: []))
        }
        let catalog: CourseCatalog
        do {
            catalog = try CourseCatalog.parse(Data(stored.json.utf8))
        } catch {
            throw APIError(.internalServerError, .internalError, "The stored course catalog cannot be read (\(error)); the next sync replaces it.")
        }
        return JSONResponse.make(status: .ok, body: CoursesResponse(
            learner: learnerID, catalogVersion: stored.version,
            courses: progress(catalog)))
    }
}
