import CCurl
import Foundation

/// One libcurl easy handle, reused across requests so the connection is kept alive.
///
/// Not thread-safe by design: use one `CurlConnection` per thread or task, never share one.
/// Requests are blocking; from async code, call it off the cooperative pool (a dedicated thread)
/// or accept that one short local request blocks one pool thread.
///
/// Over a Unix socket (walletd), pass `unixSocketPath` and use `http://localhost/…` URLs.
/// Over TCP/TLS (the repository), pass `caFile` to trust a private CA; peer and host name are
/// always verified.
///
/// ```swift
/// let connection = CurlConnection(unixSocketPath: "/run/walletd/walletd.sock")
/// let response = try connection.perform(HTTPRequest(url: "http://localhost/v1/health"))
/// print(response.status, String(decoding: response.body, as: UTF8.self))
///
/// let repository = CurlConnection(caFile: "/etc/walletd/repository-ca.pem", connectTimeout: .seconds(5))
/// let pulled = try repository.perform(HTTPRequest(url: "https://repo.example.org/sync/pull", timeout: .seconds(60)))
/// ```
public final class CurlConnection {
    public let unixSocketPath: String?
    public let caFile: String?
    public let connectTimeout: Duration
    public let userAgent: String
    /// The local IP address connections leave from (CURLOPT_INTERFACE), nil for the system's
    /// choice. wallet-bench gives each simulated PC its own loopback address (127.0.0.0/8), as
    /// PCs on a network have, since the repository limits enrolments per address.
    public let localAddress: String?

    /// Created on first use, so that `init` cannot fail.
    private var handle: UnsafeMutableRawPointer?
    /// libcurl writes its detailed message here (CURL_ERROR_SIZE bytes).
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private static let errorBufferSize = Int(CURL_ERROR_SIZE)

    public init(
        unixSocketPath: String? = nil,
        caFile: String? = nil,
        connectTimeout: Duration = .seconds(10),
        userAgent: String = "learner-wallet",
        localAddress: String? = nil
    ) {
        self.localAddress = localAddress
        self.unixSocketPath = unixSocketPath
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.userAgent = userAgent
        errorBuffer = .allocate(capacity: Self.errorBufferSize)
        errorBuffer.initialize(repeating: 0, count: Self.errorBufferSize)
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
        errorBuffer.deallocate()
    }

    /// Sends `request` and collects the whole response body (up to `request.maxResponseBytes`).
    public func perform(_ request: HTTPRequest) throws(CurlError) -> HTTPResponse {
        let state = TransferState(maxBodyBytes: request.maxResponseBytes)
        return try run(request, state: state)
    }

