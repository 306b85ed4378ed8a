import Foundation
import WalletAPI
import Basics

/// Everything wallet-cli writes: human text and tables on stdout, pretty JSON for `--json`,
/// errors on stderr.
enum Output {
    static func line(_ text: String = "") {
        print(text)
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("wallet-cli: \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("wallet-cli: warning: \(message)\n".utf8))
    }

    /// Re-prints JSON received from walletd, pretty and with sorted keys, content unchanged.
    static func json(_ data: Data) throws(CLIError) {
        do {
            json(try JSONValue(data: data))
        } catch {
            throw CLIError(.internalError, "walletd sent an answer that is not JSON. Check walletd's log.")
        }
    }

    static func json(_ value: JSONValue) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail (see JSONValue.encoded()).
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        print(String(decoding: data, as: UTF8.self))
    }

    /// Columns padded to their widest cell; the last column is not padded.
    static func table(_ headers: [String], _ rows: [[String]]) {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        print(render(headers))
        for row in rows { print(render(row)) }
    }

    /// A scaled score for people: "0.85", or "" when there is none.
    static func score(_ value: Double?) -> String {
        guard let value else { return "" }
        return String(format: "%.2f", value)
    }
}
