import Foundation

extension TrustListContent.AwardingBody {
    /// Whether `signer` is a key of this body allowed to sign at `created`: the current key of a
    /// body whose key never rotated signs at any time; once keys are listed with windows, the
    /// proof's `created` must fall inside the signer's window (`IssuerKeyWindow`).
    ///
    /// ```swift
    /// body.accepts(signer: proofSigner, created: proofCreated)
    /// ```
    public func accepts(signer: String, created: Date?) -> Bool {
        if keys.isEmpty { return signer == did }
        guard let created else { return false }
        return keys.contains { $0.did == signer && $0.covers(created) }
    }

    /// The windows `did` signs in (a key archived twice has two), empty when it is no listed key.
    public func windows(for did: String) -> [IssuerKeyWindow] {
        keys.isEmpty ? (did == self.did ? [IssuerKeyWindow(did: did, validFrom: nil, validUntil: nil)] : []) : keys.filter { $0.did == did }
    }

    /// Every DID of the body, current first.
    public var allKeys: [String] { [did] + keys.map(\.did).filter { $0 != did } }
}
