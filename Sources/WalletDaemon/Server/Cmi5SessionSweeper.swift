import Logging
import ServiceLifecycle
import WalletCore
import DaemonKit

/// Closes lesson launches whose time ran out (cmi5 9.3.6: four hours without a statement, twelve
/// hours in all) every few minutes, so a lesson a learner walked away from reads `abandoned` in
/// their record and on the repository soon after, not only when someone starts the next lesson.
///
/// ```swift
/// services.append(Cmi5SessionSweeper(store: store, clock: clock, logger: logger) { sync.localChange() })
/// ```
struct Cmi5SessionSweeper: Service {
    let store: WalletStore
    let clock: WallClock
    let logger: Logger
    var interval: Duration = .seconds(300)
    let onChange: @Sendable () -> Void

    func run() async {
        // A shutdown cancels the sleep; the loop then ends without an error.
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                await sweep()
                try? await Task.sleep(for: interval)
            }
        }
    }

    func sweep() async {
        do {
            let abandoned = try await store.abandonExpiredCmi5Sessions(nowMs: clock.nowMs())
            if !abandoned.isEmpty {
                logger.info("lesson launches abandoned", metadata: ["count": "\(abandoned.count)"])
                onChange()
            }
        } catch {
            // A full or read-only disk: the next sweep tries again; nothing was half written.
            logger.warning("could not close expired lesson launches", metadata: ["error": "\(error)"])
        }
    }
}
