/// The words walletd's refusal and wallet-cli's output use for unsynced data, in one place.
///
/// ```swift
/// UnsyncedCounts(statements: 12, records: 1, quarantined: 2).summary
/// // "12 statements, 1 record and 2 items the repository refused (held on this PC)"
/// ```
extension UnsyncedCounts {
    public var summary: String {
        var parts: [String] = []
        if statements > 0 { parts.append(Self.count(statements, "statement")) }
        if records > 0 { parts.append(Self.count(records, "record")) }
        if quarantined > 0 { parts.append(Self.count(quarantined, "item") + " the repository refused (held on this PC)") }
        if profile { parts.append("the profile itself (PIN and holder key)") }
        guard let last = parts.popLast() else { return "nothing" }
        return parts.isEmpty ? last : parts.joined(separator: ", ") + " and " + last
    }

    /// Why a plain forget is refused and what to do: sync first, or force.
    public func refusal(learnerName name: String) -> String {
        guard enrolled else {
            return "This PC is not enrolled with a repository, so nothing of \(name)'s is kept anywhere else: \(summary) would be lost. "
                + "Enrol the PC (`wallet-cli device enrol`, centre admin) and run `wallet-cli sync`, or use `wallet-cli forget --force` to lose it."
        }
        if quarantined > 0 {
            return "\(summary.prefix(1).uppercased() + summary.dropFirst()) of \(name)'s have not reached the repository. "
                + "`wallet-cli sync status` shows why the repository refused items; sync again when fixed, or use `wallet-cli forget --force` to lose them."
        }
        let verb = statements + records + (profile ? 1 : 0) == 1 ? "has" : "have"
        return "\(summary.prefix(1).uppercased() + summary.dropFirst()) of \(name)'s \(verb) not reached the repository yet: "
            + "connect this PC and run `wallet-cli sync`, or use `wallet-cli forget --force` to lose \(statements + records + (profile ? 1 : 0) == 1 ? "it" : "them")."
    }

    /// "1 record", "12 statements".
    public static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
