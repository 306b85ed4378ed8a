import Basics
import Foundation

/// Judges one cell's answer against its outcome in the table: the status and code; for the owner,
/// that the canaries the row names are there (so a leak would be seen); for anyone else, that no
/// canary of A is in the answer unless the caller sent it or the row says the route reveals it,
/// and that A's data is as it was before the call.
enum AuditCheck {
    /// What the audited call answered, reduced to what the checks read.
    struct Seen {
        var status: Int
        var code: ErrorCode?
        var json: JSONValue?
        /// The body and every header value.
        var text: String
    }

    static func seen(_ answer: RouteRecorder.Answer) -> Seen {
        let text = ([String(decoding: answer.body, as: UTF8.self)] + answer.headers.map(\.value)).joined(separator: "\n")
        return Seen(status: answer.status, code: answer.errorCode, json: answer.json, text: text)
    }

    /// - Parameters:
    ///   - canaries: A's planted values, by kind.
    ///   - owner: A's id as the answers name A (a pull's partitions).
    ///   - before, after: A's data as A reads it, around the call (nil for the owner's own calls).
    static func problems(_ cell: AuditCell, request: AuditRequest, seen: Seen, canaries: [AuditCanary: String], owner: String,
                         before: String?, after: String?) -> [String] {
        var problems: [String] = []
        let got = "\(seen.status)\(seen.code.map { " " + $0.rawValue } ?? "")"
        var reveals: Set<AuditCanary> = []
        var changesOwner = false
        switch cell.outcome {
        case .refused(let status, let code):
            if seen.status != status || seen.code != code { problems.append("expected refusal \(status) \(code.rawValue), got \(got)") }
        case .allowed(let status, let code, let shows, let revealed, let changes):
            if seen.status != status || seen.code != code {
                problems.append("expected \(status)\(code.map { " " + $0.rawValue } ?? ""), got \(got)")
            }
            if cell.caller.isOwner {
                for canary in shows.sorted(by: { $0.rawValue < $1.rawValue }) where !contains(seen.text, canaries[canary]) {
                    problems.append("the owner's answer lacks A's \(canary.rawValue): the leak check would see nothing")
                }
            }
            reveals = revealed
            changesOwner = changes
        case .partitionRefused(let code):
            let partitions = seen.json?["partitions"]?.arrayValue?.filter { $0["learner"]?.stringValue == owner } ?? []
            if seen.status != 200 || partitions.isEmpty || partitions.contains(where: { $0["refused"]?["code"]?.stringValue != code.rawValue }) {
                problems.append("expected 200 with A's partition refused \(code.rawValue), got \(got) with \(partitions.map { $0["refused"]?["code"]?.stringValue ?? "no refusal" })")
            }
        }
        guard !cell.caller.isOwner else { return problems }
        let sent = request.text
        for (canary, value) in canaries.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        where !reveals.contains(canary) && !sent.contains(value) && seen.text.contains(value) {
            problems.append("A's \(canary.rawValue) leaks to \(cell.caller)")
        }
        if !changesOwner, before != after {
            problems.append("A's data changed:\nbefore \(before ?? "-")\nafter  \(after ?? "-")")
        }
        return problems
    }

    static func contains(_ text: String, _ value: String?) -> Bool {
        guard let value, !value.isEmpty else { return false }
        return text.contains(value)
    }
}
