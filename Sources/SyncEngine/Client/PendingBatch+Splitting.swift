/// Cutting a batch into smaller ones that are still acknowledged in order: to keep a batch under
/// the byte budget, and to find the item a refused batch carries.
///
/// Each part keeps the learner (every push announces them) and its own push checkpoint: the seq
/// of its last statement, or 0 for a part with records only (acknowledging moves a checkpoint
/// forward only, never back).
extension PendingBatch {
    /// Statements, then records, as one list of items.
    public var itemCount: Int { request.statements.count + request.records.count }

    /// The items `range` of the batch (statements first, then records).
    func part(_ range: Range<Int>) -> PendingBatch {
        let statementCount = request.statements.count
        let statements = range.clamped(to: 0..<statementCount)
        let records = (range.lowerBound - statementCount)..<(range.upperBound - statementCount)
        let recordRange = records.clamped(to: 0..<request.records.count)
        let seqs = statementSeqs.count == statementCount ? Array(statementSeqs[statements]) : []
        let lastSeq: Int64
        if statements.isEmpty {
            lastSeq = 0
        } else if let last = seqs.last {
            lastSeq = last
        } else {
            // Without the seqs only the part ending at the batch's last statement may move the
            // checkpoint; an earlier part is sent again later, which changes nothing.
            lastSeq = statements.upperBound == statementCount ? self.lastSeq : 0
        }
        let pushed = PushRequest(replica: request.replica, learner: request.learner, statements: Array(request.statements[statements]),
                                 records: Array(request.records[recordRange]))
        return PendingBatch(request: pushed, lastSeq: lastSeq, statementSeqs: seqs)
    }

    /// The two halves of a batch of two or more items; nil for one item or none.
    func halves() -> (PendingBatch, PendingBatch)? {
        let count = itemCount
        guard count > 1 else { return nil }
        return (part(0..<count / 2), part(count / 2..<count))
    }

    /// The longest leading part within `maxBytes` of items, at least one item; the batch itself
    /// when it fits.
    func fitted(maxBytes: Int) -> PendingBatch {
        var bytes = 0
        var count = 0
        for statement in request.statements {
            bytes += statement.json.utf8.count
            if bytes > maxBytes && count > 0 { return part(0..<count) }
            count += 1
        }
        for record in request.records {
            bytes += record.json.encodedString.utf8.count
            if bytes > maxBytes && count > 0 { return part(0..<count) }
            count += 1
        }
        return self
    }

    /// The one item of a batch of one, as a quarantine entry's item.
    var onlyItem: QuarantineEntry.Item? {
        guard itemCount == 1 else { return nil }
        if let statement = request.statements.first { return .statement(statement, seq: statementSeqs.first ?? (lastSeq > 0 ? lastSeq : nil)) }
        return request.records.first.map(QuarantineEntry.Item.record)
    }
}
