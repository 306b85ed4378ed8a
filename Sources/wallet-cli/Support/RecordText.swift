import ArgumentParser
import Foundation
import WalletAPI
import Basics

/// The profile fields a learner may set (record keys `profile/FIELD`).
enum ProfileField: String, CaseIterable, ExpressibleByArgument {
    case name, email, phone, language

    var key: String { "profile/" + rawValue }
}

/// Record keys as people type them.
enum RecordKeys {
    /// `email` is short for `profile/email`; every other key is taken as typed.
    static func normalized(_ typed: String) -> String {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        return ProfileField(rawValue: trimmed)?.key ?? trimmed
    }
}

/// Record text for people, kept pure.
enum RecordText {
    /// A value as people read it: a string without quotes, anything else as JSON.
    static func text(_ value: JSONValue) -> String {
        value.stringValue ?? value.encodedString
    }

    /// `profile` output: one line per key, a conflict marked as such.
    static func profileLines(_ records: [RecordView]) -> [String] {
        guard !records.isEmpty else {
            return ["No profile fields yet. Set one with `wallet-cli profile set email you@example.org`."]
        }
        return records.map { record in
            let values = record.values.map(text)
            guard values.count > 1 else { return "\(record.key): \(values.first ?? "(no value)")" }
            return "\(record.key): CONFLICT between \(values.joined(separator: " | ")) — see `wallet-cli conflicts`"
        }
    }

    /// `conflicts` output: each conflicted key, its values numbered from 1, and how to settle it.
    static func conflictLines(_ records: [RecordView]) -> [String] {
        let conflicted = records.filter { $0.values.count > 1 }
        guard !conflicted.isEmpty else { return ["No conflicts."] }
        var lines: [String] = []
        for (i, record) in conflicted.enumerated() {
            if i > 0 { lines.append("") }
            let count = record.values.count
            let pcs = count == 2 ? "two" : count == 3 ? "three" : String(count)
            lines.append("\(record.key) was changed on \(pcs) PCs without a sync in between; all \(count) values are kept:")
            for (n, value) in record.values.enumerated() { lines.append("  \(n + 1). \(text(value))") }
            lines.append("  Keep one: wallet-cli resolve \(record.key) --pick N   (or give a new value: wallet-cli resolve \(record.key) VALUE)")
        }
        return lines
    }

    /// The value `resolve` writes: the Nth value shown (1-based, as JSON, unchanged) or the
    /// string typed.
    static func choice(in record: RecordView, value: String?, pick: Int?) throws(CLIError) -> JSONValue {
        if let pick {
            guard pick >= 1, pick <= record.values.count else {
                throw CLIError(.usage, "--pick must be 1 to \(record.values.count) for \(record.key): `wallet-cli conflicts` numbers its values.")
            }
            return record.values[pick - 1]
        }
        guard let value else {
            throw CLIError(.usage, "give the value to keep, or --pick N. `wallet-cli conflicts` numbers the values.")
        }
        return .string(value)
    }

    /// Why `resolve KEY` has nothing to do, given every record the learner has.
    static func notConflicted(_ key: String, among records: [RecordView]) -> CLIError {
        guard let record = records.first(where: { $0.key == key }) else {
            return CLIError(.notFound, "there is no \(key) for this learner, so nothing to resolve. `wallet-cli conflicts` lists the conflicts there are.")
        }
        let field = key.hasPrefix("profile/") ? ProfileField(rawValue: String(key.dropFirst("profile/".count))) : nil
        let change = field.map { " To change it: `wallet-cli profile set \($0.rawValue) VALUE`." } ?? ""
        return CLIError(.notFound, "\(key) has no conflict to resolve: its value is \(record.values.first.map(text) ?? "(none)").\(change)")
    }

    /// What `resolve` prints once walletd has taken the write.
    static func resolvedLines(_ view: RecordView) -> [String] {
        guard view.values.count > 1 else {
            return ["\(view.key) is now \(view.values.first.map(text) ?? "(no value)"). Other PCs settle at their next sync."]
        }
        // A value this PC had not shown was written meanwhile: it stays, nothing is dropped silently.
        return ["\(view.key) now has \(view.values.count) values: one was written on another PC since `wallet-cli conflicts` showed them.",
                "Run `wallet-cli conflicts` again and resolve once more."]
    }
}
