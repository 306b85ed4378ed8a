/// Every path of the wallet page, named once: the pages link to them and walletd's web routes
/// register them.
///
/// ```swift
/// WalletPaths.login(learner: "3f…")   // "/login?learner=3f…"
/// ```
public enum WalletPaths {
    public static let home = "/"
    public static let login = "/login"
    public static let logout = "/logout"
    public static let newLearner = "/learners/new"
    public static let courses = "/courses"
    public static let launch = "/courses/launch"
    /// A lesson's cmi5 return URL (`LessonReturnPage`).
    public static let lessonReturn = "/courses/return"
    public static let credentials = "/credentials"
    public static let sync = "/sync"
    public static let resolve = "/sync/resolve"
    public static let language = "/language"

    public static func login(learner: String) -> String { login + "?learner=" + HTML.query(learner) }
    public static func credential(_ id: String) -> String { credentials + "/" + HTML.query(id) }
    public static func export(_ id: String) -> String { credential(id) + "/export" }
}
