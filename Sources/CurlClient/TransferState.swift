import Foundation

/// What libcurl's write and header callbacks fill in during one `curl_easy_perform`.
///
/// The callbacks are C function pointers and cannot capture, so they receive this object through
/// `CURLOPT_WRITEDATA` / `CURLOPT_HEADERDATA` as an unretained pointer; `CurlConnection` keeps it
/// alive for the duration of the transfer.
final class TransferState {
    var headers: [String: String] = [:]
    var body = Data()
    let maxBodyBytes: Int
    /// When set, body bytes go here instead of `body`; returning false stops the transfer.
    var sink: ((UnsafeRawBufferPointer) -> Bool)?
    private(set) var exceededLimit = false
    private(set) var cancelledBySink = false

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    /// Returns false to make libcurl abort the transfer.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if let sink {
            guard sink(bytes) else {
                cancelledBySink = true
                return false
            }
            return true
        }
        guard body.count + bytes.count <= maxBodyBytes else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// One raw header line as libcurl hands it over, CRLF included.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = Self.trimmed(Substring(String(decoding: bytes, as: UTF8.self)))
        // A status line starts a new response (after `100 Continue`, or a redirect): forget the
        // headers of the previous one so only the final response's headers remain.
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = Self.trimmed(line[..<colon]).lowercased()
        let value = String(Self.trimmed(line[line.index(after: colon)...]))
        guard !name.isEmpty else { return }
        if let earlier = headers[name] {
            headers[name] = earlier + ", " + value
        } else {
            headers[name] = value
        }
    }

    /// ASCII whitespace trimmed from both ends. Foundation's `trimmingCharacters` goes through
    /// NSString and was a visible share of a request's client-side cost.
    static func trimmed(_ text: Substring) -> Substring {
        let isSpace = { (c: Character) in c == " " || c == "\t" || c == "\r" || c == "\n" || c == "\r\n" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return text[first...last]
    }
}
