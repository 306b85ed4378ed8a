import Foundation
import Basics

/// The file a learner hands an employer: the signed presentation plus what checking it offline
/// needs — the newest signed status list of each issuer (with when it was fetched) and the
/// repository's signed trust list. Shape in docs/CREDENTIALS.md.
///
/// ```swift
/// let export = WalletExport(exportedAt: now, presentation: signedVP,
///                           statusLists: [.init(url: url, fetchedAt: fetched, credential: list)],
///                           trustList: .init(fetchedAt: fetched, credential: trust))
/// try export.json.encoded().write(to: file)
/// let read = try WalletExport(json: JSONValue(data: Data(contentsOf: file)))
/// ```
public struct WalletExport: Sendable, Equatable {
    public static let type = "LearnerWalletExport"
    public static let version = 1

    public struct StatusListCopy: Sendable, Equatable {
        public var url: String
        public var fetchedAt: Date
        public var credential: JSONValue

        public init(url: String, fetchedAt: Date, credential: JSONValue) {
            self.url = url
            self.fetchedAt = fetchedAt
            self.credential = credential
        }
    }

    public struct TrustListCopy: Sendable, Equatable {
        public var fetchedAt: Date
        public var credential: JSONValue

        public init(fetchedAt: Date, credential: JSONValue) {
            self.fetchedAt = fetchedAt
            self.credential = credential
        }
    }

    public var exportedAt: Date
    public var presentation: JSONValue
    public var statusLists: [StatusListCopy]
    public var trustList: TrustListCopy?

    public init(exportedAt: Date, presentation: JSONValue, statusLists: [StatusListCopy], trustList: TrustListCopy?) {
        self.exportedAt = exportedAt
        self.presentation = presentation
        self.statusLists = statusLists
        self.trustList = trustList
    }

    public var json: JSONValue {
        var fields: [String: JSONValue] = [
            "type": .string(Self.type),
            "version": .number(Double(Self.version)),
            "exportedAt": .string(CredentialDate.string(from: exportedAt)),
            "presentation": presentation,
            "statusLists": .array(statusLists.map {
                ["url": .string($0.url), "fetchedAt": .string(CredentialDate.string(from: $0.fetchedAt)), "credential": $0.credential]
            }),
        ]
        if let trustList {
            fields["trustList"] = ["fetchedAt": .string(CredentialDate.string(from: trustList.fetchedAt)), "credential": trustList.credential]
        }
        return .object(fields)
    }

    /// Reads an export file, or a bare signed presentation (then without status or trust lists).
    public init(json: JSONValue) throws(CredentialError) {
        guard case .object(let fields) = json else { throw .invalid("the file is not a JSON object") }
        if let types = fields["type"]?.arrayValue, types.contains("VerifiablePresentation") {
            self.init(exportedAt: Date(timeIntervalSince1970: 0), presentation: json, statusLists: [], trustList: nil)
            return
        }
        guard fields["type"]?.stringValue == Self.type else {
            throw .invalid("this is neither a learner wallet export (type \(Self.type)) nor a VerifiablePresentation")
        }
        guard fields["version"]?.doubleValue == Double(Self.version) else {
            throw .invalid("export version \(fields["version"].map { "\($0)" } ?? "missing") is not one this verifier reads (\(Self.version))")
        }
        guard let exported = fields["exportedAt"]?.stringValue.flatMap(CredentialDate.parse) else { throw .invalid("exportedAt is missing or not a date") }
        guard let presentation = fields["presentation"], presentation.objectValue != nil else { throw .invalid("the export holds no presentation") }
        var lists: [StatusListCopy] = []
        for entry in fields["statusLists"]?.arrayValue ?? [] {
            guard let url = entry["url"]?.stringValue, let fetched = entry["fetchedAt"]?.stringValue.flatMap(CredentialDate.parse),
                  let credential = entry["credential"], credential.objectValue != nil
            else { throw .invalid("a status list copy lacks url, fetchedAt or credential") }
            lists.append(StatusListCopy(url: url, fetchedAt: fetched, credential: credential))
        }
        var trust: TrustListCopy?
        if let entry = fields["trustList"] {
            guard let fetched = entry["fetchedAt"]?.stringValue.flatMap(CredentialDate.parse), let credential = entry["credential"], credential.objectValue != nil
            else { throw .invalid("the trust list copy lacks fetchedAt or credential") }
            trust = TrustListCopy(fetchedAt: fetched, credential: credential)
        }
        self.init(exportedAt: exported, presentation: presentation, statusLists: lists, trustList: trust)
    }
}
