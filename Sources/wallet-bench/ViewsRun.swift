import Foundation
import WalletAPI
import WalletClient
import Basics

/// `wallet-bench views`: how a learner's views cost as their history grows (issue 14). One
/// learner's statements are recorded through the xAPI API up to each size in turn (500 per
/// request, over 500 activities, one in ten about an outcome of the PC's catalog, a fifth of
/// them `passed` with a score); at each size the views a learner's page calls are timed, median
/// of five: progress, courses, a statements page of 50, and one more statement POSTed. With
/// `--pid`, walletd's peak resident memory is read from /proc after each size.
///
/// ```
/// wallet-bench views --socket S --sizes 1000,10000,100000 --pid 4242
/// ```
struct ViewsRun {
    let session: BenchSession
    let pid: Int?
    static let timedCalls = 5

    /// The catalog's outcome ids (the statements about them count for course progress).
    func outcomeIDs(_ client: WalletdClient) throws -> [String] {
        let courses = try client.call(Endpoints.courses)
        return courses.courses.flatMap { $0.outcomes.map(\.id) }
    }

    func execute(sizes: [Int]) throws {
        let client = WalletdClient(socketPath: session.socket, timeout: .seconds(600))
        let outcomes = try outcomeIDs(client)
        print("learner \(session.learner.id); the PC's catalog has \(outcomes.count) outcomes")
        print("statements   progress ms   courses ms   page of 50 ms   one POST ms   walletd peak RSS")
        var held = 0
        for size in sizes where size > held {
            try record(size - held, from: held, outcomes: outcomes, client: client)
            held = size
            let progress = try median { try check(client.send(Endpoints.progress, session.learner.id, token: session.token)) }
            let courses = try median { try check(client.send(Endpoints.learnerCourses, session.learner.id, token: session.token)) }
            let page = try median { try check(client.send(Endpoints.getStatements, query: ["limit": "50"], token: session.token)) }
            var next = held
            let post = try median {
                defer { next += 1 }
                return try check(client.send(Endpoints.postStatements, rawBody: statement(next, outcomes: outcomes), token: session.token))
            }
            held = next
            print(String(format: "%10d   %11.2f   %10.2f   %13.2f   %11.2f   ", size, progress, courses, page, post) + peakRSS())
        }
    }

    /// Records `count` statements numbered from `first`, 500 per request.
    func record(_ count: Int, from first: Int, outcomes: [String], client: WalletdClient) throws {
        var done = 0
        while done < count {
            let n = min(500, count - done)
            var body = Data("[".utf8)
            for i in 0..<n {
                if i > 0 { body.append(UInt8(ascii: ",")) }
                body.append(statement(first + done + i, outcomes: outcomes))
            }
            body.append(UInt8(ascii: "]"))
            _ = try check(client.send(Endpoints.postStatements, rawBody: body, token: session.token))
            done += n
        }
    }

    /// Statement number `index`: activity `index % 500`, or every tenth a catalog outcome.
    func statement(_ index: Int, outcomes: [String]) -> Data {
        let activity = !outcomes.isEmpty && index % 10 == 0
            ? outcomes[(index / 10) % outcomes.count]
            : "https://bench.learner-wallet.invalid/views/activities/\(index % 500)"
        let verbs = ["attempted", "progressed", "passed", "completed", "failed"]
        let verb = verbs[index % verbs.count]
        var fields: [String: JSONValue] = [
            "id": .string(UUID().uuidString.lowercased()),
            "actor": XAPI.learnerAgent(id: session.learner.id, name: session.learner.name),
            "verb": ["id": .string(XAPI.verbs[verb] ?? ""), "display": ["en-US": .string(verb)]],
            "object": ["objectType": "Activity", "id": .string(activity), "definition": ["name": ["en-US": .string("Activity \(index % 500)")]]],
            "timestamp": .string(Self.timestampStyle.format(Date())),
        ]
        if verb == "passed" {
            fields["result"] = ["success": true, "completion": true, "score": ["scaled": .number(Double(50 + index % 50) / 100)]]
        }
        return JSONValue.object(fields).encoded()
    }

    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    func check(_ response: WalletdResponse) throws -> WalletdResponse {
        guard (200..<300).contains(response.status) else {
            throw BenchSession.Failure(message: "walletd answered HTTP \(response.status): \(response.text.prefix(300))")
        }
        return response
    }

    /// The median wall time of `timedCalls` calls, in milliseconds.
    func median(_ call: () throws -> WalletdResponse) throws -> Double {
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<Self.timedCalls {
            var failure: (any Error)?
            let elapsed = clock.measure {
                do { _ = try call() } catch { failure = error }
            }
            if let failure { throw failure }
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return times.sorted()[times.count / 2]
    }

    func peakRSS() -> String {
        guard let pid, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return "-" }
        return String(format: "%.1f MB", kib / 1024)
    }
}
