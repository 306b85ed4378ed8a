/// How many of a learner's statements wait for the repository's acknowledgement, as an SQL
/// expression over the learner `l` and their sync partition `p` (LEFT JOINed): the statements
/// after the push checkpoint that a push sends (made here, or pulled but within the resend
/// window), less the quarantined ones.
///
/// Each term counts one range of an index, never the learner's history: local statements after
/// `pushed_seq` in `statement_local_seq` (a partial index of `origin = 0`), the resend window
/// in `statement_learner_seq`, and the few quarantined statements by their ids (`CROSS JOIN`
/// keeps SQLite from walking the statements instead and looking each up in the quarantine). Counting the
/// condition row by row instead read every statement pulled since the last push to see its
/// origin: seconds for a learner whose history came from another PC. A test checks the plan.
///
/// ```swift
/// let sql = "SELECT l.id, \(PendingStatementCount.expression) FROM learner l LEFT JOIN sync_partition p ON p.learner_id = l.id"
/// ```
enum PendingStatementCount {
    static let expression = """
        ((SELECT COUNT(*) FROM statement s WHERE s.learner_id = l.id AND s.origin = 0 AND s.seq > \(pushed))
         + (SELECT COUNT(*) FROM statement s WHERE s.learner_id = l.id AND s.seq > \(pushed) AND s.seq <= \(resend))
         - (SELECT COUNT(*) FROM statement s WHERE s.learner_id = l.id AND s.origin = 0 AND s.seq > \(pushed) AND s.seq <= \(resend))
         - (SELECT COUNT(*) FROM sync_quarantine q CROSS JOIN statement s ON s.id = q.item AND s.learner_id = q.learner_id
              WHERE q.learner_id = l.id AND q.kind = 'statement' AND s.seq > \(pushed) AND (s.origin = 0 OR s.seq <= \(resend))))
        """

    private static let pushed = "COALESCE(p.pushed_seq, 0)"
    private static let resend = "COALESCE(p.resend_through, 0)"
}
