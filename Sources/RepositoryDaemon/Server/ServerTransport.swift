import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import DaemonKit

/// HTTPS when a certificate and key are given, else plain HTTP with a warning: walletd accepts
/// plain HTTP only to a loopback address, so a repository reachable from the centres needs TLS.
///
/// ```swift
/// let server = try ServerTransport.make(certificate: "cert.pem", key: "key.pem", idleSeconds: 120, logger: logger)
/// ```
enum ServerTransport {
    /// `idleSeconds`: a connection that sends nothing that long is closed, between requests or in
    /// the middle of one (Hummingbird's idle timeout), and so is one whose answer cannot be
    /// written for that long (`IdleConnectionCloser`).
    static func make(certificate: String?, key: String?, idleSeconds: Int, logger: Logger) throws(StartupError) -> HTTPServerBuilder {
        let http = HTTPServerBuilder.http1(configuration: .init(
            additionalChannelHandlers: [IdleStateHandler(allTimeout: .seconds(Int64(idleSeconds))), IdleConnectionCloser()],
            idleTimeout: .seconds(Int64(idleSeconds))))
        guard let certificate, let key else {
            logger.warning("serving plain HTTP: PCs accept this only on loopback; give --tls-cert and --tls-key to serve HTTPS")
            return http
        }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
            guard !chain.isEmpty else {
                throw StartupError(.configuration, "\(certificate) holds no PEM certificate")
            }
            let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
            var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey))
            // NIOSSL's server default still accepts TLS 1.0 and 1.1, which every PC's libcurl
            // outgrew long ago and which the BSI and NIST guidelines retired.
            tls.minimumTLSVersion = .tlsv12
            return try .tls(http, tlsConfiguration: tls)
        } catch let error as StartupError {
            throw error
        } catch {
            throw StartupError(.configuration,
                "cannot load the TLS certificate \(certificate) or key \(key): \(error). Both must be PEM files this user can read (see docs/REPOSITORY.md).")
        }
    }
}
