import Testing
@testable import SyncEngine

@Suite("When walletd syncs")
struct SyncScheduleTests {
    @Test func aLocalChangeSyncsAfterTheDebounce() {
        var schedule = SyncSchedule(intervalSeconds: 60, debounceSeconds: 2, now: 0)
        schedule.succeeded(now: 0)
        #expect(!schedule.isDue(now: 30))
        schedule.localChange(now: 30)
        #expect(!schedule.isDue(now: 31) && schedule.isDue(now: 32))
    }

    /// A statement recorded while a run was pushing waited a whole interval: the run's success
    /// set the next sync an interval away, over the change's debounce.
    @Test func aLocalChangeDuringARunSyncsRightAfterIt() {
        var schedule = SyncSchedule(intervalSeconds: 60, debounceSeconds: 2, now: 0)
        schedule.started(now: 10)
        schedule.localChange(now: 11)
        schedule.succeeded(now: 12)
        #expect(schedule.isDue(now: 14), "the change made during the run goes out after the debounce")
        schedule.started(now: 14)
        schedule.succeeded(now: 15)
        #expect(!schedule.isDue(now: 74) && schedule.isDue(now: 75), "a change the run took along needs nothing more")
    }

    @Test func aLocalChangeBeforeARunIsTakenAlong() {
        var schedule = SyncSchedule(intervalSeconds: 60, debounceSeconds: 2, now: 0)
        schedule.localChange(now: 9)
        schedule.started(now: 10)
        schedule.succeeded(now: 12)
        #expect(!schedule.isDue(now: 71) && schedule.isDue(now: 72))
    }

    @Test func periodicAfterSuccess() {
        var schedule = SyncSchedule(intervalSeconds: 60, debounceSeconds: 2, now: 0)
        schedule.succeeded(now: 10)
        #expect(!schedule.isDue(now: 69) && schedule.isDue(now: 70))
    }

    @Test("failures back off exponentially, with jitter in the upper half, capped at 5 minutes", arguments: [0.0, 0.5, 0.999])
    func backoff(random: Double) {
        var schedule = SyncSchedule(intervalSeconds: 60, debounceSeconds: 2, now: 0)
        var ceilings: [Double] = []
        for _ in 0..<12 {
            schedule.failed(now: 100, random: random)
            let wait = schedule.secondsUntilDue(now: 100)
            let ceiling = min(SyncSchedule.maxBackoffSeconds, SyncSchedule.baseBackoffSeconds * Double(1 << (schedule.failures - 1)))
            #expect(wait >= ceiling / 2 && wait <= ceiling)
            ceilings.append(ceiling)
        }
        #expect(ceilings.prefix(4) == [2, 4, 8, 16])
        #expect(ceilings.last == 300)
        // A local change does not defeat the backoff…
        schedule.localChange(now: 100)
        #expect(!schedule.isDue(now: 101))
        // …and a success resets it.
        schedule.succeeded(now: 500)
        #expect(schedule.failures == 0 && schedule.isDue(now: 560))
    }
}
