import WalletAPI
import Basics

/// The result and its score (Data 2.4.5).
extension StatementRules {
    private static let resultKeys: Set<String> = ["score", "success", "completion", "response", "duration", "extensions"]
    private static let scoreKeys: Set<String> = ["scaled", "raw", "min", "max"]

    func checkResult(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let result = try JSONShape.object(value, at: path)
        try JSONShape.checkKeys(result, allowed: Self.resultKeys, at: path)
        if let score = result["score"] {
            try checkScore(score, at: JSONShape.child(path, "score"))
        }
        if let success = result["success"] {
            try JSONShape.bool(success, at: JSONShape.child(path, "success"))
        }
        if let completion = result["completion"] {
            try JSONShape.bool(completion, at: JSONShape.child(path, "completion"))
        }
        if let response = result["response"] {
            try JSONShape.string(response, at: JSONShape.child(path, "response"))
        }
        if let duration = result["duration"] {
            try JSONShape.formattedString(
                duration, at: JSONShape.child(path, "duration"), XAPIFormat.isDuration,
                "an ISO 8601 duration such as PT1H30M or P3DT4.5S")
        }
        if let extensions = result["extensions"] {
            try checkExtensions(extensions, at: JSONShape.child(path, "extensions"))
        }
    }

    /// `scaled` within -1…1; `min` below `max`; `raw` within `min`…`max` where those are given.
    private func checkScore(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let score = try JSONShape.object(value, at: path)
        try JSONShape.checkKeys(score, allowed: Self.scoreKeys, at: path)
        let scaled = try score["scaled"].map { v throws(StatementValidationError) in
            try JSONShape.number(v, at: JSONShape.child(path, "scaled"))
        }
        let raw = try score["raw"].map { v throws(StatementValidationError) in
            try JSONShape.number(v, at: JSONShape.child(path, "raw"))
        }
        let min = try score["min"].map { v throws(StatementValidationError) in
            try JSONShape.number(v, at: JSONShape.child(path, "min"))
        }
        let max = try score["max"].map { v throws(StatementValidationError) in
            try JSONShape.number(v, at: JSONShape.child(path, "max"))
        }
        if let scaled, !(-1...1).contains(scaled) {
            throw StatementValidationError(path: JSONShape.child(path, "scaled"), reason: "must be between -1 and 1")
        }
        if let min, let max, min >= max {
            throw StatementValidationError(path: JSONShape.child(path, "min"), reason: "must be less than max")
        }
        if let raw, let min, raw < min {
            throw StatementValidationError(path: JSONShape.child(path, "raw"), reason: "must not be less than min")
        }
        if let raw, let max, raw > max {
            throw StatementValidationError(path: JSONShape.child(path, "raw"), reason: "must not be greater than max")
        }
    }
}
