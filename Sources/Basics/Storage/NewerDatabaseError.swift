/// A database a newer version of the program migrated: it holds schema changes this build does not
/// know, so opening it would misread it, and writing could damage it. Nothing was changed.
///
/// ```swift
/// throw NewerDatabaseError(program: "walletd", path: path, unknown: ["v9-something"], newestKnown: "v4-hub-epoch")
/// ```
public struct NewerDatabaseError: Error, Sendable, CustomStringConvertible {
    public var program: String
    public var path: String
    /// Migrations the database records that this build does not have, in no particular order.
    public var unknown: [String]
    /// The newest migration this build has.
    public var newestKnown: String

    public init(program: String, path: String, unknown: [String], newestKnown: String) {
        self.program = program
        self.path = path
        self.unknown = unknown.sorted()
        self.newestKnown = newestKnown
    }

    public var description: String {
        "\(path) was made by a newer \(program): its schema has \(unknown.joined(separator: ", ")), which this \(program) \(WalletVersion.string) "
            + "does not know (its newest schema is \(newestKnown)). Run the newer \(program) (the version that last ran on this data folder, or a later one); "
            + "an older one must not open it. Nothing was changed."
    }
}
