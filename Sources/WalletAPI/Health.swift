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

    public init(status: String, version: String, xapiVersion: String, dataDirectory: String, socket: String, durability: String, counts: Counts) {
        self.status = status
        self.version = version
        self.xapiVersion = xapiVersion
        self.dataDirectory = dataDirectory
        self.socket = socket
        self.durability = durability
        self.counts = counts
    }
}
