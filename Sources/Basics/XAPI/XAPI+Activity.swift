extension XAPI {
    /// The id of an Activity Object (objectType absent or "Activity"), else nil: what progress,
    /// the statement index and the issuance rule all take a statement to be about.
    ///
    /// ```swift
    /// if let object = statement["object"], let activity = XAPI.activityID(of: object) { tally[activity, default: 0] += 1 }
    /// ```
    public static func activityID(of object: JSONValue) -> String? {
        let type = object["objectType"]?.stringValue
        guard type == nil || type == "Activity" else { return nil }
        return object["id"]?.stringValue
    }
}
