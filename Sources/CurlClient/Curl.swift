import CCurl

/// Process-wide libcurl set-up.
///
/// `curl_global_init` is not thread-safe and must run once before any handle is created.
/// `CurlConnection` calls `Curl.initialize()` itself, so calling it explicitly is only needed to
/// learn early (at start-up) whether libcurl could initialise.
///
/// ```swift
/// guard Curl.initialize() else { fatalError("libcurl failed to initialise") }
/// print(Curl.version)   // "libcurl/7.88.1 OpenSSL/3.0.x …"
/// ```
public enum Curl {
    // A static let is initialised exactly once, under a lock, on first use: that is the guard.
    private static let initialized: Bool = ccurl_global_init_all() == CURLE_OK

    /// Initialises libcurl once per process. Returns false if libcurl could not initialise.
    @discardableResult
    public static func initialize() -> Bool { initialized }

    /// libcurl's version string, with its TLS library.
    public static var version: String { String(cString: curl_version()) }
}
