import Foundation

/// Copies a repository's keys folder to where other instances will read it, file by file, owner
/// only. A key already there must be the same bytes: a different key under the same name would
/// change a DID verifiers trust, so the copy stops instead.
///
/// ```swift
/// try KeysFolderCopy.copy(from: "/var/lib/repositoryd/keys", to: "/etc/repositoryd/keys")
/// ```
enum KeysFolderCopy {
    static func copy(from source: String, to destination: String) throws {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: source) else {
            throw KeysFolderCopyError("there is no keys folder at \(source): is --from the repository's data folder?")
        }
        try fm.createDirectory(atPath: destination, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        while let relative = enumerator.nextObject() as? String {
            let from = (source as NSString).appendingPathComponent(relative)
            let to = (destination as NSString).appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: from, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                try fm.createDirectory(atPath: to, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                continue
            }
            guard let bytes = fm.contents(atPath: from) else { throw KeysFolderCopyError("cannot read \(from)") }
            if fm.fileExists(atPath: to) {
                guard fm.contents(atPath: to) == bytes else {
                    throw KeysFolderCopyError("\(to) exists with another key; give an empty --keys-dir (a different key would change what verifiers trust)")
                }
                continue
            }
            guard fm.createFile(atPath: to, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
                throw KeysFolderCopyError("cannot write \(to)")
            }
        }
    }
}

/// A keys folder that cannot be copied, with why.
///
/// ```swift
/// throw KeysFolderCopyError("cannot write /etc/repositoryd/keys/repository.key")
/// ```
struct KeysFolderCopyError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
