import Foundation
import Hummingbird
import SyncEngine
import WalletAPI
import WalletCore
import DaemonKit

/// `POST /v1/learners/fetch`: a learner who started on another PC comes to this one. Their PIN is
/// checked by the repository (which throttles wrong guesses); their history follows with the sync
/// this route starts.
struct LearnerFetchRoutes: Sendable {
    let store: WalletStore
    let sync: SyncService

    func register(on routes: EndpointRoutes) {
        routes.on(Endpoints.fetchLearner) { request, _ in try await fetch(request) }
    }

    func fetch(_ request: Request) async throws -> Response {
        let input = try await JSONRequestBody.decode(FetchLearnerRequest.self, from: request, limit: 16 * 1024)
        let learnerID = input.learner.trimmingCharacters(in: .whitespaces).lowercased()
        guard !learnerID.isEmpty, learnerID.utf8.count <= 64 else { throw APIError.badRequest("Give the learner's id (`wallet-cli learner list` on their other PC shows it).", code: .invalidLearner) }
        if let here = try await store.learner(id: learnerID) {
            // Already here, maybe idle (out of the pull set): used now, so their history syncs again.
            try store.markUsed(here.id, nowMs: sync.clock.nowMs())
            _ = sync.requestRun()
            return JSONResponse.make(status: .ok, body: LearnerSummary(id: here.id, name: here.name))
        }
        let identity = try store.syncIdentity()
        guard identity.isRegistered, let repository = identity.repository else {
            throw APIError(.conflict, .notRegistered, "This PC is not registered with a repository, so it cannot fetch learners. The centre admin runs `wallet-cli device enrol`.")
        }
        let client = try RepositoryClient(baseURL: repository, token: identity.token, caFile: identity.caFile)
        let fetchRequest = LearnerFetchRequest(learner: learnerID, pin: input.pin)
        let answer: LearnerFetchResponse
        do {
            answer = try await Task.detached { try client.fetchLearner(fetchRequest) }.value
        } catch let error as RepositoryError {
            throw DeviceRoutes.apiError(error)
        }
        guard answer.learner.id == learnerID else { throw APIError(.badGateway, .repositoryError, "The repository sent another learner than the one asked for.") }
        _ = try store.insertFetchedLearner(answer.learner, nowMs: sync.clock.nowMs())
        _ = sync.requestRun()
        return JSONResponse.make(status: .created, body: LearnerSummary(id: answer.learner.id, name: answer.learner.name))
    }
}
