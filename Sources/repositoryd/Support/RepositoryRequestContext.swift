import Hummingbird

/// The request context of every repositoryd route.
struct RepositoryRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
