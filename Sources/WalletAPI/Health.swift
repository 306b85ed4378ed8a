/// `GET /v1/health`: is the daemon up, which build, which data folder, how much it holds.
///
/// ```swift
/// let health = try JSONDecoder().decode(HealthResponse.self, from: body)
/// print(health.counts.statements)
/// ```
public struct HealthResponse: Codable, Sendable, Equatable {
    public struct Counts: Codable, Sendable, Equatable {
        public var learners: Int
        public var statements: Int
        public var activeSessions: Int
        public init(learners: Int, statements: Int, activeSessions: Int) {
            self.learners = learners
            self.statements = statements
            self.activeSessions = activeSessions
        }
    }

    public var status: String
    public var version: String
    public var xapiVersion: String
    public var dataDirectory: String
    public var socket: String
    public var durability: String
    public var counts: Counts
    /// The database's state: `ok`, `full` (the disk is full: changes are refused with 507
    /// `disk_full` until space is freed), `read_only` or `damaged` (an admin must act). When it is
    /// not `ok`, `status` is `degraded` and `storageMessage` says what to do. Absent from walletd
    /// builds older than this field.
    public var storage: String?
    public var storageMessage: String?

    public init(status: String, version: String, xapiVersion: String, dataDirectory: String, socket: String, durability: String, counts: Counts,
                storage: String? = nil, storageMessage: String? = nil) {
        self.status = status
        self.version = version
        self.xapiVersion = xapiVersion
        self.dataDirectory = dataDirectory
        self.socket = socket
        self.durability = durability
        self.counts = counts
        self.storage = storage
        self.storageMessage = storageMessage
    }
}
