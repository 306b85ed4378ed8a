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
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // A status line starts a new response (after `100 Continue`, or a redirect): forget the
        // headers of the previous one so only the final response's headers remain.
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return }
        if let earlier = headers[name] {
            headers[name] = earlier + ", " + value
        } else {
            headers[name] = value
        }
    }
}
