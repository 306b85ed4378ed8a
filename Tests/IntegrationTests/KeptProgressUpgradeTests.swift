import Foundation
import Testing
import Basics
import WalletAPI
import WalletClient

/// Issue 14: a PC database written by walletd before it kept progress (made by
/// `Fixtures/pre-kept-progress/make.sh` with the release binaries of d3f1519: self-assessed passes,
/// a failed then passed outcome, raw scores, a voided pass, an assessor's two attestations, a
/// second learner) opens with today's walletd, which builds the kept progress in its migration,
/// and shows exactly what the old walletd showed.
@Suite("A PC database from before kept progress", .serialized)
struct KeptProgressUpgradeTests {
    static let fixture = "Fixtures/pre-kept-progress"

    static func file(_ name: String) throws -> URL {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        guard let url = Bundle.module.url(forResource: parts[0], withExtension: parts.count > 1 ? parts[1] : nil, subdirectory: fixture) else {
            throw HarnessError("no \(fixture)/\(name) in the test bundle")
        }
        return url
    }

    static func learners() throws -> [(name: String, id: String, pin: String)] {
        let pins = ["ana": "2468-ana", "cem": "1122-cem"]
        return try String(contentsOf: file("learners.txt"), encoding: .utf8).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 2, let pin = pins[fields[0]] else { return nil }
            return (fields[0], fields[1], pin)
        }
    }

    @Test func showsTheSameProgressAndCoursesAsBefore() throws {
        let pc = try Walletd()
        try FileManager.default.createDirectory(atPath: pc.dataDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(atPath: try Self.file("wallet.sqlite").path, toPath: pc.dataDirectory + "/wallet.sqlite")
        try pc.start()
        let client = pc.client
        let learners = try Self.learners()
        #expect(learners.count == 2)
        for learner in learners {
            let token = try client.call(Endpoints.login, body: CreateSessionRequest(learner: learner.id, pin: learner.pin)).token
            let answers = [("progress", try client.send(Endpoints.progress, learner.id, token: token)),
                           ("courses", try client.send(Endpoints.learnerCourses, learner.id, token: token))]
            for (view, answer) in answers {
                #expect(answer.status == 200)
                let now = try JSONValue(data: answer.body)
                let before = try JSONValue(data: Data(contentsOf: Self.file("\(learner.name)-\(view).json")))
                #expect(now == before, "\(learner.name)'s \(view) changed with the upgrade")
            }
        }
        let check = try StorageLifecycleTests.run("walletd", ["check", "--data-dir", pc.dataDirectory])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("kept progress equals progress derived from every statement"), "\(check.output)")
    }
}
