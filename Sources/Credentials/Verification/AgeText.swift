import Foundation

/// How long ago something happened, in the words a verifier reads ("3 days ago").
///
/// ```swift
/// AgeText.since(fetched, now: now)   // "3 days ago"
/// ```
enum AgeText {
    static func since(_ then: Date, now: Date) -> String {
        let seconds = now.timeIntervalSince(then)
        if seconds < -60 { return "in the future (" + since(now, now: then).replacingOccurrences(of: " ago", with: "") + " ahead: check the clock)" }
        if seconds < 60 { return "just now" }
        func plural(_ n: Int, _ unit: String) -> String { "\(n) \(unit)\(n == 1 ? "" : "s") ago" }
        let minutes = Int(seconds / 60), hours = Int(seconds / 3600), days = Int(seconds / 86_400)
        if minutes < 60 { return plural(minutes, "minute") }
        if hours < 48 { return plural(hours, "hour") }
        return plural(days, "day")
    }
}
