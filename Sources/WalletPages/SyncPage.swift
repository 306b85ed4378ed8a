import PageText

/// Sync in words ("Last synced 10 minutes ago. 3 results wait to be sent."), a button to sync
/// now, and the learner's conflicts: a profile field changed on two PCs while they were offline,
/// each value with a button that keeps it.
///
/// ```swift
/// let html = SyncPage.html(status: .init(enrolled: true, lastSuccessAgoSeconds: 600, pending: 3, lastError: nil),
///                          conflicts: [], notice: nil, context: context)
/// ```
public enum SyncPage {
    public struct Status: Sendable {
        public var enrolled: Bool
        /// Seconds since the last sync that reached the repository; nil when there was none.
        public var lastSuccessAgoSeconds: Int64?
        /// This learner's statements and records not yet sent.
        public var pending: Int
        public var lastError: String?
        public init(enrolled: Bool, lastSuccessAgoSeconds: Int64?, pending: Int, lastError: String?) {
            self.enrolled = enrolled
            self.lastSuccessAgoSeconds = lastSuccessAgoSeconds
            self.pending = pending
            self.lastError = lastError
        }
    }

    /// A field with several values; `context` is the token a choice is written with.
    public struct Conflict: Sendable {
        public var key: String
        public var values: [String]
        public var context: String
        public init(key: String, values: [String], context: String) {
            self.key = key
            self.values = values
            self.context = context
        }
    }

    public static func html(status: Status, conflicts: [Conflict], notice: String?, context: PageContext) -> String {
        let words = context.words
        let e = HTML.escape
        var body = WalletPageFrame.message(notice, kind: "notice")
        body += "<h1>\(e(words[.syncTitle]))</h1>"
        if !status.enrolled {
            body += "<p class=\"warning\">\(e(words[.syncNotEnrolled]))</p>"
        } else {
            var lines = [status.lastSuccessAgoSeconds.map { words(.syncLastSynced, ["when": words.ago(seconds: $0)]) } ?? words[.syncNever]]
            lines.append(status.pending == 0 ? words[.syncNothingPending]
                         : words.count(status.pending, one: .syncPendingOne, many: .syncPendingMany))
            body += "<p>" + lines.map(e).joined(separator: " ") + "</p>"
            if let error = status.lastError { body += "<p class=\"warning\">\(e(words(.syncLastError, ["detail": error])))</p>" }
        }
        body += "<form method=\"post\" action=\"\(WalletPaths.sync)\">\(context.tokenField)<button type=\"submit\">\(e(words[.syncNow]))</button></form>"
        body += "<h2>\(e(words[.conflictsTitle]))</h2>"
        if conflicts.isEmpty {
            body += "<p>\(e(words[.conflictsNone]))</p>"
        } else {
            body += "<p>\(e(words[.conflictsIntro]))</p>"
            for conflict in conflicts {
                body += "<fieldset class=\"card\"><legend><strong>\(e(conflict.key))</strong></legend>"
                for value in conflict.values {
                    body += "<form method=\"post\" action=\"\(WalletPaths.resolve)\">\(context.tokenField)"
                        + "<input type=\"hidden\" name=\"key\" value=\"\(e(conflict.key))\">"
                        + "<input type=\"hidden\" name=\"value\" value=\"\(e(value))\">"
                        + "<input type=\"hidden\" name=\"context\" value=\"\(e(conflict.context))\">"
                        + "<p>\(e(value)) <button type=\"submit\" class=\"secondary\" aria-label=\"\(e(words[.conflictKeep])): \(e(value))\">\(e(words[.conflictKeep]))</button></p></form>"
                }
                body += "</fieldset>"
            }
        }
        return WalletPageFrame.document(title: words[.syncTitle], body: body, context: context)
    }
}
