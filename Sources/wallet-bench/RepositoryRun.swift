import CurlClient
import Foundation

/// `wallet-bench repository`: many PCs syncing with repositoryd at once (issue 12's
/// "100 devices × 1,000 statements"). Enrols every PC first (untimed), makes every push body
/// (untimed), then times all PCs pushing at once, then all PCs pulling their statements back.
///
/// ```
/// wallet-bench repository --url http://127.0.0.1:8443 --codes codes.txt --devices 100 --per-device 1000 --pids 4242
/// ```
struct RepositoryRun {
    let options: RepositoryOptions

    static func main(_ arguments: [String]) -> Never {
        let options: RepositoryOptions
        do {
            options = try RepositoryOptions.parse(arguments)
        } catch {
            fail("\(error.message)\n\(RepositoryOptions.usage)", status: 64)
        }
        do {
            let ok = try RepositoryRun(options: options).execute()
            exit(ok ? 0 : 1)
        } catch {
            fail("\(error)", status: 1)
        }
    }

    func execute() throws -> Bool {
        let codes = try String(contentsOfFile: options.codesFile, encoding: .utf8)
            .split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard codes.count >= options.devices else {
            throw SimulatedDevice.Failure(description: "\(options.codesFile) holds \(codes.count) enrolment codes; \(options.devices) devices need one each")
        }
        #if DEBUG
        FileHandle.standardError.write(Data("wallet-bench: note: this is a debug build; build with -c release for real numbers.\n".utf8))
        #endif
        print("repository bench: \(options.devices) PCs × \(options.perDevice) statements (`experienced`, batches of \(options.batch)), "
              + "PCs shared round-robin over \(options.urls.joined(separator: ", "))")

        let devices = try (0..<options.devices).map { n in
            try SimulatedDevice.enrol(number: n, url: options.urls[n % options.urls.count], code: codes[n])
        }
        let bodies = devices.map { $0.pushBodies(count: options.perDevice, batch: options.batch) }

        let push = ConcurrentPhase.run(workers: devices.count) { index in
            let device = devices[index]
            let connection = device.connection()
            return ConcurrentPhase.Worker(prepare: { try device.warmUp(connection) }, work: { recorder in
                for body in bodies[index] {
                    try recorder.time { try device.push(body, over: connection) }
                }
            })
        }
        let expected = options.devices * options.perDevice
        var pushFailed = push.failed
        var firstError = push.firstError
        if push.statements != expected, push.failed == 0 {
            pushFailed += 1
            firstError = "the hub accepted \(push.statements) of \(expected) statements pushed"
        }

        let limit = options.batch
        let perDevice = options.perDevice
        let pull = ConcurrentPhase.run(workers: devices.count) { index in
            let device = devices[index]
            let connection = device.connection()
            return ConcurrentPhase.Worker(prepare: { try device.warmUp(connection) }, work: { recorder in
                var since: Int64 = 0
                var received = 0
                var more = true
                while more {
                    try recorder.time {
                        let page = try device.pull(since: since, limit: limit, over: connection)
                        since = page.next
                        more = page.more
                        received += page.statements
                        return page.statements
                    }
                }
                if received != perDevice { recorder.fail("PC \(index) pulled \(received) of its \(perDevice) statements back") }
            })
        }
        firstError = firstError ?? pull.firstError
        let errors = pushFailed + pull.failed

        print(RepositoryReport.phase("push", push))
        print(RepositoryReport.phase("pull", pull))
        print("errors: \(errors)" + (firstError.map { " (first: \($0))" } ?? ""))
        let memory = options.pids.map { ($0, RepositoryReport.peakResidentMB(pid: $0)) }
        for (pid, mb) in memory {
            print("repositoryd pid \(pid): peak resident memory \(mb.map { String(format: "%.1f MB", $0) } ?? "unknown (process gone?)")")
        }
        print(RepositoryReport.resultLine(push: push, pull: pull, errors: errors, memory: memory.map(\.1)))
        return errors == 0
    }
}
