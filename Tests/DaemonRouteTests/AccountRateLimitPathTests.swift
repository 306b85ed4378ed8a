import Testing
import WalletAPI
@testable import WalletDaemon

/// Which requests `AccountRateLimitMiddleware` counts: a route with the learner's id in its path
/// (a PIN reset) must be matched by its template, or refused reset codes would go uncounted.
@Suite("Account rate limit: routes matched by template")
struct AccountRateLimitPathTests {
    @Test func aPathFitsItsTemplateWithEachParameterFilled() {
        let reset = Endpoints.resetPIN.template
        #expect(AccountRateLimitMiddleware.path(Endpoints.resetPIN.path("3f0c5a1e-0000-8000-8000-000000000001"), fits: reset))
        #expect(AccountRateLimitMiddleware.path(Endpoints.login.template, fits: Endpoints.login.template))
        #expect(!AccountRateLimitMiddleware.path("/v1/learners//pin/reset", fits: reset), "an empty id is no id")
        #expect(!AccountRateLimitMiddleware.path("/v1/learners/ana/pin", fits: reset))
        #expect(!AccountRateLimitMiddleware.path("/v1/learners/ana/pin/reset/more", fits: reset))
    }
}
