import DaemonKit

extension ErrorResponder {
    /// repositoryd's words for errors no route chose a code for.
    static let repository = ErrorResponder(daemon: "the repository", routeList: "docs/SYNC.md and docs/REPOSITORY.md",
                                           internalAdvice: "Its log says why; try again later.")
}
