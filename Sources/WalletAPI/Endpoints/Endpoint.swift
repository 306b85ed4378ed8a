/// One route of walletd's socket API, declared once: its method, path, who may call it, the body
/// it takes and the answer it gives. walletd's router registers it, the client library
/// (`WalletClient`) calls it, and the OpenAPI document lists it; a test holds the three together.
///
/// Paths are written as OpenAPI templates (`/v1/learners/{id}/progress`); ``path(_:)`` fills the
/// parameters in order, percent-encoded, for a request, and ``routerPath`` gives Hummingbird's form.
///
/// ```swift
/// let progress = Endpoints.progress                     // GET /v1/learners/{id}/progress
/// progress.path("ana-7f3e")                             // "/v1/learners/ana-7f3e/progress"
/// progress.routerPath                                   // "/v1/learners/:id/progress"
/// ```
public struct Endpoint<Body: Sendable, Answer: Sendable>: Sendable {
    public let method: EndpointMethod
    /// The OpenAPI path template.
    public let template: String
    public let access: EndpointAccess
    /// The status of a successful answer.
    public let success: Int
    /// One line for the OpenAPI document and `--help` texts.
    public let summary: String

    /// Other successful answers by status, with their type's name (`POST /v1/sync?wait=true`
    /// answers 200 with a `SyncRunResult` where it otherwise answers 202).
    public let alternatives: [Int: String]
    /// The query parameters the route reads.
    public let query: [String]
    /// The media type of a successful answer: JSON, but for `GET /v1/metrics` (Prometheus text).
    public let answerMediaType: String
    /// The media type of the body: JSON, but for `POST /v1/content` (a zip file).
    public let bodyMediaType: String
    /// Further media types the body may have and the answer may take (xAPI statements: a
    /// `multipart/mixed` body with attachment data, and a multipart answer to `attachments=true`).
    public let alsoTakes: [String]
    public let alsoAnswers: [String]

    public init(_ method: EndpointMethod, _ template: String, access: EndpointAccess, success: Int = 200,
                alternatives: [Int: Any.Type] = [:], query: [String] = [], answerMediaType: String = "application/json",
                bodyMediaType: String = "application/json", alsoTakes: [String] = [], alsoAnswers: [String] = [], summary: String) {
        self.answerMediaType = answerMediaType
        self.bodyMediaType = bodyMediaType
        self.alsoTakes = alsoTakes
        self.alsoAnswers = alsoAnswers
        self.method = method
        self.template = template
        self.access = access
        self.success = success
        self.alternatives = alternatives.mapValues { String(describing: $0) }
        self.query = query
        self.summary = summary
    }

    /// The names of the path's `{parameters}`, in order.
    public var parameterNames: [String] { EndpointPath.parameterNames(template) }

    /// Hummingbird's form of the path: `{id}` becomes `:id`.
    public var routerPath: String { EndpointPath.routerPath(template) }

    /// The request path with each `{parameter}` replaced by the next value, percent-encoded, and an
    /// optional query (`["limit": "5"]`, sorted by name).
    public func path(_ values: String..., query: [String: String] = [:]) -> String {
        EndpointPath.fill(template, values: values, query: query)
    }

    /// The endpoint without its Swift types, for lists and documents.
    public var erased: AnyEndpoint {
        AnyEndpoint(method: method, template: template, access: access, success: success, summary: summary,
                    body: Self.typeName(Body.self), answer: Self.typeName(Answer.self), alternatives: alternatives, query: query,
                    answerMediaType: answerMediaType, bodyMediaType: bodyMediaType, alsoTakes: alsoTakes, alsoAnswers: alsoAnswers)
    }

    /// The Swift type's name, which is its schema's name in the OpenAPI document; nil for `NoBody`.
    static func typeName(_ type: Any.Type) -> String? {
        type == NoBody.self ? nil : String(describing: type)
    }
}

/// An ``Endpoint`` without its body and answer types: what a route list or a document needs.
///
/// ```swift
/// for endpoint in Endpoints.all { print(endpoint.method.rawValue, endpoint.template) }
/// ```
public struct AnyEndpoint: Sendable, Hashable {
    public let method: EndpointMethod
    public let template: String
    public let access: EndpointAccess
    public let success: Int
    public let summary: String
    /// The name of the body's and the answer's type (their schemas in the OpenAPI document); nil: none.
    public let body: String?
    public let answer: String?
    /// Other successful answers: status → type name.
    public let alternatives: [Int: String]
    /// The query parameters the route reads.
    public let query: [String]
    /// The media type of a successful answer.
    public let answerMediaType: String
    /// The media type of the body.
    public let bodyMediaType: String
    /// Further media types of the body and of a successful answer.
    public let alsoTakes: [String]
    public let alsoAnswers: [String]
}

/// The HTTP methods the socket API uses.
public enum EndpointMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET", head = "HEAD", post = "POST", put = "PUT", delete = "DELETE"
}

/// Who may call an endpoint; walletd's router puts the matching middleware in front of it.
///
/// ```swift
/// Endpoints.progress.access   // .learner: the session of the learner the path names
/// ```
public enum EndpointAccess: String, Sendable, Hashable {
    /// Anyone who can open the socket (its file mode decides who can).
    case anyone
    /// Any learner's session (`Authorization: Bearer TOKEN`).
    case session
    /// The session of the learner named by the path's `{id}`; another learner's session gets 403.
    case learner
    /// The centre admin: the token in walletd's data folder (`admin.token`).
    case admin
    /// Anyone on the socket; with a session it answers for that learner only.
    case anyoneOrSession
}

/// Placeholder for "no body" in an ``Endpoint``'s types.
public struct NoBody: Codable, Sendable, Equatable {
    public init() {}
}
