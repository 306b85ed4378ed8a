import Crypto
import Foundation
import WalletAPI
import HTTPTypes
import Hummingbird
import WalletCore
import SecurityPrimitives
import DaemonKit

/// The centre admin's credential for routes that change what this PC trusts (registering it with
/// a repository). walletd writes a random token to `DATA_DIR/admin.token`, mode 0600, at start:
/// whoever can read walletd's data folder (root, walletd's own user) is the admin. A learner's
/// session never is.
///
/// ```swift
/// let admin = try AdminToken.loadOrCreate(dataDirectory: dir)
/// try admin.require(request)   // 403 admin_required otherwise
/// ```
struct AdminToken: Sendable {
    static let fileName = "admin.token"
    static let header = HTTPField.Name(EndpointAccess.adminTokenHeader)!
    let digest: [UInt8]

    static func loadOrCreate(dataDirectory: String) throws -> AdminToken {
        let path = (dataDirectory as NSString).appendingPathComponent(fileName)
        if let text = try? String(contentsOfFile: path, encoding: .utf8), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            chmod(path, 0o600)
            return AdminToken(text: text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let token = SessionToken.generate().text
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StartupError(.cannotCreate, "cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array((token + "\n").utf8)
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw StartupError(.cannotCreate, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return AdminToken(text: token)
    }

    init(text: String) { digest = Array(SHA256.hash(data: Data(text.utf8))) }

    func matches(_ request: Request) -> Bool {
        guard let given = request.headers[Self.header] else { return false }
        let candidate = Array(SHA256.hash(data: Data(given.trimmingCharacters(in: .whitespaces).utf8)))
        // Compare digests in constant time.
        var difference: UInt8 = 0
        for (a, b) in zip(candidate, digest) { difference |= a ^ b }
        return difference == 0
    }

    func require(_ request: Request) throws {
        guard matches(request) else {
            throw APIError(.forbidden, .adminRequired,
                           "Only the centre admin may do this. Run the command as root or as walletd's user, so that wallet-cli can read walletd's \(Self.fileName).")
        }
    }
}
