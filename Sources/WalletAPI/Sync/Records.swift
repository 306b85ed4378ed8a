import Basics
/// A learner's mutable record (profile field or enrolment) as the API shows it: every current
/// value (more than one means concurrent edits on different PCs: a conflict) and the context
/// token a write must send back to replace exactly the values shown.
///
/// ```swift
/// let email = RecordView(key: "profile/email", values: ["a@x.org", "b@x.org"], context: "eyJ…")
/// email.values.count > 1   // a conflict to resolve
/// ```
public struct RecordView: Codable, Sendable, Equatable {
    public var key: String
    public var values: [JSONValue]
    /// Opaque (base64url of the version vector); send it back unchanged.
    public var context: String

    public init(key: String, values: [JSONValue], context: String) {
        self.key = key
        self.values = values
        self.context = context
    }
}

/// `GET /v1/learners/{id}/records` (`?conflicts=true` for conflicted ones only): a page of them by
/// key (`Paging`). A conflicts-only page reads a bounded number of records, so it may hold fewer
/// than `limit`, even none, and still have a `next`.
public struct RecordsResponse: PagedAnswer, Equatable {
    public var learner: String
    public var records: [RecordView]
    /// The next page's path (absent on the last page).
    public var next: String?
    public init(learner: String, records: [RecordView], next: String? = nil) {
        self.learner = learner
        self.records = records
        self.next = next
    }

    public mutating func append(page: RecordsResponse) {
        records += page.records
        next = page.next
    }
}

/// `POST /v1/learners/{id}/records`: write a value. With `context` (from a `RecordView`) the write
/// replaces exactly the values that view showed, which is how a conflict is resolved; without it,
/// it replaces every value this PC knows of. Answer: 200 `RecordView`.
///
/// Keys: `profile/name`, `profile/email`, `profile/phone`, `profile/language`, `enrolment/COURSE-ID`
/// (value `"enrolled"`, `"withdrawn"` or `"completed"`).
public struct WriteRecordRequest: Codable, Sendable, Equatable {
    public var key: String
    public var value: JSONValue
    public var context: String?

    public init(key: String, value: JSONValue, context: String?) {
        self.key = key
        self.value = value
        self.context = context
    }
}