    /// Sends `request` and hands the response body to `onBody` chunk by chunk as it arrives,
    /// for bodies too large to hold in memory. Return false from `onBody` to stop
    /// (`CurlError.cancelled`). The returned response has an empty `body`.
    public func perform(
        _ request: HTTPRequest,
        onBody: (UnsafeRawBufferPointer) -> Bool
    ) throws(CurlError) -> HTTPResponse {
        let state = TransferState(maxBodyBytes: .max)
        let result: Result<HTTPResponse, CurlError> = withoutActuallyEscaping(onBody) { sink in
            state.sink = sink
            defer { state.sink = nil }
            do throws(CurlError) {
                return .success(try run(request, state: state))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    // MARK: - Transfer

    private func run(_ request: HTTPRequest, state: TransferState) throws(CurlError) -> HTTPResponse {
        let handle = try easyHandle()
        // Reset drops every option of the previous request but keeps the live connection,
        // which is what makes keep-alive work across requests.
        curl_easy_reset(handle)
        errorBuffer[0] = 0

        let headerList = try makeHeaderList(request)
        defer { curl_slist_free_all(headerList) }

        try configure(handle, for: request, headers: headerList)

        let statePointer = Unmanaged.passUnretained(state).toOpaque()
        try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, statePointer))
        try check(ccurl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, userData in
            guard let userData else { return 0 }
            let state = Unmanaged<TransferState>.fromOpaque(userData).takeUnretainedValue()
            let length = size * count
            let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length)
            return state.receiveBody(bytes) ? length : 0
        })
        try check(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, statePointer))
        try check(ccurl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, userData in
            guard let userData else { return 0 }
            let state = Unmanaged<TransferState>.fromOpaque(userData).takeUnretainedValue()
            let length = size * count
            state.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length))
            return length
        })

        let code = withExtendedLifetime(state) { curl_easy_perform(handle) }
        guard code == CURLE_OK else {
            throw mapError(code, request: request, state: state)
        }

        var status = 0
        try check(ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status))
        return HTTPResponse(status: status, headers: state.headers, body: state.body)
    }

    private func easyHandle() throws(CurlError) -> UnsafeMutableRawPointer {
        if let handle { return handle }
        guard Curl.initialize() else { throw .failed(code: -1, detail: "curl_global_init failed") }
        guard let created = curl_easy_init() else {
            throw .failed(code: -1, detail: "curl_easy_init failed (out of memory?)")
        }
        handle = created
        return created
    }

    private func configure(
        _ handle: UnsafeMutableRawPointer,
        for request: HTTPRequest,
        headers: UnsafeMutablePointer<curl_slist>?
    ) throws(CurlError) {
        try check(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        // Signals are unsafe in a multi-threaded process; with NOSIGNAL, libcurl never uses them.
        try check(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        try setString(handle, CURLOPT_URL, request.url)
        // Never let a server or URL steer us to file://, ftp:// and the like.
        try setString(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        try setString(handle, CURLOPT_USERAGENT, userAgent)
        if let unixSocketPath { try setString(handle, CURLOPT_UNIX_SOCKET_PATH, unixSocketPath) }
        if let caFile { try setString(handle, CURLOPT_CAINFO, caFile) }
        // "host!" makes libcurl read it as an address, never as an interface name.
        if let localAddress { try setString(handle, CURLOPT_INTERFACE, "host!" + localAddress) }
        try check(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout)))
        try check(ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout)))
        try check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers))

        if request.body != nil, request.method == .get || request.method == .head {
            throw .invalidRequest("a \(request.method.rawValue) request cannot carry a body")
        }
        switch request.method {
        case .get:
            try check(ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1))
        case .head:
            try check(ccurl_setopt_long(handle, CURLOPT_NOBODY, 1))
        case .post, .put, .patch, .delete:
            if request.method != .post {
                try setString(handle, CURLOPT_CUSTOMREQUEST, request.method.rawValue)
            }
            // DELETE sends a body only when given one; the others always send one (maybe empty),
            // so that a Content-Length goes out.
            if request.body != nil || request.method != .delete {
                try setBody(handle, request.body ?? Data())
            }
        }
    }

    /// Copies the body into libcurl (COPYPOSTFIELDS), so our buffer need not outlive this call.
    private func setBody(_ handle: UnsafeMutableRawPointer, _ body: Data) throws(CurlError) {
        // The size must be set first, or libcurl would treat the bytes as a C string.
        try check(ccurl_setopt_offt(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
        var empty: UInt8 = 0
        let code: CURLcode = body.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                return ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: base))
            }
            return ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, &empty)
        }
        try check(code)
    }

    private func makeHeaderList(_ request: HTTPRequest) throws(CurlError) -> UnsafeMutablePointer<curl_slist>? {
        // "Name:" with no value tells libcurl to leave out a header it would add by itself:
        // no `Expect: 100-continue` round trip, no form-encoded Content-Type.
        var lines = ["Expect:"]
        if request.body != nil, !request.headers.keys.contains(where: { $0.lowercased() == "content-type" }) {
            lines.append("Content-Type:")
        }
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            guard Self.isValidHeaderName(name) else { throw .invalidRequest("header name \"\(name)\" is not a valid token") }
            // Scalars, not Characters: "\r\n" is one Character that equals neither "\r" nor "\n".
            guard !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                throw .invalidRequest("header \(name) contains a line break")
            }
            // libcurl's way to send a header with an empty value is "Name;".
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let appended = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw .failed(code: -1, detail: "curl_slist_append failed (out of memory?)")
            }
            list = appended
        }
        return list
    }

    private static func isValidHeaderName(_ name: String) -> Bool {
        let separators = Set("()<>@,;:\\\"/[]?={} \t")
        return !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0.value < 127 }
            && !name.contains(where: { separators.contains($0) })
    }

    // MARK: - Helpers

    private func setString(_ handle: UnsafeMutableRawPointer, _ option: CURLoption, _ value: String) throws(CurlError) {
        guard !value.utf8.contains(0) else { throw .invalidRequest("option value contains a NUL byte") }
        // libcurl copies string options, so the temporary C string may go after the call.
        try check(value.withCString { ccurl_setopt_string(handle, option, $0) })
    }

    private func check(_ code: CURLcode) throws(CurlError) {
        guard code == CURLE_OK else {
            throw .failed(code: Int(code.rawValue), detail: String(cString: curl_easy_strerror(code)))
        }
    }

    private func mapError(_ code: CURLcode, request: HTTPRequest, state: TransferState) -> CurlError {
        if state.exceededLimit { return .responseTooLarge(limit: state.maxBodyBytes) }
        if state.cancelledBySink { return .cancelled }
        let bufferText = String(cString: errorBuffer)
        let detail = bufferText.isEmpty ? String(cString: curl_easy_strerror(code)) : bufferText
        let target = unixSocketPath ?? Self.host(of: request.url)
        switch code {
        case CURLE_COULDNT_CONNECT:
            return .couldNotConnect(target: target, detail: detail)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .couldNotResolveHost(host: Self.host(of: request.url), detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(target: target, detail: detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .tlsFailure(target: target, detail: detail)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return .connectionLost(target: target, detail: detail)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidRequest(detail)
        default:
            return .failed(code: Int(code.rawValue), detail: detail)
        }
    }

    private static func host(of url: String) -> String {
        URLComponents(string: url)?.host ?? url
    }

    /// libcurl reads 0 as "no timeout", so anything positive rounds up to at least 1 ms.
    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, duration > .zero else { return 1 }
        let millis = seconds.multipliedReportingOverflow(by: 1000)
        guard !millis.overflow else { return Int.max }
        return max(1, Int(millis.partialValue) + Int(attoseconds / 1_000_000_000_000_000))
    }
}

// One handle must never be used from two threads at once; make the compiler say so.
@available(*, unavailable)
extension CurlConnection: Sendable {}
