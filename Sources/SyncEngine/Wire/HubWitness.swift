import Basics
import Crypto
import Foundation

/// Where the hub stood when it last answered a device: its epoch, its last change number, a
/// random mark given to the transaction that reached that number, and the hub's seal over the
/// three. A device keeps the newest it saw and shows it on its next pull.
///
/// This is how a hub that went back in time is caught. A hub restored from an older copy of its
/// database (or that lost its last commits to a power cut) no longer has the change number, or
/// has reached it again with another transaction and so another mark. It then starts a new
/// epoch, and every device that sees the new epoch sends all it holds again (idempotent) and
/// pulls from zero, so nothing the hub forgot is lost and no reused change number is skipped.
/// The seal means only a witness the hub itself gave can make it start a new epoch: a device
/// cannot make every PC of the centre resend everything by naming a change number.
///
/// ```swift
/// let key = HubWitnessKey.random()
/// let witness = HubWitness.sealed(epoch: epoch, seq: 41, mark: mark, key: key)
/// witness.isSealed(by: key)   // true
/// ```
public struct HubWitness: Sendable, Equatable {
    public var epoch: String
    public var seq: Int64
    public var mark: String
    public var seal: String

    public init(epoch: String, seq: Int64, mark: String, seal: String) {
        self.epoch = epoch
        self.seq = seq
        self.mark = mark
        self.seal = seal
    }

    /// A witness sealed with the hub's key (HMAC-SHA-256 over epoch, number and mark).
    public static func sealed(epoch: String, seq: Int64, mark: String, key: HubWitnessKey) -> HubWitness {
        HubWitness(epoch: epoch, seq: seq, mark: mark, seal: seal(epoch: epoch, seq: seq, mark: mark, key: key.key))
    }

    public func isSealed(by key: HubWitnessKey) -> Bool {
        guard let given = Base64URL.decode(seal) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: Self.message(epoch: epoch, seq: seq, mark: mark), using: key.key)
    }

    /// True when this witness, which a device shows, proves that the hub went back in time: the
    /// hub sealed it in its current epoch, and the hub's last change number is now below it, or the
    /// transaction that reached that number had another mark (`markAt` gives the mark kept for a
    /// number, nil when none is). A witness the hub did not seal, or from an earlier epoch, proves
    /// nothing: the device starts over by itself when it sees the new epoch.
    public func showsRollback(epoch current: String, key: HubWitnessKey, head: Int64, markAt: (Int64) throws -> String?) rethrows -> Bool {
        guard epoch == current, isSealed(by: key), seq > 0 else { return false }
        if seq > head { return true }
        return try markAt(seq) != mark
    }

    /// A fresh random mark or epoch: 128 bits, base64url.
    public static func randomToken() -> String {
        Base64URL.encode(SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) })
    }

    static func seal(epoch: String, seq: Int64, mark: String, key: SymmetricKey) -> String {
        Base64URL.encode(Array(HMAC<SHA256>.authenticationCode(for: message(epoch: epoch, seq: seq, mark: mark), using: key)))
    }

    /// Fields joined with a zero byte, which none of them can hold.
    static func message(epoch: String, seq: Int64, mark: String) -> Data {
        Data((epoch + "\u{0}" + String(seq) + "\u{0}" + mark).utf8)
    }

    public var json: JSONValue {
        .object(["epoch": .string(epoch), "seq": .number(Double(seq)), "mark": .string(mark), "seal": .string(seal)])
    }

    public init(_ object: WireObject) throws(SyncWireError) {
        epoch = try object.string("epoch", maxBytes: 64)
        seq = try object.int64("seq")
        mark = try object.string("mark", maxBytes: 64)
        seal = try object.string("seal", maxBytes: 64)
    }
}

/// The hub's secret for sealing witnesses: 256 random bits made with the hub's database and kept
/// in it, so a restored copy still recognises the witnesses it gave before.
///
/// ```swift
/// let key = HubWitnessKey.random()
/// let again = HubWitnessKey(bytes: key.bytes)
/// ```
public struct HubWitnessKey: Sendable {
    let key: SymmetricKey

    public init(bytes: [UInt8]) {
        key = SymmetricKey(data: bytes)
    }

    public static func random() -> HubWitnessKey {
        HubWitnessKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    public var bytes: [UInt8] { key.withUnsafeBytes { Array($0) } }
}
