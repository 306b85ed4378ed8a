import Foundation
import Hummingbird
import WalletAPI
import WalletCore
import Catalog
import DaemonKit

/// `GET /v1/courses` (anyone: the catalog is public) and `GET /v1/learners/{id}/courses` (own
/// session: each learning outcome with the learner's progress on it). The catalog is the one the
/// repository last sent; devices never change it.
struct CourseRoutes: Sendable {
    let store: WalletStore

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.courses) { _, _ in try courses(learnerID: nil, activities: []) }
        routes.on(Endpoints.learnerCourses) { request, context in
            let session = try context.requireSession()
            let activities = ProgressDerivation.derive(from: try await store.activeStatements(learnerID: session.learnerID))
            return try courses(learnerID: session.learnerID, activities: activities)
        }
    }

    func courses(learnerID: String?, activities: [ActivityProgress]) throws -> Response {
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
            courses: CourseProgressDerivation.derive(catalog: catalog, activities: activities)))
    }
}
