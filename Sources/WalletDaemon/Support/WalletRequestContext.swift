import Hummingbird

/// The request context of every walletd route. Bodies are read with an explicit limit from the
/// configuration (`RequestBody.collect(upTo:)`, which answers 413), so the context adds nothing
/// yet; it exists so that routes and middleware name one context type.
struct WalletRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }
}
