import WalletAPI
import Basics

/// Attachment headers (Data 2.4.11). Whether the raw data came along (multipart part or
/// `fileUrl`) is a question about the request, answered where the request is parsed.
extension StatementRules {
    private static let attachmentKeys: Set<String> = [
        "usageType", "display", "description", "contentType", "length", "sha2", "fileUrl",
    ]
    /// Hex lengths of SHA-224, SHA-256, SHA-384 and SHA-512 digests.
    private static let sha2HexLengths: Set<Int> = [56, 64, 96, 128]

    func checkAttachments(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        for (index, element) in try JSONShape.array(value, at: path).enumerated() {
            try checkAttachment(element, at: JSONShape.element(path, index))
        }
    }

    private func checkAttachment(_ value: JSONValue, at path: String) throws(StatementValidationError) {
        let attachment = try JSONShape.object(value, at: path)
        try JSONShape.checkKeys(attachment, allowed: Self.attachmentKeys, at: path)
        try checkIRI(JSONShape.required(attachment, "usageType", at: path), at: JSONShape.child(path, "usageType"))
        try checkLanguageMap(JSONShape.required(attachment, "display", at: path), at: JSONShape.child(path, "display"))
        if let description = attachment["description"] {
            try checkLanguageMap(description, at: JSONShape.child(path, "description"))
        }
        try JSONShape.formattedString(
            JSONShape.required(attachment, "contentType", at: path), at: JSONShape.child(path, "contentType"),
            XAPIFormat.isMediaType, "an Internet media type such as application/pdf")

        let lengthPath = JSONShape.child(path, "length")
        let length = try JSONShape.number(JSONShape.required(attachment, "length", at: path), at: lengthPath)
        guard length >= 0, length.rounded(.towardZero) == length else {
            throw StatementValidationError(path: lengthPath, reason: "must be a whole number of octets, 0 or more")
        }
        // The spec types sha2 as a string; a value that is no hex SHA-2 digest could never match
        // the X-Experience-API-Hash of a part, so it is refused here rather than later.
        try JSONShape.formattedString(
            JSONShape.required(attachment, "sha2", at: path), at: JSONShape.child(path, "sha2"),
            { XAPIFormat.isHex($0, lengths: Self.sha2HexLengths) },
            "a SHA-2 digest in hex (64 digits for SHA-256)")
        if let fileUrl = attachment["fileUrl"] {
            try checkIRL(fileUrl, at: JSONShape.child(path, "fileUrl"))
        }
    }
}
