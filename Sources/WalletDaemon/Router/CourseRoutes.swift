import Hummingbird
import WalletAPI
import WalletCore
import Catalog
import DaemonKit

/// `GET /v1/courses` (anyone: the catalog is public) and `GET /v1/learners/{id}/courses` (own
/// session: each learning outcome with the learner's progress on it, achieved by the rule the
/// repository issues by, with the assessors of the trust list this PC holds). Read from the kept
/// progress (`WalletStore.courseProgress`): a few rows per outcome, whatever the history. The catalog is the
/// one the repository last sent; devices never change it.
struct CourseRoutes: Sendable {
    let store: WalletStore

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.courses) { _, _ in
            try courses(learnerID: nil) { catalog in CourseProgressDerivation.withoutProgress(catalog: catalog) }
        }
        routes.on(Endpoints.learnerCourses) { _, context in
            let session = try context.requireSession()
            let learnerDID = try await store.learner(id: session.learnerID)?.holderKey?.did
            let assessors = try store.registeredAssessors()
            return try courses(learnerID: session.learnerID) { catalog in
                try store.courseProgress(learnerID: session.learnerID, catalog: catalog, learnerDID: learnerDID, assessors: assessors)
            }
        }
    }

    func courses(learnerID: String?, progress: (CourseCatalog) throws -> [CourseProgress]) throws -> Response {
        let held: (version: String, catalog: CourseCatalog)?
        do {
            held = try store.catalog()
        } catch let error as StoredCatalogError {
            throw APIError(.internalServerError, .internalError, "The stored course catalog cannot be read (\(error.reason)); the next sync replaces it.")
        }
        guard let held else {
            return JSONResponse.make(status: .ok, body: CoursesResponse(learner: learnerID, catalogVersion: nil, courses: []))
        }
        return JSONResponse.make(status: .ok, body: CoursesResponse(
            learner: learnerID, catalogVersion: held.version,
            courses: try progress(held.catalog)))
    }
}
