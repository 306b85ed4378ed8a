import Foundation

/// Words for copy-pasteable commands in wallet-cli's messages.
enum Shell {
    /// Quotes `text` when it holds spaces or quotes: `Ana` stays, `Ana Horvat` becomes `'Ana Horvat'`.
    static func quoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "-_.@<>".contains($0) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
