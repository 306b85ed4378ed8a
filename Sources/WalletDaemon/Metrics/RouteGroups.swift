import WalletAPI

/// The route groups requests are counted by: the first segment of each declared endpoint's path
/// after `/v1` (`learners`, `sessions`, `sync`, …), or its first segment outside `/v1` (`xapi`,
/// `openapi.json`), plus `other` for every path no endpoint declares. The set comes from the
/// declarations, so a path a caller makes up (a learner id, a typo) never becomes a label.
///
/// ```swift
/// let groups = RouteGroups(Endpoints.all)
/// groups.names[groups.index(path: "/v1/learners/ana-7f3e/progress")]   // "learners"
/// groups.names[groups.index(path: "/no/such/route")]                   // "other"
/// ```
struct RouteGroups: Sendable {
    /// Every label value, `other` last.
    let names: [String]
    private let indexByName: [String: Int]

    static let other = "other"

    init(_ endpoints: [AnyEndpoint]) {
        var names: [String] = []
        for endpoint in endpoints {
            let name = String(Self.groupSegment(endpoint.template))
            if !name.isEmpty, !names.contains(name) { names.append(name) }
        }
        names.append(Self.other)
        self.names = names
        indexByName = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    /// The group's index in ``names``; `other` for anything undeclared.
    func index(path: String) -> Int {
        let segment = Self.groupSegment(path)
        // Group names are short; a long segment is no group (and would cost an allocation).
        if segment.utf8.count <= 15, let index = indexByName[String(segment)] { return index }
        return names.count - 1
    }

    /// `/v1/learners/…` → `learners`; `/xapi/statements` → `xapi`; `/openapi.json` → `openapi.json`.
    static func groupSegment(_ path: String) -> Substring {
        var segments = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: true).makeIterator()
        guard let first = segments.next() else { return "" }
        guard first == "v1" else { return first }
        return segments.next() ?? ""
    }
}
